#!/usr/bin/env bash
# Runs the main jobs on the shipped example data (examples/). Usage: bash scripts/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p ipsrt-cli
ipsrt=target/release/ipsrt
run() { printf '\n$ ipsrt %s\n' "$*"; "$ipsrt" "$@"; }
run sources
run group replay examples/group/process_group.json
run group rules ipt_g
run ips fidelity examples/ips/fidelity_review.json
run ips kpis examples/ips/caseload.json --quarter 2026Q1
