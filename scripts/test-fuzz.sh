#!/usr/bin/env bash
# Fuzz smoke for CI: runs every cargo-fuzz target in fuzz/ for a few seconds, seeded with the
# committed regression inputs (fuzz/regressions/<target>/). Any panic fails the script and
# leaves the crashing input in fuzz/artifacts/<target>/ (copy it into fuzz/regressions/<target>/
# once fixed, so the normal test suite keeps replaying it).
#
# Installs cargo-fuzz if missing. libFuzzer needs nightly-only rustc flags; on a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks them. The core forbids `unsafe`, so no sanitizer is used (-s none):
# the builds are faster and a Rust panic is what we are looking for. The smoke uses a --dev build
# (overflow checks on, compiles in less than half the time of a release build: measured 4m14s
# against 10m24s cold on a 2-core machine shared with other builds); long runs should use the
# default release build (see docs/reliability.md).
#
# Usage: bash scripts/test-fuzz.sh [SECONDS_PER_TARGET]   (default 5; FUZZ_SECONDS also works)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-${FUZZ_SECONDS:-5}}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# shellcheck source=scripts/fuzz-flags.sh
source scripts/fuzz-flags.sh

cd fuzz
targets=$(cargo fuzz list)
echo "==> building fuzz targets: $(echo "$targets" | tr '\n' ' ')"
cargo fuzz build --dev -s none

for t in $targets; do
  corpus="corpus/$t"
  mkdir -p "$corpus"
  echo "==> fuzzing $t for ${seconds}s ($(fuzz_flags "$t"))"
  # fuzz_flags (scripts/fuzz-flags.sh): -timeout and -rss_limit_mb make a slow or greedy input
  # a crash; -max_len keeps inputs small enough to run many per second, while still larger
  # than every committed seed (long_input expands its short templates to 8 MiB).
  log="$(mktemp)"
  status=0
  # shellcheck disable=SC2046
  cargo fuzz run --dev -s none "$t" "$corpus" "regressions/$t" -- \
    -max_total_time="$seconds" $(fuzz_flags "$t") -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ +DONE" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz target $t failed (exit $status); the input is in fuzz/artifacts/$t/"
    exit 1
  fi
  rm -f "$log"
done
echo "==> fuzz smoke passed"
