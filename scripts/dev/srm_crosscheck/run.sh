#!/usr/bin/env bash
# Cross-checks `ipsrt srm score --format json` against scorer.py, an independent SRM scorer
# written only from shared/spec/srm.md §2.2 (exact integer ties, zero-resultant rule, antipodal
# values at mu - 720). Random diaries with ties, midnight bedtimes, missing days and duplicates.
#   bash scripts/dev/srm_crosscheck/run.sh SEED FORM PARTICIPANTS WEEKS "CLI FLAGS" "SCORER OPTS"
#   bash scripts/dev/srm_crosscheck/run.sh 1 srm_5 250 4 "--sd-floor 30" "sd_floor=30"
# Scorer options: hit_window= trim=(float|none) sd=(sample|population) sd_floor= min_occ=
# windows=(blocks|rolling) anchor=(first_diary_day|monday|sunday) hit_values=(kept|all).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
seed=$1; form=$2; np=$3; nw=$4; flags=${5:-}; opts=${6:-}
(cd "$root" && cargo build -q --release --locked -p ipsrt-cli)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
python3 gen.py "$work/d.csv" "$form" "$np" "$nw" "$seed"
# shellcheck disable=SC2086
"$root/target/release/ipsrt" srm score --form "$form" --format json $flags "$work/d.csv" > "$work/r.json"
echo -n "seed=$seed form=$form flags='$flags': "
# shellcheck disable=SC2086
python3 cmp.py "$work/d.csv" "$work/r.json" form="$form" $opts
