#!/usr/bin/env bash
# Runs the main jobs on the shipped example data (examples/). Usage: bash scripts/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p ipsrt-cli
ipsrt=target/release/ipsrt
run() { printf '\n$ ipsrt %s\n' "$*"; "$ipsrt" "$@"; }
# The main job: score the SRM diaries (one row per participant-week).
run srm score examples/srm_diaries.csv
run srm score examples/srm_diaries.csv --sd-floor 10 --format json --week-anchor monday > /dev/null
run srm chart examples/srm_diaries.csv --participant P02 -o target/srm_P02.svg
run sources
run group replay examples/group/process_group.json
run group rules ipt_g
run ips fidelity examples/ips/fidelity_review.json
run ips kpis examples/ips/caseload.json --quarter 2026Q1
run course replay examples/course_role_dispute.json
# An example with a rejected event: prints the index and reason and exits 1.
run course replay examples/course_rejected.json || echo "(exit code $?: rejected event, as expected)"
run plan evaluate examples/plan.json examples/observations.json
run plan risk --episodes 2
run ipsrt plan examples/ipsrt/rhythm_plan.json --on 2026-01-24
run ipsrt due examples/ipsrt/rhythm_plan.json --now 2026-03-29T01:30 --zone Europe/Amsterdam --overdue-since 2026-03-28
run ipsrt medication examples/ipsrt/medication_log.json --from 2026-01-05 --to 2026-01-07
run ipsrt life-chart examples/ipsrt/life_chart.json
run measure score phq9 --answers 1,2,0,1,1,0,0,1,1 --band
run measure score phq9 --answers 3,3,3,3,3,3,3,,1 --policy prorate:2
run measure score hrsd17 --answers 2,1,0,2,1,1,2,1,1,2,1,1,1,0,1,0,0 --band zimmerman_2013
run measure score phq9 --input examples/measures/phq9_baseline.json --band
"$ipsrt" measure score phq9 --input examples/measures/phq9_baseline.json --json > target/ipsrt_phq9_baseline.json
"$ipsrt" measure score phq9 --input examples/measures/phq9_week12.json --json > target/ipsrt_phq9_week12.json
run measure compare target/ipsrt_phq9_baseline.json target/ipsrt_phq9_week12.json
run ipsrt course examples/ipsrt/ipsrt_course.json
