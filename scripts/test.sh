#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit, integration, doc, shared vectors,
# benches once as smoke tests), then every binding suite (scripts/test-*.sh: Python, Kotlin,
# fuzz smoke). Installs what it needs by itself. Usage: bash scripts/test.sh
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

for suite in scripts/test-*.sh; do
  [ -e "$suite" ] || continue
  step "$suite"
  bash "$suite"
done

step "all test suites passed"
