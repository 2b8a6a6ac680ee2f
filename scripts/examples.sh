#!/usr/bin/env bash
# Runs the main jobs on the shipped example data (examples/). Usage: bash scripts/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p ipsrt-cli
ipsrt=target/release/ipsrt
run() { printf '\n$ ipsrt %s\n' "$*"; "$ipsrt" "$@"; }
run sources
run measure score phq9 --answers 1,2,0,1,1,0,0,1,1 --band
run measure score phq9 --answers 3,3,3,3,3,3,3,,1 --policy prorate:2
run measure score hrsd17 --answers 2,1,0,2,1,1,2,1,1,2,1,1,1,0,1,0,0 --band zimmerman_2013
run measure score phq9 --input examples/measures/phq9_baseline.json --band
"$ipsrt" measure score phq9 --input examples/measures/phq9_baseline.json --json > /tmp/ipsrt_phq9_baseline.json
"$ipsrt" measure score phq9 --input examples/measures/phq9_week12.json --json > /tmp/ipsrt_phq9_week12.json
run measure compare /tmp/ipsrt_phq9_baseline.json /tmp/ipsrt_phq9_week12.json
