#!/usr/bin/env bash
# Streams a synthetic long-format SRM CSV of N rows (never written to disk) through
# `ipsrt srm score` and reports wall time and the scorer's peak RSS (docs/reliability.md).
#   bash scripts/dev/stream_rows.sh 100000000
# Each participant has 14 diary days × 5 SRM-5 items = 70 rows; output goes to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
cargo build -q --release -p ipsrt-cli
gen() {
  awk -v N="$rows" 'BEGIN {
    print "participant,date,item,time,people,mood"
    split("out_of_bed first_contact start_work dinner to_bed", item, " ")
    split("07:00 07:40 09:00 18:30 23:10", time, " ")
    n = 0
    for (p = 0; n < N; p++) {
      for (d = 5; d < 19 && n < N; d++) {
        for (i = 1; i <= 5 && n < N; i++) {
          printf "P%08d,2026-01-%02d,%s,%s,1,0\n", p, d, item[i], time[i]
          n++
        }
      }
    }
  }'
}
start=$(date +%s.%N)
gen | target/release/ipsrt srm score /dev/stdin > /dev/null &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
  kib=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ -n "$kib" ] && [ "$kib" -gt "$peak" ] && peak=$kib
  sleep 0.2
done
wait "$pid"
end=$(date +%s.%N)
echo "rows=$rows wall_s=$(echo "$end - $start" | bc) peak_rss_kib=$peak"
