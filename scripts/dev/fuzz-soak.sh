#!/usr/bin/env bash
# Fuzz soak (not in CI): every cargo-fuzz target for SECONDS (default 600) on a release build,
# PARALLEL targets at a time (default 2; one libFuzzer process each, no -jobs/-workers), with
# the same per-input limits as the CI smoke (scripts/test-fuzz.sh): a slow input (-timeout)
# or a greedy one (-rss_limit_mb) counts as a crash. Corpora grow in fuzz/corpus/<target>/,
# crashes land in fuzz/artifacts/<target>/, one log per target in fuzz/soak-logs/.
# At the end it prints one table row per target (wall seconds actually run, executions,
# coverage, features, corpus, peak RSS, outcome) for docs/reliability.md.
#
# Usage: bash scripts/dev/fuzz-soak.sh [SECONDS] [PARALLEL] [TARGET...]   (SOAK_NO_BUILD=1: no build)
set -uo pipefail
cd "$(dirname "$0")/../../fuzz"

seconds="${1:-600}"
parallel="${2:-2}"
shift 2 2>/dev/null || shift $#
export RUSTC_BOOTSTRAP=1
export FUZZ_TIMEOUT="${FUZZ_TIMEOUT:-10}"
targets="${*:-$(cargo fuzz list)}"
# SOAK_NO_BUILD=1 reuses the binaries already in fuzz/target (for example while another build runs).
[ -n "${SOAK_NO_BUILD:-}" ] || cargo fuzz build -s none -O || exit 1
mkdir -p soak-logs

# Per-target flags, shared with scripts/test-fuzz.sh.
source ../scripts/fuzz-flags.sh

run() {
  local t="$1" start end status
  mkdir -p "corpus/$t" "artifacts/$t"
  start=$(date +%s)
  "target/x86_64-unknown-linux-gnu/release/$t" "corpus/$t" "regressions/$t" \
    -artifact_prefix="artifacts/$t/" -max_total_time="$seconds" $(fuzz_flags "$t") -print_final_stats=1 \
    >"soak-logs/$t.log" 2>&1
  status=$?
  end=$(date +%s)
  echo "$t $((end - start)) $status" >"soak-logs/$t.done"
}

for t in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 5; done
  echo "==> $(date -u +%H:%M:%S) soaking $t for ${seconds}s"
  run "$t" &
done
wait

echo "| target | ran (s) | executions | edges (cov) | features (ft) | corpus | peak RSS (MB) | outcome |"
echo "|---|---|---|---|---|---|---|---|"
for t in $targets; do
  log="soak-logs/$t.log"
  read -r _ wall status <"soak-logs/$t.done"
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  rss=$(grep -E '^stat::peak_rss_mb' "$log" | awk '{print $2}')
  last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -n 1)
  cov=$(echo "$last" | sed -E 's/.*cov: ([0-9]+).*/\1/')
  ft=$(echo "$last" | sed -E 's/.*ft: ([0-9]+).*/\1/')
  corp=$(echo "$last" | sed -E 's/.*corp: ([0-9]+\/[0-9a-zA-Z]+).*/\1/')
  case "$status" in
    0) outcome="no crash" ;;
    *) outcome="exit $status: $(grep -m1 -E 'ERROR: libFuzzer|panicked at|deadly signal' "$log" | cut -c1-80)" ;;
  esac
  echo "| \`$t\` | $wall | ${execs:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | ${rss:-?} | $outcome |"
done
