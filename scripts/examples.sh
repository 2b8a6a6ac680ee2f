#!/usr/bin/env bash
# Runs the main jobs on the shipped example data (examples/). Usage: bash scripts/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p ipsrt-cli
ipsrt=target/release/ipsrt
run() { printf '\n$ ipsrt %s\n' "$*"; "$ipsrt" "$@"; }
run sources
run srm score examples/srm_diaries.csv
run srm score examples/srm_diaries.csv --sd-floor 10 --format json --week-anchor monday > /dev/null
run srm chart examples/srm_diaries.csv --participant P02 -o target/srm_P02.svg
