#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit, integration, doc, shared vectors,
# benches once as smoke tests; rustdoc with warnings as errors; the publish dry run), then
# every binding suite (scripts/test-*.sh: Python, Kotlin, fuzz smoke), then the packages: the
# Python wheel and sdist (scripts/build-wheels.sh) and the JVM jar with its downstream test
# (scripts/build-jvm.sh). Installs what it needs by itself. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (unit, integration, shared vectors, doctests; benches run once)"
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked

step "cargo doc --no-deps (warnings are errors: broken intra-doc links fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q

# Packages what would be published (ipsrt, ipsrt-cli; the bindings are publish = false) and
# builds each package on its own, so a package that needs a file outside it fails here. About
# 1 minute of CPU (it compiles the two crates and their dependencies once more).
step "cargo publish --workspace --dry-run (the packages build from their own files)"
# The dry run verifies `ipsrt-cli` against the packaged `ipsrt` from a temporary registry. cargo
# treats a registry crate of a given version as immutable: it reuses an earlier dry run's
# extraction (registry/src/-<hash>/) and its build (target/debug), so a second run on one machine
# would verify against stale sources. Forget both for our crates only (no effect on a fresh clone).
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/ipsrt-[0-9]* "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/ipsrt-cli-[0-9]*
rm -rf target/debug/.fingerprint/ipsrt-????????????????
cargo publish --workspace --dry-run --locked --allow-dirty 2>&1 | grep -v "^warning: ignoring test" || exit 1

for suite in scripts/test-*.sh; do
  [ -e "$suite" ] || continue
  step "$suite"
  bash "$suite"
done

# The distributable packages, checked as a user gets them (docs/python.md, docs/mobile.md).
step "scripts/build-wheels.sh (manylinux2014 abi3 wheel and sdist: auditwheel show, twine check --strict; the sdist install is left to the script run by hand)"
IPSRT_SDIST_INSTALL=0 bash scripts/build-wheels.sh
step "scripts/build-jvm.sh (the JVM jar without test hooks, and a downstream program run against it)"
bash scripts/build-jvm.sh

step "all test suites passed"
