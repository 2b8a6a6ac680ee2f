# Messages with placeholders: course warnings, the default alert-level guidance of a
# relapse-prevention plan (shown to the patient), and the texts of the ipsrt command's human
# output. Every placeholder used here is used in every locale (the catalogue test checks it).

## Course warnings (warning-<code>)

warning-safety_signal_open = OPEN SAFETY SIGNAL ({ $level }) from { $instrument } recorded { $recorded }: { $items }; a clinician must review it and record safety_acknowledged (who, what was done)
warning-termination_not_raised = termination not yet raised, { $remaining } { $remaining ->
        [one] session
       *[other] sessions
    } left
warning-contract_used_up = the contract is used up: end the course or renegotiate the contract
warning-focus_overdue = no problem area chosen after { $held } sessions; the protocol chooses the focus by session { $window_end }
warning-evaluation_due = response evaluation due (protocol evaluates after sessions { $first }–{ $last })
warning-relapse_plan_missing = no relapse-prevention plan recorded yet; it is required to complete the course
warning-relapse_plan_empty = the relapse-prevention plan was recorded empty (no reference, no summary): record it again with its reference or a summary
warning-termination_tasks_open = termination tasks open: { $open }; record each (termination_task_recorded) or why it is left out (termination_task_skipped)
warning-consecutive_missed = { $count } sessions missed in a row: discuss the absences openly
warning-fresh_evaluation_due = a fresh response evaluation is due: none was made at or after session { $stop }, where the protocol decides on stopping
warning-stop_candidate = stop candidate: the evaluation after { $after_sessions } sessions found { $verdict }{ $reduction ->
        [none] {""}
       *[other] , a { $reduction } % reduction{ $threshold ->
            [none] {""}
           *[other] {" "}(under { $threshold } % is no response)
        }
    }; end the course offering an alternative (ended_non_response) or record why treatment continues (non_response_stop_declined)
warning-dispute_dissolved = the role dispute has reached dissolution, which is worked on like a role transition: to switch the focus, record focus_changed {"{"}area: role_transition, replaces: role_dispute, reason{"}"}
warning-deficits_unacknowledged = interpersonal deficits is the focus, but other areas may apply ({ $evidence }); deficits is the residual area: review this and record deficits_acknowledged (who, why), or change the focus
deficits-life-events = life events near onset: { $items }
deficits-deceased = deceased: { $items }
deficits-open-conflicts = open conflicts: { $items }
deficits-changes = relationship changes near onset: { $items }
deficits-not-assessed = not assessed, so other areas cannot be ruled out: { $items }
deficits-assess = assess them (person_updated) before relying on deficits
deficits-onset-unknown = symptom onset is not recorded, so every dated event counts

## Default guidance per alert level (guidance-<list>-<n>, numbered from 1 without gaps)

guidance-green-1 = Follow the daily maintenance plan.
guidance-watch-1 = Follow the trigger action plan.
guidance-watch-2 = Monitor more often (mood, sleep, SRM).
guidance-early_warning-1 = Follow the early-warning action plan.
guidance-early_warning-2 = Contact the clinician within 1–2 working days.
guidance-breaking_down-1 = Contact the clinician the same day.
guidance-breaking_down-2 = Activate supporters.
guidance-crisis-1 = Start the safety workflow now: show the crisis plan.
guidance-crisis-2 = Call the crisis line or the emergency number listed with this alert.
guidance-crisis-3 = Notify the clinician if consented.
guidance-manic_prodrome-1 = Reduce stimulation: cut back social activities, avoid evening stimulation.
guidance-manic_prodrome-2 = Protect the bedtime and rest.
guidance-manic_prodrome-3 = Avoid caffeine, alcohol and drugs.
guidance-manic_prodrome-4 = Contact the psychiatrist for a medication review, or use the agreed as-needed medication.
guidance-manic_prodrome-5 = Involve supporters.
guidance-depressive_prodrome-1 = Keep the wake time fixed and avoid naps.
guidance-depressive_prodrome-2 = Keep activity and social contact up.
guidance-depressive_prodrome-3 = Contact the clinician.

## Relapse plans: the statement shown with alert levels, and crisis-line regions

disclaimer = Alert levels support you and your clinician; they are not a diagnosis and this is not an emergency service. In danger, call: { $numbers }.
disclaimer-region = Alert levels support you and your clinician; they are not a diagnosis and this is not an emergency service. In danger, call ({ $region }): { $numbers }.
region-nl = the Netherlands
region-be = Belgium
region-de = Germany
region-gb = the United Kingdom
region-ie = Ireland
region-us = the United States
region-ca = Canada
region-au = Australia

## The ipsrt command: error headlines

cli-error-input = bad input or usage
cli-error-rejected = rejected by a clinical rule

## The ipsrt command: `measure score` text output

cli-measure-safety = !! SAFETY { $level }: item { $number } ({ $item }) answered { $answer } (threshold ≥ { $at_least }): { $description }  [{ $source }]
cli-measure-safety-review = !! a clinician must review the safety signal(s) above, whatever the total
cli-measure-safety-unanswered = !! safety item { $item } is unanswered: ask it; a missing answer is not "no risk"
cli-measure-total = { $instrument } v{ $version }  total: { $total }  ({ $status })
cli-measure-not-computed = not computed
cli-measure-status-complete = complete
cli-measure-status-prorated = prorated over { $missing } missing
cli-measure-status-zero = { $missing } missing counted as 0
cli-measure-status-incomplete = incomplete: { $missing } missing
cli-measure-answered = answered: { $answered }/{ $items }  policy: { $policy }
cli-measure-missing = missing: { $items }
cli-measure-flag = flag { $id }: { $state }  [{ $source }]
cli-measure-band = band ({ $scheme }): { $label } { $min }–{ $max }  [{ $source }]
cli-measure-source = source: { $source }
