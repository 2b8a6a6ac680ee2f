#!/usr/bin/env bash
# Runs the main jobs on the shipped example data (examples/) and writes every result to a folder.
# Usage: bash scripts/examples.sh [OUTPUT_DIR]      (default: examples-output/, git-ignored)
#
# It prints one line per result file saying what it is, the legend of the SRM score columns and
# a short summary. Nothing else: open the files to read the results. The bibliography every
# result cites is `ipsrt sources` (not printed here).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-examples-output}
echo "building the ipsrt command (cargo build --release -p ipsrt-cli) ..."
cargo build --release --locked -q -p ipsrt-cli
ipsrt=target/release/ipsrt
rm -rf "$out"
mkdir -p "$out"

files=0
failed=()
# job FILE EXPECTED_EXIT DESCRIPTION -- ARGS...: runs `ipsrt ARGS`, stdout (and stderr) into
# $out/FILE, and prints one line for it.
job() {
  local file=$1 expected=$2 what=$3
  shift 4
  local code=0
  "$ipsrt" "$@" > "$out/$file" 2> "$out/.stderr" || code=$?
  if [ -s "$out/.stderr" ]; then
    { [ -s "$out/$file" ] && echo; echo "# stderr:"; cat "$out/.stderr"; } >> "$out/$file"
  fi
  rm -f "$out/.stderr"
  files=$((files + 1))
  if [ "$code" -ne "$expected" ]; then
    failed+=("$file (ipsrt $*: exit $code, expected $expected)")
    printf '  %-34s FAILED (exit %s): %s\n' "$file" "$code" "$what"
  else
    printf '  %-34s %s\n' "$file" "$what"
  fi
}

echo
echo "Results in $out/:"
# The main job: score the SRM diaries (one row per participant-week).
job srm_scores.csv 0 "SRM scores of examples/srm_diaries.csv, one row per participant-week (legend below)" \
  -- srm score examples/srm_diaries.csv
job srm_scores_detail.json 0 "the same with per-item detail and summaries; SD floor 10 min, weeks from Monday" \
  -- srm score examples/srm_diaries.csv --sd-floor 10 --format json --week-anchor monday
job srm_P02.svg 0 "chart of participant P02's weeks (open in a browser)" \
  -- srm chart examples/srm_diaries.csv --participant P02
job course_role_dispute.txt 0 "an IPT course replayed: phase, sessions, focus (role dispute)" \
  -- course replay examples/course_role_dispute.json
job course_rejected.txt 1 "a course log with an illegal event: the index and reason (exit 1, expected)" \
  -- course replay examples/course_rejected.json
job phq9_answers.txt 0 "PHQ-9 from answers, with its severity band and the item-9 safety flag" \
  -- measure score phq9 --answers 1,2,0,1,1,0,0,1,1 --band
job phq9_prorated.txt 0 "PHQ-9 with one item missing, prorated" \
  -- measure score phq9 --answers 3,3,3,3,3,3,3,,1 --policy prorate:2
job hrsd17.txt 0 "HRSD-17 with the Zimmerman 2013 bands" \
  -- measure score hrsd17 --answers 2,1,0,2,1,1,2,1,1,2,1,1,1,0,1,0,0 --band zimmerman_2013
job phq9_baseline.json 0 "PHQ-9 at baseline (examples/measures/phq9_baseline.json) as JSON" \
  -- measure score phq9 --input examples/measures/phq9_baseline.json --band --format json
job phq9_week12.json 0 "PHQ-9 at week 12 as JSON" \
  -- measure score phq9 --input examples/measures/phq9_week12.json --format json
job phq9_change.json 0 "baseline → week 12: response, remission, minimal important change" \
  -- measure compare "$out/phq9_baseline.json" "$out/phq9_week12.json"
job care_status.txt 0 "a six-month IPSRT patient's care record on 2026-06-30 at 12:00: due, missed, adherence per task, alert level with plan version, open safety warnings" \
  -- care status examples/care_record.json --on 2026-06-30 --at 12:00
job care_record.json 0 "the same care log replayed: every machine rebuilt, alerts with plan version and evidence (deterministic JSON)" \
  -- care replay examples/care_record.json
job care_chart.svg 0 "the same patient's PHQ-9 and ASRM scores as the clinician's chart: bands, response, remission, reliable change (open in a browser)" \
  -- care chart examples/care_record.json
job phq9_series.txt 0 "a PHQ-9 series: band, response, remission and reliable change per score" \
  -- measure series --input examples/measures/phq9_series.csv
job phq9_series.svg 0 "the same series as the clinician's chart (open in a browser)" \
  -- measure chart --input examples/measures/phq9_series.csv --title "example"
job measure_scores.csv 0 "a CSV file of answer sets (examples/measures/answers.csv) scored row by row" \
  -- measure score --input examples/measures/answers.csv
job plan_alert_levels.txt 0 "relapse plan: alert levels over time from examples/observations.json, with reasons" \
  -- plan evaluate examples/plan.json examples/observations.json
job recurrence_risk.txt 0 "recurrence risk after 2 episodes, every figure with its source" \
  -- plan risk --episodes 2
job rhythm_plan.txt 0 "IPSRT rhythm stabilisation plan: stage, targets, steps due on 2026-01-24" \
  -- ipsrt plan examples/ipsrt/rhythm_plan.json --on 2026-01-24
job rhythm_due_dst.txt 0 "anchor due times across the Amsterdam spring-forward night (29 March 2026)" \
  -- ipsrt due examples/ipsrt/rhythm_plan.json --now 2026-03-29T01:30 --zone Europe/Amsterdam --overdue-since 2026-03-28
job medication.txt 0 "medication adherence 5–7 January 2026 and the non-adherence signal" \
  -- ipsrt medication examples/ipsrt/medication_log.json --from 2026-01-05 --to 2026-01-07
job life_chart.txt 0 "life chart: episodes and what preceded them" \
  -- ipsrt life-chart examples/ipsrt/life_chart.json
job ipsrt_course.txt 0 "an IPSRT course: phase, tasks still to do, maintenance visits" \
  -- ipsrt course examples/ipsrt/ipsrt_course.json
job group_process.txt 0 "a process group replayed: members, waitlist, attendance" \
  -- group replay examples/group/process_group.json
job group_rules_ipt_g.json 0 "the default rules of group IPT (IPT-G), with sources" \
  -- group rules ipt_g
job ips_fidelity.txt 0 "IPS-25 fidelity review: items, sections, total and band" \
  -- ips fidelity examples/ips/fidelity_review.json
job ips_kpis_2026Q1.txt 0 "IPS caseload KPIs for the first quarter of 2026" \
  -- ips kpis examples/ips/caseload.json --quarter 2026Q1

cat <<'EOF'

SRM score columns (srm_scores.csv; see docs/srm.md):
  participant    the participant id in the diary file
  week_start     the first diary day of the 7-day window
  score          Social Rhythm Metric: hits / counted_items, 0 to 7; higher = more regular;
                 empty = not scorable (no activity done on 3 or more days), never 0
  hits           activity times within ±45 min of that activity's habitual time for the week
                 (habitual = mean after trimming times beyond 1.5 SD)
  counted_items  activities done on at least 3 days of the week (only these count)
  ali            Activity Level Index: how many activities were done that week, counted per day
                 (at most 35 on the SRM-5, 119 on the SRM-17)
  days_recorded  days of the window with anything written in the diary
EOF

weeks=$(($(wc -l < "$out/srm_scores.csv") - 1))
participants=$(tail -n +2 "$out/srm_scores.csv" | cut -d, -f1 | sort -u | wc -l)
unscorable=$(tail -n +2 "$out/srm_scores.csv" | awk -F, '$3 == ""' | wc -l)
echo
echo "Summary: $files result files in $out/; $weeks participant-weeks of $participants participants scored" \
  "($unscorable not scorable); every clinical number cites a source (list them: $ipsrt sources)."
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${#failed[@]} job(s) did not exit as expected:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "All jobs exited as expected (the rejected course log exits 1 on purpose)."
