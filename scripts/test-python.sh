#!/usr/bin/env bash
# The Python binding's test suite, from scratch: a fresh virtualenv (.venv-test, gitignored),
# maturin from PyPI, the ipsrt wheel built and installed with its [test] extras, then
# pytest (shared test vectors, errors, pickling, batch scoring, Dask on a LocalCluster, Spark in
# local mode: pyspark comes with the [test] extras and needs Java 17), mypy --strict on the tests
# and the example script, and stubtest (the hand-written .pyi against the runtime module).
# Needs python3 >= 3.10 and cargo; installs python3-venv from Debian if it is missing.
# Usage: bash scripts/test-python.sh        (IPSRT_PY_PROFILE=release for a release wheel)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv="$root/.venv-test"
py=${PYTHON:-python3}
profile=${IPSRT_PY_PROFILE:-debug}
start=$(date +%s)

step() { printf '\n--> python: %s\n' "$*"; }

if ! "$py" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null; then
  echo "scripts/test-python.sh needs python3 >= 3.10 (set PYTHON=...)" >&2
  exit 1
fi
if ! "$py" -m venv --help >/dev/null 2>&1 || ! "$py" -c 'import ensurepip' >/dev/null 2>&1; then
  step "installing python3-venv (Debian)"
  if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv python3-dev
fi

step "fresh virtualenv $venv"
rm -rf "$venv"
"$py" -m venv "$venv"
vpy="$venv/bin/python"
"$vpy" -m pip install -q --upgrade pip
"$vpy" -m pip install -q "maturin>=1.16,<2"

step "maturin build ($profile)"
wheels="$root/target/wheels-test"
rm -rf "$wheels"
flags=()
[ "$profile" = release ] && flags+=(--release)
(cd bindings/python && "$venv/bin/maturin" build --locked "${flags[@]}" --out "$wheels")
wheel=$(ls "$wheels"/ipsrt-*.whl)

step "install the wheel with its [test] extras"
"$vpy" -m pip install -q "${wheel}[test]"

# Run from the tests' folder against the installed wheel (not the source tree).
cd "$root/bindings/python"
step "pytest"
set +e
"$vpy" -m pytest -p no:cacheprovider tests
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "pytest collected no tests: that is a failure" >&2; exit 1; fi
[ "$rc" = 0 ] || exit "$rc"

step "mypy --strict (tests and example)"
"$vpy" -m mypy --strict --cache-dir /dev/null tests examples

step "stubtest (stubs vs runtime)"
"$vpy" -m mypy.stubtest ipsrt --allowlist stubtest-allowlist.txt --mypy-config-file pyproject.toml

printf '\npython: all passed in %ss\n' "$(( $(date +%s) - start ))"
