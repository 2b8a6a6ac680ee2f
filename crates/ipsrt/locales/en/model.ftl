# Labels of the clinical model: problem areas, dispute stages, phases, alert levels, safety
# levels, schedule occurrence states and error kinds. Message ids are built from the stable
# machine codes; the catalogue test (crates/ipsrt/tests/i18n_catalogue.rs) checks that every
# code has a label in every locale.

locale-name = English

## Problem areas (WMK-4 and IPSRT-5 names; SR-3 names where SR-3 differs)

problem-area-grief = grief
problem-area-grief-sr3 = grief and loss
problem-area-role_dispute = role dispute
problem-area-role_dispute-sr3 = interpersonal disputes
problem-area-role_transition = role transition
problem-area-interpersonal_deficits = interpersonal deficits
problem-area-lost_healthy_self = grief for the lost healthy self

## Role-dispute stages

dispute-stage-renegotiation = renegotiation
dispute-stage-impasse = impasse
dispute-stage-dissolution = dissolution

## Course phases

phase-initial = initial
phase-middle = middle
phase-termination = termination
phase-maintenance = maintenance
phase-ended = ended

## Response verdicts of an evaluation

verdict-remission = remission
verdict-response = response
verdict-partial_response = partial response
verdict-minimal_or_no_benefit = minimal or no benefit

## Termination tasks, their states, delivery modes and populations

termination-task-loss_expressed = loss expressed
termination-task-independent_competence = independent competence
termination-task-aftercare_agreed = aftercare agreed
task-state-open = open
task-state-done = done
task-state-skipped = skipped
delivery-mode-in_person = in person
delivery-mode-phone = phone
delivery-mode-video = video
delivery-mode-group = group
population-adult = adult
population-adolescent = adolescent
population-perinatal = perinatal
population-older_adult = older adult

## Alert levels of a relapse-prevention plan

alert-level-green = Green
alert-level-watch = Watch
alert-level-early_warning = Early warning
alert-level-breaking_down = Breaking down
alert-level-crisis = Crisis

## Safety-signal levels

safety-level-notice = notice
safety-level-safety_check = safety check
safety-level-crisis = crisis

## States of a scheduled occurrence

occurrence-upcoming = upcoming
occurrence-open = open
occurrence-overdue = overdue
occurrence-missed = missed
occurrence-completed_on_time = completed on time
occurrence-completed_late = completed late
occurrence-excused = excused

## Error kinds: the headline, and what to do

error-kind-invalid_input = invalid input
error-kind-illegal_transition = not allowed in the current state
error-kind-not_scorable = not enough data to score
error-kind-not_found = not found
error-kind-schema = stored data of an unknown or newer version
error-kind-parse = unreadable input
error-advice-invalid_input = Correct the value the message names and try again.
error-advice-illegal_transition = Nothing was changed. Record first what the message says is missing.
error-advice-not_scorable = Add the missing data the message names, or choose another missing-data policy.
error-advice-not_found = Check the name or id in the message; add it first if it should exist.
error-advice-schema = Upgrade ipsrt, or check that the file is the right kind of stored data.
error-advice-parse = Check the file's format (JSON or CSV, UTF-8) at the place the message names.

## Admission criteria of the long-term process group (group::AdmissionCriterion; source S3)

admission-criterion-complaints_in_the_way = has psychological complaints (anxiety, mood) that get in the way
admission-criterion-wants_to_understand = wants to understand where the complaints come from, in order to change them
admission-criterion-recurring_patterns = can imagine that the problems involve recurring patterns in relationships
admission-criterion-interested_in_self = is interested in themself
admission-criterion-coping_capacity = has enough coping capacity
admission-criterion-supportive_environment = has at least a minimally supportive social environment in which to practise
admission-criterion-room_for_patterns = everyday problems do not dominate, so there is room to work on patterns (otherwise the group may be unsuitable)
