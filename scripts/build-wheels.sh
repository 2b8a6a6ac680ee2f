#!/usr/bin/env bash
# Builds the Python distribution of ipsrt into target/dist/:
#   * one manylinux2014 (glibc 2.17) x86_64 abi3 wheel (CPython >= 3.10), linked with zig
#     (PyPI `ziglang`) against glibc 2.17 whatever the build machine has;
#   * the sdist (source, with the Rust crates it needs);
# then checks them: `auditwheel show` must find the wheel consistent with manylinux_2_17,
# `twine check --strict` must accept the metadata and the README, the wheel must install and
# import in a clean virtualenv, and so must the sdist (pip compiles it; IPSRT_SDIST_INSTALL=0
# skips that, which scripts/test.sh does to keep CI short: see docs/python.md).
# Installs its tools into a fresh virtualenv (.venv-dist, git-ignored) from PyPI.
# Usage: bash scripts/build-wheels.sh          (scripts/test.sh runs it with IPSRT_SDIST_INSTALL=0)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv="$root/.venv-dist"
dist="$root/target/dist"
py=${PYTHON:-python3}
start=$(date +%s)

step() { printf '\n--> wheels: %s\n' "$*"; }

step "fresh virtualenv $venv with maturin, ziglang, auditwheel, twine"
rm -rf "$venv" "$dist"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "maturin>=1.16,<2" "ziglang>=0.13" "auditwheel>=6" "twine>=6"
export PATH="$venv/bin:$PATH"

step "maturin build --release --zig --compatibility manylinux2014 (x86_64, abi3)"
(cd bindings/python && maturin build --release --locked --zig --compatibility manylinux2014 \
  --target x86_64-unknown-linux-gnu --out "$dist")
step "maturin sdist"
(cd bindings/python && maturin sdist --out "$dist")

wheel=$(ls "$dist"/ipsrt-*.whl)
sdist=$(ls "$dist"/ipsrt-*.tar.gz)
case "$wheel" in
  *-cp310-abi3-*manylinux*_2_17_x86_64*.whl) ;;
  *) echo "unexpected wheel name: $wheel" >&2; exit 1 ;;
esac

step "auditwheel show"
auditwheel show "$wheel" | tee "$dist/auditwheel.txt"
grep -q 'manylinux_2_17_x86_64' "$dist/auditwheel.txt" \
  || { echo "auditwheel: the wheel is not consistent with manylinux_2_17" >&2; exit 1; }

step "twine check --strict"
twine check --strict "$wheel" "$sdist"

# smoke VENV: ipsrt imports from VENV (not from the source tree) and scores a PHQ-9.
smoke() {
  (cd / && "$1/bin/python" -c 'import ipsrt; s = ipsrt.score_measure("phq9", [1, 2, 0, 1, 1, 0, 0, 1, 1]); assert s.total == 7; print("    import ipsrt", ipsrt.__version__, "from", ipsrt.__file__.rsplit("/site-packages/", 1)[0] + "/site-packages: ok, PHQ-9 total", s.total)')
}

step "the wheel installs and imports in a clean virtualenv"
rm -rf "$venv-smoke"
"$py" -m venv "$venv-smoke"
"$venv-smoke/bin/python" -m pip install -q "$wheel"
smoke "$venv-smoke"
rm -rf "$venv-smoke"

# pip builds the sdist on its own (PEP 517: maturin from PyPI in an isolated build environment,
# cargo on the unpacked sources, so a file missing from the sdist fails here). Compiling the
# Rust in release takes minutes; target/sdist-build keeps compiled dependencies between runs
# (the unpacked crates themselves are rebuilt every time). IPSRT_SDIST_INSTALL=0 skips it.
if [ "${IPSRT_SDIST_INSTALL:-1}" = 0 ]; then
  step "skipped: installing the sdist (IPSRT_SDIST_INSTALL=0)"
else
  step "the sdist builds and installs in a clean virtualenv (pip compiles the Rust)"
  sdist_start=$(date +%s)
  rm -rf "$venv-sdist"
  "$py" -m venv "$venv-sdist"
  "$venv-sdist/bin/python" -m pip install -q --upgrade pip
  CARGO_TARGET_DIR="$root/target/sdist-build" "$venv-sdist/bin/python" -m pip install -q --no-binary ipsrt "$sdist"
  smoke "$venv-sdist"
  rm -rf "$venv-sdist"
  echo "    sdist built and installed in $(( $(date +%s) - sdist_start )) s"
fi

ls -l "$dist"
echo "wheels: built and checked in $(( $(date +%s) - start )) s"
