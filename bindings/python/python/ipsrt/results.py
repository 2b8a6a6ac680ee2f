"""Typed shapes of the dict results that cross as the core's serde form, for ``mypy --strict``.

At runtime these are plain dicts; the types let mypy check every key an analysis reads (a
misspelt key is an error before the code runs). Dates and times are ISO text here, as in the
core's JSON form.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal, TypedDict, Union

from ._ipsrt import SrmEntry, WarningSign

# --- Shared shapes: sources, cited values, zoned moments ---------------------------------------

Evidence = Literal["seed", "verified", "checked", "manual_recalled", "design"]
"""How sure a source's statement is (``source::Evidence``)."""
AlertLevelName = Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
"""An alert level of the relapse machine."""


class SourceDict(TypedDict):
    """Where a number or rule comes from (``source::Source``): a key of ``ipsrt.references()``."""

    key: str
    locator: str
    evidence: Evidence


class CitedIntDict(TypedDict):
    """A whole number with its source (``source::Cited<u32>`` and the like)."""

    value: int
    source: SourceDict


class CitedFloatDict(TypedDict):
    """A number with its source (``source::Cited<f64>``)."""

    value: float
    source: SourceDict


class CitedBoolDict(TypedDict):
    """A yes/no rule with its source (``source::Cited<bool>``)."""

    value: bool
    source: SourceDict


class ZonedDateTimeDict(TypedDict):
    """A local wall-clock moment and its IANA zone (``time::ZonedDateTime``)."""

    local: str
    """``"YYYY-MM-DDTHH:MM:SS"``, local time."""
    zone: str


class _ItemScoreOptional(TypedDict, total=False):
    target: str
    """The target time used under the (non-standard) target reference, ``"HH:MM"``."""


class ItemScoreDict(_ItemScoreOptional):
    """Per-item detail of a scored SRM week (the core's ``srm::ItemScore``)."""

    item: str
    n: int
    counted: bool
    kept: int
    hits: int
    habitual: str | None
    habitual_minutes: float | None
    sd_minutes: float | None
    floor_applied: bool
    excluded: list[str]
    days: list[Literal["no_occurrence", "not_counted", "excluded", "miss", "hit"]]
    """What happened to each day's value (7)."""


class WeekScoreDict(TypedDict):
    """A scored 7-day SRM window (the core's ``srm::WeekScore``); ``score`` is None when the
    week is not scorable (never 0)."""

    start: str
    score: float | None
    hits: int
    counted_items: int
    ali: int
    days_recorded: int
    reference: Literal["habitual", "target"]
    items: list[ItemScoreDict]


# --- IPS (the core's ipsrt::ips) --------------------------------------------------------------

IpsExitReason = Literal["goals_met", "chose_to_leave", "lost_contact", "moved_away", "transferred", "health",
                        "died", "other", "not_recorded"]
"""Why a participant left the IPS caseload (``not_recorded`` only in migrated version 1 data)."""
IpsDisclosure = Literal["disclosed", "not_disclosed", "undecided"]
"""A disclosure decision for one employer."""
IpsEducationStatus = Literal["planned", "in_progress", "achieved", "stopped"]
"""Where an education goal stands."""
EmploymentRateBandName = Literal["below_minimal", "minimal", "average", "excellent"]
"""The benchmark band of a quarterly competitive employment rate."""


class IpsJobDict(TypedDict):
    """A job (the core's ``ips::Job``); ``competitive`` False keeps it out of every KPI."""

    employer: str
    title: str | None
    hours_per_week: float
    hourly_wage: float | None
    competitive: bool


class IpsJobSpellDict(TypedDict):
    """One period in one job (``ips::JobSpell``); ``end`` None while ongoing."""

    job: IpsJobDict
    start: str
    end: str | None


class IpsEpisodeDict(TypedDict):
    """One stay on the caseload (``ips::CaseloadEpisode``)."""

    entered_on: str
    exited_on: str | None
    exit_reason: IpsExitReason | None
    exit_note: str | None


class IpsDisclosureDict(TypedDict):
    """The latest disclosure decision for one employer (``ips::DisclosureRecord``)."""

    employer: str
    decision: IpsDisclosure
    date: str


class IpsBenefitsSessionDict(TypedDict):
    """A benefits-counselling session (``ips::BenefitsSession``)."""

    date: str
    topic: str


class IpsJobPreferencesDict(TypedDict):
    """Kinds of work, hours and places a participant prefers (``ips::JobPreferences``)."""

    kinds_of_work: list[str]
    hours_per_week: float | None
    locations: list[str]
    note: str | None


class IpsDatedPreferencesDict(TypedDict):
    """Job preferences with the date they were recorded (``ips::DatedPreferences``)."""

    date: str
    preferences: IpsJobPreferencesDict


class IpsEducationGoalDict(TypedDict):
    """An education goal and its latest status (``ips::EducationGoalRecord``)."""

    goal: str
    status: IpsEducationStatus
    set_on: str
    updated_on: str


class SummaryDict(TypedDict):
    """Count, mean and median (``ips::Summary``); mean and median None when n is 0."""

    n: int
    mean: float | None
    median: float | None


_KpisFrom = TypedDict("_KpisFrom", {"from": str})
"""``from`` is a Python keyword, so the period's first day is declared in functional form."""


class IpsCaseloadKpisDict(_KpisFrom):
    """Caseload KPIs over a period (``ips::CaseloadKpis``); non-competitive jobs are only in the
    two ``non_competitive_*`` fields."""

    to: str
    active: int
    employed: int
    competitive_employment_rate: float | None
    employment_rate_band: EmploymentRateBandName | None
    days_to_first_employer_contact: SummaryDict
    first_contact_eligible: int
    first_contact_within_30_days: int
    days_to_first_job: SummaryDict
    job_starts: int
    weeks_worked: SummaryDict
    longest_job_tenure_weeks: SummaryDict
    employed_90_days_or_more: int
    working_20_hours_or_more: int
    total_hours: float
    total_wages: float
    caseload_per_specialist: float | None
    caseload_within_target: bool | None
    exits: int
    non_competitive_employed: int
    non_competitive_job_starts: int


class InitialTaskDict(TypedDict):
    """An initial-phase task not yet done (``Course.missing_initial_tasks``)."""

    task: Literal["diagnosis", "sick_role", "inventory", "problem_area", "formulation", "contract"]
    todo: str
    """What is missing, naming the event type (``"... (person_added)"``)."""
    missing: str
    """What is missing, without the operation."""
    operation: str
    """What Python calls to do it: a ``Course`` method, or the event type for ``Course.apply``."""


class DeliveryCountDict(TypedDict):
    """Attended sessions per delivery mode (``None``: mode not recorded)."""

    mode: str | None
    attended: int


class TerminationTaskStatusDict(TypedDict):
    """One termination task and its state."""

    task: Literal["loss_expressed", "independent_competence", "aftercare_agreed"]
    state: Literal["open", "done", "skipped"]


class _CourseStatusOptional(TypedDict, total=False):
    contract_sessions: int
    """Sessions in the contract, when one is set."""
    remaining: int
    """Sessions left under the contract, when one is set."""
    population: str
    """The population, when set (``"adult"``, ``"adolescent"``, ...)."""


class CourseStatusDict(_CourseStatusOptional):
    """A course's status (the core's ``course::CourseStatus``, ``Course.status()``)."""

    phase: str
    attended: int
    missed: int
    cancelled: int
    focus: list[ChosenAreaDict]
    """The chosen problem areas (each a ``Course.area`` dict)."""
    delivery: list[DeliveryCountDict]
    combined_treatment: bool
    medication: list[str]
    termination_tasks: list[TerminationTaskStatusDict]
    warnings: list[CourseWarningDict]
    """Each told apart by its ``warning`` code; ``Course.warnings_in`` gives them as sentences."""


class _ReasonOptional(TypedDict, total=False):
    pole: Literal["depressive", "manic", "either"]
    """The mood pole, when the rule is about one."""
    sign: str
    """The warning sign's id, for sign rules."""
    trigger: str
    """The trigger's life-event kind, for trigger rules."""
    safety_item: str
    """The safety item, for safety rules (``"phq9_item9"``, ...)."""


class ReasonDict(_ReasonOptional):
    """Why the alert machine is (or was) at a level: one rule that fired (``relapse::Reason``)."""

    rule: str
    """The rule's snake_case name (``"phq9_item9"``, ``"phq9_total"``, ``"held"``, ...)."""
    level: AlertLevelName
    observed: str
    """What was observed, in words with values and dates."""
    threshold: str
    source: SourceDict
    observed_on: str


class _ContactOptional(TypedDict, total=False):
    phone: str
    note: str
    source: SourceDict


class ContactDict(_ContactOptional):
    """A contact of a relapse plan in its serde form (``relapse::Contact``)."""

    name: str
    role: Literal["supporter", "clinician", "psychiatrist", "crisis_line", "emergency"]
    from_level: AlertLevelName


class _ActionOriginOptional(TypedDict, total=False):
    kind: str
    """The trigger's life-event kind (``type`` ``"trigger"``)."""
    id: str
    """The warning sign's id (``type`` ``"sign"``)."""


class ActionOriginDict(_ActionOriginOptional):
    """Where a planned action comes from in the plan (``relapse::ActionOrigin``)."""

    type: Literal["level", "daily_maintenance", "trigger", "sign", "breaking_down", "manic_prodrome",
                  "depressive_prodrome"]


class PlannedActionDict(TypedDict):
    """An action of the relapse-prevention plan (``RelapsePlan.actions_for``, transitions)."""

    text: str
    must: bool
    origin: ActionOriginDict
    """Where it comes from: ``{"type": "level"}``, ``{"type": "trigger", "kind": ...}``, ..."""


# `from` is a Python keyword, so the transition is declared in the functional form.
_TransitionRequired = TypedDict(
    "_TransitionRequired",
    {
        "date": str,
        "from": Literal["green", "watch", "early_warning", "breaking_down", "crisis"],
        "to": Literal["green", "watch", "early_warning", "breaking_down", "crisis"],
        "direction": Literal["escalation", "deescalation"],
        "reasons": list[ReasonDict],
        "actions": list[PlannedActionDict],
        "contacts": list[ContactDict],
        "plan_version": int,
    },
)


class TransitionDict(_TransitionRequired, total=False):
    """A change of alert level (the core's ``relapse::Transition``)."""

    at: ZonedDateTimeDict
    """The zoned moment of the observation, when it had one."""


class AssessmentDict(TypedDict):
    """What one observation did to the alert machine (``AlertMachine.observe``)."""

    date: str
    level: Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
    target: Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
    findings: list[ReasonDict]
    transition: TransitionDict | None
    calm_since: str | None
    arrival: int
    late: bool
    retrospective: bool
    history_level: Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
    history_changes: list[TransitionDict]


class FlagResultDict(TypedDict):
    """A measure's flag and its state (``MeasureScore.flags``)."""

    id: str
    state: Literal["raised", "not_raised", "indeterminate"]
    source: SourceDict


class _SafetySignalOptional(TypedDict, total=False):
    loinc: str


class SafetySignalDict(_SafetySignalOptional):
    """A safety signal raised by an item answer (``MeasureScore.safety``)."""

    rule: str
    instrument: str
    item: str
    item_number: int
    answer: int
    at_least: int
    level: Literal["notice", "safety_check", "crisis"]
    description: str
    source: SourceDict


class BandDict(TypedDict):
    """A score band of a scheme."""

    id: str
    label: str
    min: int
    max: int


class BandingDict(TypedDict):
    """The band a total falls in, under a named scheme (``MeasureScore.band``)."""

    scheme: str
    band: BandDict
    source: SourceDict


# --- Relapse: decisions, timeline, risks, crisis lines (the core's ipsrt::relapse) ------------

_DecisionRequired = TypedDict(
    "_DecisionRequired",
    {
        "arrival": int,
        "date": str,
        "observed": str,
        "late": bool,
        "retrospective": bool,
        "from": AlertLevelName,
        "to": AlertLevelName,
        "history_level": AlertLevelName,
        "reasons": list[ReasonDict],
    },
)
"""``from`` is a Python keyword, so the decision is declared in functional form."""


class DecisionDict(_DecisionRequired, total=False):
    """What the alert machine decided when an observation arrived (``AlertMachine.decisions``)."""

    received_at: ZonedDateTimeDict
    """When the observation was received, if the caller said."""
    history_changes: list[TransitionDict]
    """The transitions a late entry added to the date-ordered history (absent when none)."""


class _ObservationOptional(TypedDict, total=False):
    at: ZonedDateTimeDict
    received_at: ZonedDateTimeDict


class ObservationDict(_ObservationOptional):
    """An observation in its serde form (``relapse::Observation``)."""

    date: str
    observed: ObservedDict
    """What was observed: ``{"type": "phq9", "total": ..., ...}``, one of the ``Observation`` kinds."""


class _TimelineEntryOptional(TypedDict, total=False):
    late: bool
    """True when it arrived after an entry with a later date (absent otherwise)."""


class TimelineEntryDict(_TimelineEntryOptional):
    """One accepted observation of the alert machine's timeline (``AlertMachine.timeline``)."""

    arrival: int
    observation: ObservationDict


class PriorEpisodesDict(TypedDict):
    """The prior-episode counts a recurrence figure applies to (``max`` None: no upper bound)."""

    min: int
    max: int | None


class _RiskHorizonOptional(TypedDict, total=False):
    years: int


class RiskHorizonDict(_RiskHorizonOptional):
    """The time horizon of a recurrence figure (``years`` only when ``type`` is ``"years"``)."""

    type: Literal["unstated", "years"]


class RecurrenceRiskDict(TypedDict):
    """A published recurrence-risk figure (``recurrence_risk`` and friends): ``cited`` is the
    percentage with its source, ``text`` the figure in words."""

    percent: int
    basis: Literal["seed_s2", "literature", "bipolar", "population"]
    prior_episodes: PriorEpisodesDict
    population: Literal["depression", "general_population_depression", "bipolar"]
    horizon: RiskHorizonDict
    source: SourceDict
    cited: CitedIntDict
    text: str


class RegionDict(TypedDict):
    """A region with a crisis-line directory (``ipsrt.regions()``)."""

    code: str
    name: str


class CrisisLineDict(TypedDict):
    """A crisis line or emergency number of a region (``ipsrt.crisis_lines``)."""

    region: str
    role: Literal["crisis_line", "emergency"]
    name: str
    number: str
    note: str
    source: SourceDict
    checked_on: str


class SafetyAnswerDict(TypedDict):
    """A safety-item answer carried by an observation (``Observation.safety_answers``)."""

    item: str
    label: str
    rule: str
    answer: int


class ReferenceDict(TypedDict):
    """One entry of the bibliography (``ipsrt.references()``; ``year`` 0 for design notes)."""

    key: str
    year: int
    citation: str


class PersistedTypeDict(TypedDict):
    """A persisted type and its current schema version (``ipsrt.persist_registry()``)."""

    schema: str
    version: int


# --- Measures: change, verdicts, instruments, series (the core's ipsrt::measures) -------------

ResponseVerdictName = Literal["remission", "response", "partial_response", "minimal_or_no_benefit"]
"""A response verdict of a course evaluation."""


class CriterionDict(TypedDict):
    """One judgement of a change with its threshold, the observed number and its source."""

    met: bool
    rule: str
    observed: float
    source: SourceDict


class _ChangeOptional(TypedDict, total=False):
    relapse: CriterionDict
    """The relapse rule, when the instrument has one."""


class ChangeDict(_ChangeOptional):
    """Change between a baseline and a follow-up score (``ipsrt.compare_measures``); a criterion
    is None when the instrument has no such rule."""

    instrument: str
    baseline: int
    follow_up: int
    difference: int
    percent_reduction: float | None
    response: CriterionDict | None
    remission: CriterionDict | None
    improvement: CriterionDict | None
    worsening: CriterionDict | None
    imputed: bool
    is_non_response: bool | None


class _EvaluationBasisOptional(TypedDict, total=False):
    baseline_total: float
    current_total: float


class EvaluationBasisDict(_EvaluationBasisOptional):
    """The measure behind a response evaluation (``course::EvaluationBasis``)."""

    instrument: str
    source: SourceDict


class _ResponseEvaluatedOptional(TypedDict, total=False):
    basis: EvaluationBasisDict


class ResponseEvaluatedEventDict(_ResponseEvaluatedOptional):
    """The course event a verdict suggestion proposes (pass it to ``Course.apply``)."""

    type: Literal["response_evaluated"]
    verdict: ResponseVerdictName


class VerdictSuggestionDict(TypedDict):
    """A suggested course verdict from two scores (``ipsrt.suggest_verdict``); the clinician decides."""

    verdict: ResponseVerdictName
    basis: EvaluationBasisDict
    reasons: list[str]
    imputed: bool
    event: ResponseEvaluatedEventDict


class SafetyEvaluationDict(TypedDict):
    """Safety signals of an answer set and the safety items left unanswered
    (``Instrument.evaluate_safety``)."""

    signals: list[SafetySignalDict]
    unanswered: list[str]


class _MissingPolicyOptional(TypedDict, total=False):
    max_missing: int


class MissingPolicyDict(_MissingPolicyOptional):
    """A missing-data policy (``max_missing`` only for ``prorate_up_to``)."""

    kind: Literal["strict", "prorate_up_to", "treat_as_zero"]


class CitedPolicyDict(TypedDict):
    """The policy that applies, with its source (``ipsrt.effective_policy``)."""

    value: MissingPolicyDict
    source: SourceDict


class CutoffDict(TypedDict):
    """A threshold on a total (``measures::Cutoff``)."""

    op: Literal["less_than", "at_most", "at_least"]
    value: int


class CitedCutoffDict(TypedDict):
    """A cut-off with its source."""

    value: CutoffDict
    source: SourceDict


class ReliableChangeParamsDict(TypedDict):
    """The SD and reliability behind a reliable change index (``measures::ReliableChangeParams``)."""

    sd: CitedFloatDict
    reliability: CitedFloatDict
    kind: Literal["internal_consistency", "test_retest"]


class PublishedReliableChangeDict(ReliableChangeParamsDict):
    """Published reliable-change figures of an instrument, with the derived standard error of the
    difference and the points needed for reliable change (``ipsrt.published_reliable_change``)."""

    s_diff: float
    points_needed: float


class _AnswerOptionOptional(TypedDict, total=False):
    label: str
    loinc: str


class AnswerOptionDict(_AnswerOptionOptional):
    """An answer option of an item."""

    value: int


class _InstrumentItemOptional(TypedDict, total=False):
    loinc: str
    text: str
    """The item text, only where the licence allows it."""
    options: list[AnswerOptionDict]
    reverse_scored: bool


class InstrumentItemDict(_InstrumentItemOptional):
    """An item of an instrument (``Instrument.item``, ``Instrument.scored_items``)."""

    id: str
    number: int
    min: int
    max: int
    scored: bool
    topic: str


class BandSchemeDict(TypedDict):
    """A named set of score bands with its source (``Instrument.band_scheme``)."""

    id: str
    bands: list[BandDict]
    source: SourceDict


class SeriesPointDict(TypedDict):
    """A dated total of a score series (``ScoreSeries.points``)."""

    date: str
    total: int


class ReliableChangeRuleDict(TypedDict):
    """The reliable-change rule a series report applied."""

    params: ReliableChangeParamsDict
    s_diff: float
    points_needed: float
    critical: float
    source: SourceDict


class SeriesEntryDict(TypedDict):
    """One dated score read against the baseline (``ScoreSeries.evaluate()["points"]``)."""

    date: str
    total: int
    is_baseline: bool
    band: BandDict | None
    change: int
    percent_change: float | None
    response: Literal["met", "not_met", "not_defined"]
    remission: Literal["met", "not_met", "not_defined"]
    rci: float | None
    reliable_change: Literal["reliably_improved", "reliably_worse", "no_reliable_change", "not_defined"]
    clinical_significance: Literal["recovered", "improved", "unchanged", "deteriorated", "not_defined"]


class SeriesReportDict(TypedDict):
    """A score series read against its baseline (``ScoreSeries.evaluate``)."""

    instrument: str
    version: str
    total_range: list[int]
    """``[min, max]``."""
    baseline: SeriesPointDict
    band_scheme: BandSchemeDict | None
    response: CitedIntDict | None
    remission: CitedCutoffDict | None
    reliable_change: ReliableChangeRuleDict | None
    clinical_cutoff: CitedCutoffDict | None
    points: list[SeriesEntryDict]


# --- SRM: periods, summaries, regularity (the core's ipsrt::srm) -----------------------------


class PeriodScoreDict(TypedDict):
    """Several weeks scored together (``srm_score_weeks``, ``srm_period_score``)."""

    weeks: list[WeekScoreDict]
    mean_score: float | None
    scorable_weeks: int
    mean_ali: float | None


class WeekItemDict(TypedDict):
    """One item's seven days of a week (``Week.items``): times ``"HH:MM"`` or None."""

    item: str
    days: list[str | None]
    people: list[int | None]
    late: list[bool]


class ItemPeopleDict(TypedDict):
    """The People code of one item over a week."""

    item: str
    coded: int
    mean: float


class WeekSummaryDict(TypedDict):
    """Mood and People-code summary of a week (``Week.summary``, labelled project-defined)."""

    label: str
    people_by_item: list[ItemPeopleDict]
    share_people_2_or_more: float | None
    mood_days: int
    mood_mean: float | None
    mood_min: int | None
    mood_max: int | None


class SrmItemInfoDict(TypedDict):
    """An SRM item's id, number and label (``srm_item_info``)."""

    id: str
    number: int
    label: str


class SriDict(TypedDict):
    """The Sleep Regularity Index and how much data it rests on."""

    value: float
    valid_pairs: int
    valid_days: float


class TimeInBedRegularityDict(TypedDict):
    """Diary-based SRI, IS and IV of time in bed (``srm_time_in_bed_regularity``)."""

    start: str
    days: int
    sri: SriDict | None
    interdaily_stability: float | None
    intradaily_variability: float | None
    measures: str


class DiaryEntryStatusDict(TypedDict):
    """One diary cell and its status (``Diary.entries``): a time ``"HH:MM"`` or a status word."""

    date: str
    item: str
    status: str


# --- Episode course (the core's ipsrt::episode) ---------------------------------------------

EpisodeEventName = Literal["respond", "remit", "worsen", "relapse", "recover", "recur"]
"""An event of the episode course."""
EpisodeStateName = Literal["episode", "response", "remission", "recovery"]
"""A state of the episode course."""

_EpisodeTransitionRequired = TypedDict(
    "_EpisodeTransitionRequired",
    {
        "event": EpisodeEventName,
        "on": str,
        "from": EpisodeStateName,
        "to": EpisodeStateName,
        "episode": int,
        "polarity": Literal["depressive", "manic", "hypomanic", "mixed"],
    },
)


class EpisodeTransitionDict(_EpisodeTransitionRequired):
    """A transition of the episode course (``EpisodeCourse.apply``, ``check``, ``history``)."""


class EpisodeSuggestionDict(TypedDict):
    """A suggested episode event with its reasons (``EpisodeCourse.suggest``)."""

    event: EpisodeEventName
    on: str
    reasons: list[str]


class EpisodeProtocolDict(TypedDict):
    """The episode course's rules (``EpisodeCourse.protocol``)."""

    recovery_after_days: CitedIntDict


# --- IPSRT: medication, due times, rhythm plan, stabilisation (the core's ipsrt::ipsrt) ------

DstAdjustmentName = Literal["moved_past_gap", "earlier_of_two"]
"""How a wall-clock time was resolved on a daylight-saving change day."""


class ScheduledDoseDict(TypedDict):
    """A dose of the medication schedule (``MedicationLog.schedule``)."""

    id: str
    medication: str
    time: str
    anchor: str | None


class _DoseOutcomeOptional(TypedDict, total=False):
    at: str | None
    """When it was taken (``"HH:MM"``), for ``taken`` and ``late``."""


class DoseOutcomeDict(_DoseOutcomeOptional):
    """What happened to a dose (``classify_dose``, ``MedicationLog.record_taken_at``)."""

    status: Literal["taken", "late", "missed"]


class DoseRecordDict(TypedDict):
    """A recorded dose (``MedicationLog.records``)."""

    dose: str
    date: str
    outcome: DoseOutcomeDict


class AdherenceSummaryDict(TypedDict):
    """Medication adherence over a period (``MedicationLog.adherence``)."""

    scheduled: int
    taken: int
    late: int
    missed: int
    unrecorded: int
    adherence: float | None
    on_time: float | None


class NonAdherenceSignalDict(TypedDict):
    """Missed doses over a window and whether they raise a signal (``non_adherence_signal``)."""

    as_of: str
    window_days: int
    missed: int
    late: int
    longest_missed_run: int
    flagged: bool
    pathway: SourceDict


class DoseDueDict(TypedDict):
    """A dose due at a moment (``MedicationLog.next_doses``); Python date and datetime objects."""

    dose: str
    date: datetime.date
    local: datetime.datetime
    zone: str
    instant: datetime.datetime
    adjustment: DstAdjustmentName | None


class DueTimeDict(TypedDict):
    """An anchor due on a diary day (``due_on``, ``next_due``, ``overdue``, ``RhythmPlan.next_due``);
    Python date, time and datetime objects."""

    anchor: str
    diary_date: datetime.date
    time: datetime.time
    local: datetime.datetime
    zone: str
    instant: datetime.datetime
    adjustment: DstAdjustmentName | None


class RhythmPlanSettingsDict(TypedDict):
    """The rhythm plan's settings, each with its source (``RhythmPlan.settings``)."""

    min_baseline_days: CitedIntDict
    max_initial_anchors: CitedIntDict
    step_minutes: CitedIntDict
    hold_days: CitedIntDict
    hit_window_minutes: CitedIntDict


class AnchorTargetDict(TypedDict):
    """An anchor's target and the time aimed at now (``RhythmPlan.targets``)."""

    anchor: str
    target: str
    current: str
    since: str


class AnchorProgressDict(AnchorTargetDict):
    """An anchor's target with its progress (``RhythmPlan.target``): ``remaining_minutes`` is
    signed, ``steps_left`` counts the plan's ``step_minutes``."""

    at_target: bool
    remaining_minutes: int
    steps_left: int


class AnchorReviewDict(TypedDict):
    """How a week went for one anchor (``RhythmPlan.review_week``, ``review_srm_week``)."""

    anchor: str
    aimed_at: str
    target: str
    days_recorded: int
    hits: int
    mean_deviation_minutes: float | None


class StabilisationResultDict(TypedDict):
    """Whether the stabilisation criterion is met (``StabilisationCriterion.evaluate``)."""

    met: bool
    window_start: str | None
    met_on: str | None
    depression_mean: float | None


# --- Groups (the core's ipsrt::group) --------------------------------------------------------

_DepartureRequired = TypedDict(
    "_DepartureRequired",
    {
        "date": str,
        "reason": Literal["finished", "withdrew", "therapist_ended", "referred", "other"],
        "note": str | None,
        "from": Literal["in_intake", "waitlisted", "member", "completed", "left", "not_admitted"],
    },
)


class GroupDepartureDict(_DepartureRequired):
    """A departure from a group."""


class GroupMembershipDict(TypedDict):
    """One person's membership of a group (``Group.people``); pairs are ``[name, date]`` lists."""

    person: str
    status: Literal["in_intake", "waitlisted", "member", "completed", "left", "not_admitted"]
    referred_on: str
    intake_done: list[list[str]]
    waitlisted_on: str | None
    joined_on: str | None
    ended_on: str | None
    sessions_offered: int
    sessions_attended: int
    individual_meetings: list[list[str]]
    unmet_criteria: list[str]
    admission_reason: str | None
    midway_deviation: str | None
    departures: list[GroupDepartureDict]


class GroupSessionDict(TypedDict):
    """A group session and who came (``Group.sessions``)."""

    number: int
    date: str
    present: list[str]
    absent: list[str]


class DueMeetingDict(TypedDict):
    """An individual meeting due (``Group.due_individual_meetings``)."""

    person: str
    kind: Literal["midway", "post_group"]
    due_by: str | None


class AdmissionFindingDict(TypedDict):
    """One admission criterion and whether it is met (``Group.admission_findings``)."""

    criterion: str
    description: str
    kind: Literal["indication", "requirement", "contra_indication"]
    met: bool


# --- IPS: principles and journey events (the core's ipsrt::ips) -----------------------------


class IpsPrincipleDict(TypedDict):
    """One of the eight IPS principles (``ips_principles``)."""

    number: int
    principle: Literal["competitive_employment", "zero_exclusion", "integrated_services", "worker_preferences",
                       "benefits_counselling", "rapid_job_search", "systematic_job_development",
                       "time_unlimited_support"]
    name: str
    description: str
    in_seven_principle_count: bool
    source: SourceDict


class IpsJobSearchStartedDict(TypedDict):
    """Journey event: the job search started."""

    type: Literal["job_search_started"]
    date: str


class IpsEmployerContactDict(TypedDict):
    """Journey event: a face-to-face employer contact."""

    type: Literal["employer_contact"]
    date: str


class IpsDisclosureDecidedDict(TypedDict):
    """Journey event: a disclosure decision for one employer."""

    type: Literal["disclosure_decided"]
    date: str
    employer: str
    decision: IpsDisclosure


class IpsBenefitsCounsellingDict(TypedDict):
    """Journey event: a benefits-counselling session."""

    type: Literal["benefits_counselling"]
    date: str
    topic: str


class IpsPreferencesRecordedDict(TypedDict):
    """Journey event: job preferences recorded."""

    type: Literal["preferences_recorded"]
    date: str
    preferences: IpsJobPreferencesDict


class IpsEducationGoalEventDict(TypedDict):
    """Journey event: an education goal set or updated."""

    type: Literal["education_goal"]
    date: str
    goal: str
    status: IpsEducationStatus


class IpsJobStartedDict(TypedDict):
    """Journey event: a job started."""

    type: Literal["job_started"]
    date: str
    job: IpsJobDict


class IpsFollowAlongStartedDict(TypedDict):
    """Journey event: follow-along support started."""

    type: Literal["follow_along_started"]
    date: str


class IpsJobEndedDict(TypedDict):
    """Journey event: the current job ended."""

    type: Literal["job_ended"]
    date: str
    reason: Literal["quit", "fired", "temporary", "other"]


class IpsExitedDict(TypedDict):
    """Journey event: the participant left the caseload."""

    type: Literal["exited"]
    date: str
    reason: IpsExitReason
    note: str | None


class IpsReEnteredDict(TypedDict):
    """Journey event: the participant came back."""

    type: Literal["re_entered"]
    date: str


IpsJourneyEventDict = Union[
    IpsJobSearchStartedDict,
    IpsEmployerContactDict,
    IpsDisclosureDecidedDict,
    IpsBenefitsCounsellingDict,
    IpsPreferencesRecordedDict,
    IpsEducationGoalEventDict,
    IpsJobStartedDict,
    IpsFollowAlongStartedDict,
    IpsJobEndedDict,
    IpsExitedDict,
    IpsReEnteredDict,
]
"""An employment-journey event (``EmploymentJourney.events``), told apart by ``type``
(``if e["type"] == "job_started": e["job"]`` narrows under mypy)."""

IPS_JOURNEY_EVENTS: dict[str, type] = {
    "job_search_started": IpsJobSearchStartedDict,
    "employer_contact": IpsEmployerContactDict,
    "disclosure_decided": IpsDisclosureDecidedDict,
    "benefits_counselling": IpsBenefitsCounsellingDict,
    "preferences_recorded": IpsPreferencesRecordedDict,
    "education_goal": IpsEducationGoalEventDict,
    "job_started": IpsJobStartedDict,
    "follow_along_started": IpsFollowAlongStartedDict,
    "job_ended": IpsJobEndedDict,
    "exited": IpsExitedDict,
    "re_entered": IpsReEnteredDict,
}
"""The TypedDict of each journey event ``type`` (for runtime checks)."""


# --- More: plan signs and triggers, fidelity, life chart, sources of options and taxonomies ---


class ActionPlanDict(TypedDict):
    """What to do: the musts and the mights (``relapse::ActionPlan``)."""

    must: list[str]
    might: list[str]


class PlanSignDict(TypedDict):
    """A warning sign of a relapse plan with the stage it belongs to (``RelapsePlan.signs``)."""

    sign: WarningSign
    stage: Literal["early_warning", "breaking_down", "crisis"]


class PlanTriggerDict(TypedDict):
    """A trigger of a relapse plan and its steps (``RelapsePlan.find_trigger``)."""

    kind: str
    description: str
    actions: ActionPlanDict


class FidelityScoreDict(TypedDict):
    """IPS-25 subscale and total scores (``FidelityReview.score``)."""

    staffing: int
    organisation: int
    services: int
    total: int


class FidelityReportDict(TypedDict):
    """An IPS-25 fidelity report (``FidelityReview.report``)."""

    score: FidelityScoreDict
    band: Literal["not_supported_employment", "fair", "good", "exemplary"]
    band_source: SourceDict
    items_below_4: list[str]


class MoodEpisodeDict(TypedDict):
    """A mood episode of the life chart (``LifeChart.episodes``)."""

    polarity: Literal["depressive", "manic", "hypomanic", "mixed"]
    start: str
    end: str | None
    hospitalised: bool
    note: str


class EpisodeAntecedentsDict(TypedDict):
    """A mood episode and the chart events before it (``LifeChart.with_antecedents``)."""

    episode: MoodEpisodeDict
    preceded_by: list[ChartEventDict]
    """Life-chart events in their serde form (``{"type": ..., "date": ..., ...}``)."""


class CitedTextDict(TypedDict):
    """A statement with its source (``ScoringOptions.sources``)."""

    value: str
    source: SourceDict


class ProblemAreaGuideDict(TypedDict):
    """Goals and strategies of a problem area under a taxonomy (``problem_area_guide``)."""

    kind: str
    applies_when: str
    goals: list[str]
    strategies: list[str]
    source: SourceDict


class LateEntryDict(TypedDict):
    """A diary entry recorded after the late grace period (``Diary.late_entries``)."""

    date: str
    item: str
    status: str
    recorded_at: ZonedDateTimeDict


__all__ = [
    "ActionOriginDict",
    "ActionPlanDict",
    "AdherenceSummaryDict",
    "AdmissionFindingDict",
    "AlertLevelName",
    "AnchorProgressDict",
    "AnchorReviewDict",
    "AnchorTargetDict",
    "AnswerOptionDict",
    "AssessmentDict",
    "BandDict",
    "BandSchemeDict",
    "BandingDict",
    "ChangeDict",
    "CitedBoolDict",
    "CitedCutoffDict",
    "CitedFloatDict",
    "CitedIntDict",
    "CitedPolicyDict",
    "CitedTextDict",
    "ContactDict",
    "CourseStatusDict",
    "CrisisLineDict",
    "CriterionDict",
    "CutoffDict",
    "DecisionDict",
    "DeliveryCountDict",
    "DiaryEntryStatusDict",
    "DoseDueDict",
    "DoseOutcomeDict",
    "DoseRecordDict",
    "DstAdjustmentName",
    "DueMeetingDict",
    "DueTimeDict",
    "EmploymentRateBandName",
    "EpisodeAntecedentsDict",
    "EpisodeEventName",
    "EpisodeProtocolDict",
    "EpisodeStateName",
    "EpisodeSuggestionDict",
    "EpisodeTransitionDict",
    "EvaluationBasisDict",
    "Evidence",
    "FidelityReportDict",
    "FidelityScoreDict",
    "FlagResultDict",
    "GroupDepartureDict",
    "GroupMembershipDict",
    "GroupSessionDict",
    "InitialTaskDict",
    "InstrumentItemDict",
    "IpsBenefitsCounsellingDict",
    "IpsBenefitsSessionDict",
    "IpsCaseloadKpisDict",
    "IpsDatedPreferencesDict",
    "IpsDisclosure",
    "IpsDisclosureDecidedDict",
    "IpsDisclosureDict",
    "IpsEducationGoalDict",
    "IpsEducationGoalEventDict",
    "IpsEducationStatus",
    "IpsEmployerContactDict",
    "IpsEpisodeDict",
    "IpsExitReason",
    "IpsExitedDict",
    "IpsFollowAlongStartedDict",
    "IpsJobDict",
    "IpsJobEndedDict",
    "IpsJobPreferencesDict",
    "IpsJobSearchStartedDict",
    "IpsJobSpellDict",
    "IpsJobStartedDict",
    "IpsJourneyEventDict",
    "IpsPreferencesRecordedDict",
    "IpsPrincipleDict",
    "IpsReEnteredDict",
    "ItemPeopleDict",
    "ItemScoreDict",
    "LateEntryDict",
    "MissedOccurrencesObserved",
    "MissingPolicyDict",
    "MoodEpisodeDict",
    "NonAdherenceSignalDict",
    "ObservationDict",
    "PeriodScoreDict",
    "PersistedTypeDict",
    "PlanSignDict",
    "PlanTriggerDict",
    "PlannedActionDict",
    "PriorEpisodesDict",
    "ProblemAreaGuideDict",
    "PublishedReliableChangeDict",
    "ReasonDict",
    "RecurrenceRiskDict",
    "ReferenceDict",
    "RegionDict",
    "ReliableChangeParamsDict",
    "ReliableChangeRuleDict",
    "ResponseEvaluatedEventDict",
    "ResponseVerdictName",
    "RhythmPlanSettingsDict",
    "RiskHorizonDict",
    "SafetyAnswerDict",
    "SafetyEvaluationDict",
    "SafetySignalDict",
    "ScheduledDoseDict",
    "SeriesEntryDict",
    "SeriesPointDict",
    "SeriesReportDict",
    "SourceDict",
    "SriDict",
    "SrmItemInfoDict",
    "StabilisationResultDict",
    "SummaryDict",
    "TerminationTaskStatusDict",
    "TimeInBedRegularityDict",
    "TimelineEntryDict",
    "TransitionDict",
    "VerdictSuggestionDict",
    "WeekItemDict",
    "WeekScoreDict",
    "WeekSummaryDict",
    "ZonedDateTimeDict",
]


# --- Interpersonal inventory (the core's ipsrt::inventory) and the deficits evidence ----------

PersonFactName = Literal["circle", "conflict", "confiding"]
"""An assessment fact of a person that may be not assessed (``Person.not_assessed``)."""
CircleName = Literal["inner", "middle", "outer"]
"""Stuart & Robertson's interpersonal circle."""
ConflictName = Literal["none", "overt", "covert"]
"""Conflict in a relationship, once assessed (``"none"`` is an assessed "no conflict")."""


class ExpectationDict(TypedDict):
    """An expectation in a relationship and whether it is met."""

    held_by: Literal["patient", "other"]
    text: str
    met: Literal["yes", "partly", "no", "unknown"]


class RelationshipChangeDict(TypedDict):
    """A dated change in a relationship."""

    date: str
    description: str


class _PersonOptional(TypedDict, total=False):
    circle: CircleName
    """Absent: not assessed."""
    reciprocity: Literal["balanced", "patient_gives_more", "other_gives_more"]
    """Absent: not assessed."""
    conflict: ConflictName
    """Absent: not assessed (never the same as ``"none"``)."""
    support_potential: int
    """0 (none) to 3 (high); absent: not assessed."""
    confiding: bool
    """Absent: not assessed."""


class PersonDict(_PersonOptional):
    """One person of the interpersonal inventory (``Person.to_dict``, the core's serde form)."""

    id: str
    name: str
    role: str
    status: Literal["current", "past", "deceased"]
    contact: Literal["daily", "weekly", "monthly", "rarely", "none", "unknown"]
    shared_activities: list[str]
    satisfying: list[str]
    unsatisfying: list[str]
    expectations: list[ExpectationDict]
    changes: list[RelationshipChangeDict]
    desired_changes: list[str]


class _DeficitsLifeEventOptional(TypedDict, total=False):
    days_before_onset: int
    """Absent when onset is not recorded."""


class DeficitsLifeEventDict(_DeficitsLifeEventOptional):
    """A life event near onset that points at another area than interpersonal deficits."""

    index: int
    kind: str
    date: str
    area: str


class _DeficitsChangeOptional(TypedDict, total=False):
    days_before_onset: int
    """Absent when onset is not recorded."""


class DeficitsChangeDict(_DeficitsChangeOptional):
    """A relationship change near onset, from the inventory."""

    person: str
    date: str


class DeficitsNotAssessedDict(TypedDict):
    """An open question: a person whose conflict or confiding was not assessed."""

    person: str
    facts: list[Literal["conflict", "confiding"]]


class _DeficitsEvidenceOptional(TypedDict, total=False):
    not_assessed: list[DeficitsNotAssessedDict]
    """Open questions (present only when there are any): they keep the deficits warning open
    until the facts are assessed or a clinician acknowledges it, and are never read as "no"."""


class DeficitsEvidenceDict(_DeficitsEvidenceOptional):
    """What points at another problem area than interpersonal deficits
    (``Course.deficits_evidence``, ``Course.deficits_open``)."""

    onset_known: bool
    life_events: list[DeficitsLifeEventDict]
    deceased: list[str]
    open_conflicts: list[str]
    changes_near_onset: list[DeficitsChangeDict]
# --- Care record: observations derived from the log -------------------------------------------

class MissedOccurrencesObserved(TypedDict):
    """The ``observed`` dict of a ``missed_occurrences`` observation (the core's
    ``relapse::Observed::MissedOccurrences``): occurrences of one scheduled task missed in a
    row on the observation's date; ``count`` 0 says the run has ended."""

    type: Literal["missed_occurrences"]
    task: str
    count: int


# --- Care record: adherence per task in the status ----------------------------------------------

class CareTaskAdherenceDict(TypedDict):
    """Adherence of one scheduled task over the status's window (``CareStatus.adherence``,
    the core's ``care::TaskAdherenceView``). ``expected = on_time + late + missed``: excused
    occurrences and those still pending (upcoming, open or overdue) are not misses.
    ``completion_rate`` is completed / expected and ``on_time_share`` on time / completed, each
    ``None`` when its denominator is 0 ("nothing due yet", not 0 %)."""

    task: str
    what: str
    on_time: int
    late: int
    missed: int
    excused: int
    pending: int
    expected: int
    completion_rate: float | None
    on_time_share: float | None


_CareAdherenceFrom = TypedDict("_CareAdherenceFrom", {"from": str})
"""``from`` is a Python keyword, so the window's first day is declared in functional form."""


class CareAdherenceDict(_CareAdherenceFrom):
    """Adherence per task over the last 28 local dates up to the status date, both included
    (the core's ``care::StatusAdherence``); a task with no occurrence in the window is absent."""

    to: str
    tasks: list[CareTaskAdherenceDict]


__all__ += ["CareAdherenceDict", "CareTaskAdherenceDict"]
# --- Issue 19: the last untyped results (course, IPSRT, groups, events, SRM, FHIR, ...) ------
#
# The tagged unions below follow the core's serde form: each variant is a TypedDict whose
# ``type`` (or ``phase``, ``outcome``, ``kind``, ``relation``) is a ``Literal``, so
# ``if e["type"] == "session_recorded": e["number"]`` narrows under mypy. The ``*_EVENTS`` /
# ``*_KINDS`` maps give the TypedDict of each tag (for runtime checks).

TaxonomyName = Literal["wmk4", "sr3", "ipsrt5"]
"""A problem-area taxonomy."""
ProblemAreaKindName = Literal["grief", "role_dispute", "role_transition", "interpersonal_deficits", "lost_healthy_self"]
"""A problem area."""
DisputeStageName = Literal["renegotiation", "impasse", "dissolution"]
"""The stage of a role dispute."""
AttendanceName = Literal["attended", "missed", "cancelled"]
"""Whether a scheduled session took place."""
TerminationTaskName = Literal["loss_expressed", "independent_competence", "aftercare_agreed"]
"""A task of the termination phase."""
DeliveryModeName = Literal["in_person", "phone", "video", "group"]
"""How a session was delivered."""
PopulationName = Literal["adult", "adolescent", "perinatal", "older_adult"]
"""The population a course treats."""
EarlyEndReasonName = Literal["patient_withdrew", "therapist_ended", "no_shows"]
"""Why a course ended early."""
FrequencyName = Literal["twice_weekly", "weekly", "fortnightly", "monthly"]
"""How often sessions are held."""
PhaseKindName = Literal["initial", "middle", "termination", "maintenance", "ended"]
"""A phase of an IPT course."""
LeaveReasonName = Literal["finished", "withdrew", "therapist_ended", "referred", "other"]
"""Why someone left a group."""
IntakeStepName = Literal["individual_therapist_intake", "group_therapist_intake", "pre_group_meeting"]
"""A step of a group's intake pathway."""
IpsrtTaskName = Literal["life_chart", "psychoeducation", "srm_baseline", "psychiatrist_evaluation"]
"""An IPSRT initial task."""


class RangeDict(TypedDict):
    """A range of whole numbers, both ends included (``Range.to_dict``)."""

    min: int
    max: int


class CitedRangeDict(TypedDict):
    """A range with its source (``Protocol.sessions``)."""

    value: RangeDict
    source: SourceDict


class CitedFrequencyDict(TypedDict):
    """A session frequency with its source (``Protocol.allowed_frequencies``)."""

    value: FrequencyName
    source: SourceDict


class CitedPairDict(TypedDict):
    """A pair of numbers (``[low, high]``) with its source."""

    value: list[int]
    source: SourceDict


class CitedIntakeStepsDict(TypedDict):
    """A group's intake steps with their source."""

    value: list[IntakeStepName]
    source: SourceDict


class CitedCriteriaDict(TypedDict):
    """A group's admission criteria (ids) with their source."""

    value: list[str]
    source: SourceDict


class _ProtocolDictOptional(TypedDict, total=False):
    allowed_frequencies: list[CitedFrequencyDict]
    evaluation: CitedEvaluationRuleDict
    stop_reduction: CitedIntDict
    rules_edition: int


class ProtocolDict(_ProtocolDictOptional):
    """A treatment protocol in its serde form (Protocol.to_dict, the protocol of a course)."""

    key: str
    version: int
    name: str
    sessions: CitedRangeDict
    default_sessions: int
    frequency: CitedFrequencyDict
    minutes: CitedRangeDict
    focus_window: CitedRangeDict
    termination_notice: CitedRangeDict



class ContractDict(TypedDict):
    """A treatment contract (Contract.to_dict)."""

    sessions: int
    frequency: FrequencyName
    minutes: int



class _EvaluationRuleDictOptional(TypedDict, total=False):
    stop_without_effect_after: int


class EvaluationRuleDict(_EvaluationRuleDictOptional):
    """When response is evaluated and when no effect may stop the course."""

    window: RangeDict



class _LifeEventDictOptional(TypedDict, total=False):
    person: str
    note: str


class LifeEventDict(_LifeEventDictOptional):
    """A dated life event (LifeEvent.to_dict)."""

    kind: str
    date: str
    contested: bool
    chronic: bool



class _MeasureScoreDictOptional(TypedDict, total=False):
    band: BandingDict


class MeasureScoreDict(_MeasureScoreDictOptional):
    """A scored measure in its serde form (MeasureScore.to_dict, measure_recorded events)."""

    instrument: str
    version: str
    source: SourceDict
    total: int | None
    status: TotalStatusDict
    answered_sum: int
    n_answered: int
    n_items: int
    missing: list[str]
    policy: MissingPolicyDict
    flags: list[FlagResultDict]
    answers: dict[str, int]
    safety: list[SafetySignalDict]
    safety_unanswered: list[str]



_PlannedDisruptionDictRequired = TypedDict(
    "_PlannedDisruptionDictRequired",
    {
        "kind": str,
        "from": str,
        "to": str,
        "protective_routines": list[str],
        "note": str,
    },
)


class PlannedDisruptionDict(_PlannedDisruptionDictRequired):
    """A disruption of the rhythm planned ahead (RhythmPlan.disruptions)."""



class WeeklyRatingDict(TypedDict):
    """A week's depression and mania ratings."""

    week_start: str
    depression: float
    mania: float
    medication_stable: bool



class TotalStatusCompleteDict(TypedDict):
    """Every scored item answered."""

    kind: Literal["complete"]


class TotalStatusProratedDict(TypedDict):
    """Prorated over missing items."""

    kind: Literal["prorated"]
    missing: int


class TotalStatusMissingAsZeroDict(TypedDict):
    """Missing items counted as zero."""

    kind: Literal["missing_as_zero"]
    missing: int


class TotalStatusIncompleteDict(TypedDict):
    """No total: too many items missing for the policy."""

    kind: Literal["incomplete"]
    missing: int


class TimingProximalBeforeOnsetDict(TypedDict):
    """Within the proximal window before onset (or on the onset day)."""

    relation: Literal["proximal_before_onset"]
    days: int


class TimingDistantBeforeOnsetDict(TypedDict):
    """Before onset, but further back than the proximal window."""

    relation: Literal["distant_before_onset"]
    days: int


class TimingAfterOnsetDict(TypedDict):
    """After onset: may maintain, rather than trigger, the episode."""

    relation: Literal["after_onset"]
    days: int


class TimingOnsetUnknownDict(TypedDict):
    """Onset is not recorded."""

    relation: Literal["onset_unknown"]


class RecurrenceDailyDict(TypedDict):
    """Every ``every`` days from the start date (1 = daily)."""

    type: Literal["daily"]
    every: int


class RecurrenceWeeklyDict(TypedDict):
    """On the given weekdays of every ``every``-th week, counting weeks (Monday to Sunday) from the week of
    the start date (1 = every week)."""

    type: Literal["weekly"]
    every: int
    on: list[str]


class RecurrenceAtSessionsDict(TypedDict):
    """On the dates of the listed sessions (session numbers from 1; the dates come with the records, see
    ``SessionDate``)."""

    type: Literal["at_sessions"]
    sessions: list[int]


class RecurrenceEverySessionsDict(TypedDict):
    """On the dates of sessions ``first``, ``first + every``, ``first + 2·every``, …"""

    type: Literal["every_sessions"]
    every: int
    first: int


class AdmissionPolicyClosedDict(TypedDict):
    """A closed cohort: members join while the group forms and, optionally, up to a given session number.
    ``admit_through_session: 0`` means "only before session 1"; ``2`` means someone may still join
    before session 3."""

    type: Literal["closed"]
    admit_through_session: int


class AdmissionPolicyRollingDict(TypedDict):
    """Rolling (slow-open) admission: a waiting person joins whenever a place is free."""

    type: Literal["rolling"]


class _ProblemAreaSuggestionDictOptional(TypedDict, total=False):
    dispute_stage: DisputeStageName
    event_index: int


class ProblemAreaSuggestionDict(_ProblemAreaSuggestionDictOptional):
    """A candidate problem area with its timing, explanation and source."""

    area: ProblemAreaKindName
    rank: Literal["primary", "alternative"]
    timing: TimingDict
    explanation: str
    source: SourceDict


class RhythmNoteDict(TypedDict):
    """A life event that disrupts the daily rhythm (IPSRT), noted apart from the problem areas."""

    event_index: int
    kind: str
    explanation: str
    source: SourceDict


class ProblemAreaSuggestionsDict(TypedDict):
    """Candidate problem areas from life events (``suggest_problem_areas``,
    ``Course.suggest_problem_areas``); the therapist decides."""

    candidates: list[ProblemAreaSuggestionDict]
    rhythm_disruptors: list[RhythmNoteDict]
    notes: list[str]


class MaintenanceBlockDict(TypedDict):
    """A block of maintenance visits."""

    months: int
    visits_per_month: int


class StabilisationCriterionDict(TypedDict):
    """The stabilisation criterion in its serde form."""

    weeks: CitedIntDict
    depression_scale: str
    depression_mean_below: CitedFloatDict
    mania_scale: str
    mania_below: CitedFloatDict
    requires_stable_medication: bool


class IpsrtProtocolDict(TypedDict):
    """The IPSRT protocol (``IpsrtCourse.protocol``, ``IpsrtCourse.frank_protocol``)."""

    acute: ProtocolDict
    initial_sessions: CitedRangeDict
    intermediate_sessions: CitedRangeDict
    problem_areas: CitedIntDict
    maintenance: CitedMaintenanceBlocksDict
    stabilisation: StabilisationCriterionDict


class LevelGuidanceDict(TypedDict):
    """The default words of a relapse-prevention plan per alert level (``default_guidance``)."""

    green: list[str]
    watch: list[str]
    early_warning: list[str]
    breaking_down: list[str]
    crisis: list[str]
    manic_prodrome: list[str]
    depressive_prodrome: list[str]
    source: SourceDict


class ScoringOptionsDict(TypedDict):
    """The SRM scoring options as fields (``srm_default_options``)."""

    hit_window_min: int
    trim_factor: float | None
    sd: Literal["sample", "population"]
    sd_floor_min: int | None
    min_occurrences: int
    reference: Literal["habitual", "target"]
    hit_values: Literal["kept", "all"]
    windows: Literal["blocks", "rolling"]
    week_anchor: Literal["first_diary_day", "monday", "sunday"]


class GroupRulesDict(TypedDict):
    """The rules of a group format, each number with its source (``group_rules``, ``Group.rules``)."""

    group_type: str
    min_members: CitedIntDict
    max_members: CitedIntDict
    typical: CitedPairDict
    session_minutes: CitedIntDict | None
    planned_sessions: CitedIntDict | None
    membership_months: CitedPairDict | None
    admission: CitedAdmissionPolicyDict
    intake: CitedIntakeStepsDict
    individual_meetings: bool
    midway_after_session: CitedIntDict | None
    gp_referral_required: CitedBoolDict
    admission_criteria: CitedCriteriaDict | None


TotalStatusDict = Union[
    TotalStatusCompleteDict,
    TotalStatusProratedDict,
    TotalStatusMissingAsZeroDict,
    TotalStatusIncompleteDict,
]
"""How a measure total was obtained (``kind``)."""


TimingDict = Union[
    TimingProximalBeforeOnsetDict,
    TimingDistantBeforeOnsetDict,
    TimingAfterOnsetDict,
    TimingOnsetUnknownDict,
]
"""A life event's timing relative to onset (``relation``)."""


RecurrenceDict = Union[
    RecurrenceDailyDict,
    RecurrenceWeeklyDict,
    RecurrenceAtSessionsDict,
    RecurrenceEverySessionsDict,
]
"""When a scheduled task recurs (``ScheduledTask.recurrence``), by ``type``."""

RECURRENCE_KINDS: dict[str, type] = {
    "daily": RecurrenceDailyDict,
    "weekly": RecurrenceWeeklyDict,
    "at_sessions": RecurrenceAtSessionsDict,
    "every_sessions": RecurrenceEverySessionsDict,
}
"""The TypedDict of each ``RecurrenceDict`` tag (for runtime checks)."""


AdmissionPolicyDict = Union[
    AdmissionPolicyClosedDict,
    AdmissionPolicyRollingDict,
]
"""A group's admission policy (``type``)."""


class CitedEvaluationRuleDict(TypedDict):
    """When a response is evaluated, with its source."""

    value: EvaluationRuleDict
    source: SourceDict


class CitedMaintenanceBlocksDict(TypedDict):
    """The maintenance visit schedule with its source."""

    value: list[MaintenanceBlockDict]
    source: SourceDict


class CitedAdmissionPolicyDict(TypedDict):
    """A group's admission policy with its source."""

    value: AdmissionPolicyDict
    source: SourceDict


class CourseCreatedEventDict(TypedDict):
    """Creates the course from a protocol and a taxonomy. Must be the first event, and only there."""

    type: Literal["course_created"]
    protocol: ProtocolDict
    taxonomy: TaxonomyName


class SymptomOnsetRecordedEventDict(TypedDict):
    """Symptom onset (used for life-event timing). Any active phase."""

    type: Literal["symptom_onset_recorded"]
    onset: str


class _DiagnosisRecordedEventDictOptional(TypedDict, total=False):
    note: str


class DiagnosisRecordedEventDict(_DiagnosisRecordedEventDictOptional):
    """The diagnosis (initial phase)."""

    type: Literal["diagnosis_recorded"]
    diagnosis: str


class _SickRoleRecordedEventDictOptional(TypedDict, total=False):
    note: str


class SickRoleRecordedEventDict(_SickRoleRecordedEventDictOptional):
    """The sick role was given and explained (initial phase)."""

    type: Literal["sick_role_recorded"]


class PersonAddedEventDict(TypedDict):
    """A person is added to the inventory. Any active phase."""

    type: Literal["person_added"]
    person: PersonDict


class PersonUpdatedEventDict(TypedDict):
    """An inventory entry is replaced (matched by id). Any active phase."""

    type: Literal["person_updated"]
    person: PersonDict


class PersonRemovedEventDict(TypedDict):
    """A person is removed from the inventory. Any active phase."""

    type: Literal["person_removed"]
    person_id: str


class LifeEventRecordedEventDict(TypedDict):
    """A life event is recorded. Any active phase."""

    type: Literal["life_event_recorded"]
    life_event: LifeEventDict


class _ProblemAreaChosenEventDictOptional(TypedDict, total=False):
    dispute_stage: DisputeStageName
    person: str
    deviation: str


class ProblemAreaChosenEventDict(_ProblemAreaChosenEventDictOptional):
    """A problem area is chosen as focus (initial phase)."""

    type: Literal["problem_area_chosen"]
    area: ProblemAreaKindName


class ProblemAreaRemovedEventDict(TypedDict):
    """A chosen area is removed (initial phase). Withdraws an accepted formulation."""

    type: Literal["problem_area_removed"]
    area: ProblemAreaKindName


class _FocusChangedEventDictOptional(TypedDict, total=False):
    dispute_stage: DisputeStageName
    person: str
    replaces: ProblemAreaKindName


class FocusChangedEventDict(_FocusChangedEventDictOptional):
    """The focus changes in the middle phase, with a recorded reason: ``area`` is added as a second area,
    or, with ``replaces``, takes the place of a chosen area (a role dispute that dissolves into a role
    transition). Kept in ``focus_changes``."""

    type: Literal["focus_changed"]
    area: ProblemAreaKindName
    reason: str


class DisputeStageChangedEventDict(TypedDict):
    """The role dispute's stage changes (initial or middle phase)."""

    type: Literal["dispute_stage_changed"]
    stage: DisputeStageName


class FormulationAcceptedEventDict(TypedDict):
    """The patient explicitly accepted the interpersonal formulation (initial phase)."""

    type: Literal["formulation_accepted"]
    summary: str


class _ContractSetEventDictOptional(TypedDict, total=False):
    deviation: str


class ContractSetEventDict(_ContractSetEventDictOptional):
    """The contract is set (initial phase, once)."""

    type: Literal["contract_set"]
    contract: ContractDict


class _ContractRenegotiatedEventDictOptional(TypedDict, total=False):
    deviation: str


class ContractRenegotiatedEventDict(_ContractRenegotiatedEventDictOptional):
    """The contract is explicitly renegotiated (any active phase after contract_set)."""

    type: Literal["contract_renegotiated"]
    contract: ContractDict
    reason: str


class _SessionRecordedEventDictOptional(TypedDict, total=False):
    at: ZonedDateTimeDict
    mode: DeliveryModeName


class SessionRecordedEventDict(_SessionRecordedEventDictOptional):
    """A session (numbered 1, 2, 3, … across the whole course)."""

    type: Literal["session_recorded"]
    number: int
    attendance: AttendanceName


class MiddlePhaseStartedEventDict(TypedDict):
    """Initial → middle. Guarded by the initial-phase tasks."""

    type: Literal["middle_phase_started"]


class _TerminationStartedEventDictOptional(TypedDict, total=False):
    deviation: str


class TerminationStartedEventDict(_TerminationStartedEventDictOptional):
    """Middle → termination: the ending is raised explicitly."""

    type: Literal["termination_started"]


class _RelapsePreventionPlanRecordedEventDictOptional(TypedDict, total=False):
    plan_ref: str
    summary: str


class RelapsePreventionPlanRecordedEventDict(_RelapsePreventionPlanRecordedEventDictOptional):
    """A relapse-prevention plan was made (middle, termination or maintenance phase)."""

    type: Literal["relapse_prevention_plan_recorded"]


class _TerminationTaskRecordedEventDictOptional(TypedDict, total=False):
    note: str


class TerminationTaskRecordedEventDict(_TerminationTaskRecordedEventDictOptional):
    """A termination task was done (termination or maintenance phase). Once per task."""

    type: Literal["termination_task_recorded"]
    task: TerminationTaskName


class TerminationTaskSkippedEventDict(TypedDict):
    """A termination task is left out, with the reason (termination or maintenance phase). Recorded as a
    deviation; the task no longer shows as open."""

    type: Literal["termination_task_skipped"]
    task: TerminationTaskName
    reason: str


class _MedicationStartedEventDictOptional(TypedDict, total=False):
    started: str
    note: str


class MedicationStartedEventDict(_MedicationStartedEventDictOptional):
    """Medication (for example an antidepressant) started alongside the course: combined treatment from
    then on. Any active phase."""

    type: Literal["medication_started"]
    medication: str


class _MedicationStoppedEventDictOptional(TypedDict, total=False):
    note: str


class MedicationStoppedEventDict(_MedicationStoppedEventDictOptional):
    """Medication started earlier (``medication_started``, same name) stopped. Any active phase."""

    type: Literal["medication_stopped"]
    medication: str


class PopulationSetEventDict(TypedDict):
    """The population the course treats (adult, adolescent, perinatal, older adult). Any active phase; a
    later event replaces it."""

    type: Literal["population_set"]
    population: PopulationName


class _MaintenanceStartedEventDictOptional(TypedDict, total=False):
    deviation: str


class MaintenanceStartedEventDict(_MaintenanceStartedEventDictOptional):
    """Termination → maintenance (IPT-M) with a new contract. Requires the relapse plan."""

    type: Literal["maintenance_started"]
    contract: ContractDict


class _RecurrenceRecordedEventDictOptional(TypedDict, total=False):
    deviation: str
    detail: str


class RecurrenceRecordedEventDict(_RecurrenceRecordedEventDictOptional):
    """Maintenance → middle: a recurrence during maintenance returns the course to acute treatment under a
    new acute contract (checked against the course's protocol; the session count restarts at zero). Kept
    in ``recurrences``."""

    type: Literal["recurrence_recorded"]
    contract: ContractDict


class CourseCompletedEventDict(TypedDict):
    """Termination or maintenance → ended (completed). Requires the relapse plan."""

    type: Literal["course_completed"]


class _EndedNonResponseEventDictOptional(TypedDict, total=False):
    alternative_offered: str


class EndedNonResponseEventDict(_EndedNonResponseEventDictOptional):
    """Middle or termination → ended (non-response), after a minimal-or-no-benefit verdict or a stop
    candidate. Under rules edition 2 the alternative offered is required."""

    type: Literal["ended_non_response"]


class NonResponseStopDeclinedEventDict(TypedDict):
    """The clinician continues the course although the latest evaluation made it a stop candidate (rules
    edition 2, docs/course.md#the-non-response-rule). Recorded as a deviation."""

    type: Literal["non_response_stop_declined"]
    reason: str


class _EndedEarlyEventDictOptional(TypedDict, total=False):
    detail: str


class EndedEarlyEventDict(_EndedEarlyEventDictOptional):
    """Any active phase → ended early."""

    type: Literal["ended_early"]
    reason: EarlyEndReasonName


class _ReferredEventDictOptional(TypedDict, total=False):
    reason: str


class ReferredEventDict(_ReferredEventDictOptional):
    """Any active phase → referred elsewhere."""

    type: Literal["referred"]
    to: str


class DiagnosisRevisedEventDict(TypedDict):
    """The recorded diagnosis is revised (for example unipolar depression → bipolar disorder after a first
    manic episode), in any phase once a diagnosis is recorded. The previous diagnosis and the reason
    stay in the course's revision history."""

    type: Literal["diagnosis_revised"]
    diagnosis: str
    reason: str


class MeasureRecordedEventDict(TypedDict):
    """A scored outcome measure (the output of ``score``) is recorded in the course, in any phase. When it
    carries safety signals the course shows an open safety warning until a ``SafetyAcknowledged``
    follows. A result of a shipped instrument must re-score to itself from its answers."""

    type: Literal["measure_recorded"]
    score: MeasureScoreDict


class DeficitsAcknowledgedEventDict(TypedDict):
    """A clinician acknowledges that interpersonal deficits stays the focus although other areas may apply
    (the ``deficits_unacknowledged`` warning, docs/course.md#deficits-as-a-last-resort): who, and why.
    Any phase; refused when no such warning is open."""

    type: Literal["deficits_acknowledged"]
    by: str
    reason: str


class _SafetyAcknowledgedEventDictOptional(TypedDict, total=False):
    note: str


class SafetyAcknowledgedEventDict(_SafetyAcknowledgedEventDictOptional):
    """A clinician acknowledges every open safety signal: who, and what was done (the event's date is
    when). Refused when no safety signal is open."""

    type: Literal["safety_acknowledged"]
    by: str
    action: str



CourseEventDict = Union[
    CourseCreatedEventDict,
    SymptomOnsetRecordedEventDict,
    DiagnosisRecordedEventDict,
    SickRoleRecordedEventDict,
    PersonAddedEventDict,
    PersonUpdatedEventDict,
    PersonRemovedEventDict,
    LifeEventRecordedEventDict,
    ProblemAreaChosenEventDict,
    ProblemAreaRemovedEventDict,
    FocusChangedEventDict,
    DisputeStageChangedEventDict,
    FormulationAcceptedEventDict,
    ContractSetEventDict,
    ContractRenegotiatedEventDict,
    SessionRecordedEventDict,
    MiddlePhaseStartedEventDict,
    ResponseEvaluatedEventDict,
    TerminationStartedEventDict,
    RelapsePreventionPlanRecordedEventDict,
    TerminationTaskRecordedEventDict,
    TerminationTaskSkippedEventDict,
    MedicationStartedEventDict,
    MedicationStoppedEventDict,
    PopulationSetEventDict,
    MaintenanceStartedEventDict,
    RecurrenceRecordedEventDict,
    CourseCompletedEventDict,
    EndedNonResponseEventDict,
    NonResponseStopDeclinedEventDict,
    EndedEarlyEventDict,
    ReferredEventDict,
    DiagnosisRevisedEventDict,
    MeasureRecordedEventDict,
    DeficitsAcknowledgedEventDict,
    SafetyAcknowledgedEventDict,
]
"""A course event (``Course.events[i]["event"]``), told apart by ``type``."""

COURSE_EVENTS: dict[str, type] = {
    "course_created": CourseCreatedEventDict,
    "symptom_onset_recorded": SymptomOnsetRecordedEventDict,
    "diagnosis_recorded": DiagnosisRecordedEventDict,
    "sick_role_recorded": SickRoleRecordedEventDict,
    "person_added": PersonAddedEventDict,
    "person_updated": PersonUpdatedEventDict,
    "person_removed": PersonRemovedEventDict,
    "life_event_recorded": LifeEventRecordedEventDict,
    "problem_area_chosen": ProblemAreaChosenEventDict,
    "problem_area_removed": ProblemAreaRemovedEventDict,
    "focus_changed": FocusChangedEventDict,
    "dispute_stage_changed": DisputeStageChangedEventDict,
    "formulation_accepted": FormulationAcceptedEventDict,
    "contract_set": ContractSetEventDict,
    "contract_renegotiated": ContractRenegotiatedEventDict,
    "session_recorded": SessionRecordedEventDict,
    "middle_phase_started": MiddlePhaseStartedEventDict,
    "response_evaluated": ResponseEvaluatedEventDict,
    "termination_started": TerminationStartedEventDict,
    "relapse_prevention_plan_recorded": RelapsePreventionPlanRecordedEventDict,
    "termination_task_recorded": TerminationTaskRecordedEventDict,
    "termination_task_skipped": TerminationTaskSkippedEventDict,
    "medication_started": MedicationStartedEventDict,
    "medication_stopped": MedicationStoppedEventDict,
    "population_set": PopulationSetEventDict,
    "maintenance_started": MaintenanceStartedEventDict,
    "recurrence_recorded": RecurrenceRecordedEventDict,
    "course_completed": CourseCompletedEventDict,
    "ended_non_response": EndedNonResponseEventDict,
    "non_response_stop_declined": NonResponseStopDeclinedEventDict,
    "ended_early": EndedEarlyEventDict,
    "referred": ReferredEventDict,
    "diagnosis_revised": DiagnosisRevisedEventDict,
    "measure_recorded": MeasureRecordedEventDict,
    "deficits_acknowledged": DeficitsAcknowledgedEventDict,
    "safety_acknowledged": SafetyAcknowledgedEventDict,
}
"""The TypedDict of each ``CourseEventDict`` tag (for runtime checks)."""


class PhaseChangeDict(TypedDict):
    """A phase change of the course."""

    date: str
    phase: PhaseKindName


class InventoryDict(TypedDict):
    """The interpersonal inventory in its serde form."""

    people: list[PersonDict]


class _ChosenAreaDictOptional(TypedDict, total=False):
    dispute_stage: DisputeStageName
    person: str


class ChosenAreaDict(_ChosenAreaDictOptional):
    """A chosen problem area (``Course.area``)."""

    kind: ProblemAreaKindName
    chosen_at_session: int


_ContractTermDictRequired = TypedDict(
    "_ContractTermDictRequired",
    {
        "from": str,
        "contract": ContractDict,
        "maintenance": bool,
    },
)


class _ContractTermDictOptional(_ContractTermDictRequired, total=False):
    reason: str


class ContractTermDict(_ContractTermDictOptional):
    """A contract and the day it took effect."""


class _SessionDictOptional(TypedDict, total=False):
    at: ZonedDateTimeDict
    mode: DeliveryModeName


class SessionDict(_SessionDictOptional):
    """A recorded session."""

    number: int
    date: str
    attendance: AttendanceName
    phase: PhaseKindName


class _EvaluationDictOptional(TypedDict, total=False):
    basis: EvaluationBasisDict
    stop_candidate: bool
    stop_declined: str


class EvaluationDict(_EvaluationDictOptional):
    """A response evaluation (``Course.latest_evaluation``)."""

    date: str
    after_sessions: int
    verdict: ResponseVerdictName


class _RelapsePlanRecordDictOptional(TypedDict, total=False):
    plan_ref: str
    summary: str


class RelapsePlanRecordDict(_RelapsePlanRecordDictOptional):
    """The relapse-prevention plan record."""

    date: str


class DeviationDict(TypedDict):
    """A recorded deviation from the protocol."""

    date: str
    event_index: int
    rule: str
    reason: str


class _RecordedMeasureDictOptional(TypedDict, total=False):
    total: int
    safety: list[SafetySignalDict]
    safety_unanswered: list[str]
    acknowledged: SafetyAcknowledgementDict


class RecordedMeasureDict(_RecordedMeasureDictOptional):
    """A measure recorded in the course (``Course.open_safety``)."""

    date: str
    event_index: int
    instrument: str


_DiagnosisRevisionDictRequired = TypedDict(
    "_DiagnosisRevisionDictRequired",
    {
        "date": str,
        "event_index": int,
        "from": str,
        "to": str,
        "reason": str,
    },
)


class DiagnosisRevisionDict(_DiagnosisRevisionDictRequired):
    """A revised diagnosis."""


class _FocusChangeDictOptional(TypedDict, total=False):
    replaced: ChosenAreaDict


class FocusChangeDict(_FocusChangeDictOptional):
    """A change of focus in the middle phase."""

    date: str
    event_index: int
    area: ProblemAreaKindName
    reason: str


class _CourseRecurrenceDictOptional(TypedDict, total=False):
    detail: str


class CourseRecurrenceDict(_CourseRecurrenceDictOptional):
    """A recurrence recorded in maintenance."""

    date: str
    event_index: int


class _TerminationTaskRecordDictOptional(TypedDict, total=False):
    note: str
    skipped: str


class TerminationTaskRecordDict(_TerminationTaskRecordDictOptional):
    """A termination task done or skipped (``Course.termination_task``)."""

    task: TerminationTaskName
    date: str
    event_index: int


class _MedicationPeriodDictOptional(TypedDict, total=False):
    stopped: str
    note: str
    stop_note: str


class MedicationPeriodDict(_MedicationPeriodDictOptional):
    """Medication taken alongside the course."""

    medication: str
    started: str


class _DeficitsAcknowledgementDictOptional(TypedDict, total=False):
    by: str


class DeficitsAcknowledgementDict(_DeficitsAcknowledgementDictOptional):
    """The acknowledgement that deficits stays the focus."""

    date: str
    event_index: int
    reason: str


class _SafetyAcknowledgementDictOptional(TypedDict, total=False):
    note: str


class SafetyAcknowledgementDict(_SafetyAcknowledgementDictOptional):
    """A clinician acknowledged the open safety signals."""

    date: str
    event_index: int
    by: str
    action: str


class _CourseSnapshotDictOptional(TypedDict, total=False):
    symptom_onset: str
    diagnosis: str
    sick_role: str
    formulation: str
    relapse_plan: RelapsePlanRecordDict
    measures: list[RecordedMeasureDict]
    diagnosis_revisions: list[DiagnosisRevisionDict]
    focus_changes: list[FocusChangeDict]
    recurrences: list[CourseRecurrenceDict]
    population: PopulationName
    termination_tasks: list[TerminationTaskRecordDict]
    medications: list[MedicationPeriodDict]
    deficits_acknowledgement: DeficitsAcknowledgementDict


class CourseSnapshotDict(_CourseSnapshotDictOptional):
    """The course state in its serde form (``Course.snapshot``)."""

    protocol: ProtocolDict
    taxonomy: TaxonomyName
    phase: PhaseDict
    phase_history: list[PhaseChangeDict]
    inventory: InventoryDict
    life_events: list[LifeEventDict]
    areas: list[ChosenAreaDict]
    contracts: list[ContractTermDict]
    sessions: list[SessionDict]
    evaluations: list[EvaluationDict]
    deviations: list[DeviationDict]
    sessions_before_contract: int
    last_date: str
    events_applied: int


class PhaseInitialDict(TypedDict):
    """Assessment: diagnosis, sick role, inventory, problem areas, formulation, contract."""

    phase: Literal["initial"]


class PhaseMiddleDict(TypedDict):
    """Work on the problem areas."""

    phase: Literal["middle"]


class PhaseTerminationDict(TypedDict):
    """The ending has been raised; termination tasks."""

    phase: Literal["termination"]


class PhaseMaintenanceDict(TypedDict):
    """Maintenance IPT under a new contract."""

    phase: Literal["maintenance"]


class PhaseEndedDict(TypedDict):
    """The course has ended."""

    phase: Literal["ended"]
    ending: EndingDict


class EndingCompletedDict(TypedDict):
    """Termination (or maintenance) completed."""

    outcome: Literal["completed"]


class _EndingNonResponseDictOptional(TypedDict, total=False):
    alternative_offered: str


class EndingNonResponseDict(_EndingNonResponseDictOptional):
    """Ended for non-response; the treatment failed, not the patient."""

    outcome: Literal["non_response"]


class _EndingEndedEarlyDictOptional(TypedDict, total=False):
    detail: str


class EndingEndedEarlyDict(_EndingEndedEarlyDictOptional):
    """Ended early."""

    outcome: Literal["ended_early"]
    reason: EarlyEndReasonName


class _EndingReferredDictOptional(TypedDict, total=False):
    reason: str


class EndingReferredDict(_EndingReferredDictOptional):
    """Referred elsewhere."""

    outcome: Literal["referred"]
    to: str


PhaseDict = Union[
    PhaseInitialDict,
    PhaseMiddleDict,
    PhaseTerminationDict,
    PhaseMaintenanceDict,
    PhaseEndedDict,
]
"""A course phase in the snapshot (``phase`` tag)."""


EndingDict = Union[
    EndingCompletedDict,
    EndingNonResponseDict,
    EndingEndedEarlyDict,
    EndingReferredDict,
]
"""How a course ended (``outcome``)."""


class GroupReferredEventDict(TypedDict):
    """A person is referred to the group. For the process group (S3) a GP referral is required."""

    type: Literal["referred"]
    person: str
    date: str
    gp_referral: bool


class GroupIntakeCompletedEventDict(TypedDict):
    """One intake step was completed (must be the next step of the group's pathway)."""

    type: Literal["intake_completed"]
    person: str
    step: IntakeStepName
    date: str


class GroupNotAdmittedEventDict(TypedDict):
    """An intake decided the person will not take part (yet)."""

    type: Literal["not_admitted"]
    person: str
    date: str


class _GroupWaitlistedEventDictOptional(TypedDict, total=False):
    unmet_criteria: list[str]
    reason: str


class GroupWaitlistedEventDict(_GroupWaitlistedEventDictOptional):
    """A person whose intake is complete is put on the waitlist (at the end). If a place is free and
    admission is open, the head of the waitlist joins at once. The clinician records which of the
    group's admission criteria are not met; with any unmet, a ``reason`` for admitting them all the same
    is required."""

    type: Literal["waitlisted"]
    person: str
    date: str


class GroupRejoinedEventDict(TypedDict):
    """A person who left (the group, the waitlist or the intake) comes back. Their referral and completed
    intake steps stand: with the intake unfinished they continue it, otherwise they go to the end of the
    waitlist and join by the usual rule (a place free and admission open)."""

    type: Literal["rejoined"]
    person: str
    date: str


class GroupSessionHeldEventDict(TypedDict):
    """A group session was held; ``present`` lists the members who attended."""

    type: Literal["session_held"]
    date: str
    present: list[str]


class _GroupLeftEventDictOptional(TypedDict, total=False):
    note: str


class GroupLeftEventDict(_GroupLeftEventDictOptional):
    """A member (or someone waiting or in intake) leaves. A freed place is filled from the waitlist in
    order, if admission is open."""

    type: Literal["left"]
    person: str
    date: str
    reason: LeaveReasonName


class _GroupIndividualMeetingEventDictOptional(TypedDict, total=False):
    deviation: str


class GroupIndividualMeetingEventDict(_GroupIndividualMeetingEventDictOptional):
    """An individual meeting (IPT-G: midway or post-group) took place. A midway meeting held at another
    point than the rules' ``midway_after_session`` (IPT-G: between sessions 10 and 11) needs a
    ``deviation`` saying why."""

    type: Literal["individual_meeting"]
    person: str
    kind: Literal["midway", "post_group"]
    date: str


class GroupClosedEventDict(TypedDict):
    """The group ends; every member completes it."""

    type: Literal["closed"]
    date: str



GroupEventDict = Union[
    GroupReferredEventDict,
    GroupIntakeCompletedEventDict,
    GroupNotAdmittedEventDict,
    GroupWaitlistedEventDict,
    GroupRejoinedEventDict,
    GroupSessionHeldEventDict,
    GroupLeftEventDict,
    GroupIndividualMeetingEventDict,
    GroupClosedEventDict,
]
"""A group event (``Group.events``), told apart by ``type``."""

GROUP_EVENTS: dict[str, type] = {
    "referred": GroupReferredEventDict,
    "intake_completed": GroupIntakeCompletedEventDict,
    "not_admitted": GroupNotAdmittedEventDict,
    "waitlisted": GroupWaitlistedEventDict,
    "rejoined": GroupRejoinedEventDict,
    "session_held": GroupSessionHeldEventDict,
    "left": GroupLeftEventDict,
    "individual_meeting": GroupIndividualMeetingEventDict,
    "closed": GroupClosedEventDict,
}
"""The TypedDict of each ``GroupEventDict`` tag (for runtime checks)."""


class ChartLifeEventDict(TypedDict):
    """A life event (death, conflict, job change, birth, ...)."""

    type: Literal["life_event"]
    date: str
    kind: str
    note: str


class ChartRhythmDisruptionEventDict(TypedDict):
    """A disruption of the daily rhythm (late nights, travel, a night shift, a clock change...)."""

    type: Literal["rhythm_disruption"]
    date: str
    kind: str | None
    note: str


class ChartMedicationChangeEventDict(TypedDict):
    """A medication change or a period of not taking medication (the third pathway)."""

    type: Literal["medication_change"]
    date: str
    note: str



ChartEventDict = Union[
    ChartLifeEventDict,
    ChartRhythmDisruptionEventDict,
    ChartMedicationChangeEventDict,
]
"""A life-chart event (``LifeChart.events``), told apart by ``type``."""

CHART_EVENTS: dict[str, type] = {
    "life_event": ChartLifeEventDict,
    "rhythm_disruption": ChartRhythmDisruptionEventDict,
    "medication_change": ChartMedicationChangeEventDict,
}
"""The TypedDict of each ``ChartEventDict`` tag (for runtime checks)."""


class PlanAnchorsChosenEventDict(TypedDict):
    """The first 1–2 anchors are chosen (after the baseline)."""

    type: Literal["anchors_chosen"]
    date: str
    anchors: list[str]


class PlanTargetsSetEventDict(TypedDict):
    """Target times are set for exactly the chosen anchors; ``habitual`` is each anchor's baseline time,
    where the gradual shift starts."""

    type: Literal["targets_set"]
    date: str
    targets: list[list[str]]


class PlanStepTakenEventDict(TypedDict):
    """One step toward the target for one anchor (after the hold time)."""

    type: Literal["step_taken"]
    date: str
    anchor: str


class PlanAnchorAddedEventDict(TypedDict):
    """A further anchor is added once every current anchor is at its target."""

    type: Literal["anchor_added"]
    date: str
    anchor: str
    habitual: str
    target: str


class PlanMaintenanceStartedEventDict(TypedDict):
    """Maintenance starts (every anchor at its target)."""

    type: Literal["maintenance_started"]
    date: str


class PlanDisruptionPlannedEventDict(TypedDict):
    """A known disruptor is planned for (any stage)."""

    type: Literal["disruption_planned"]
    date: str
    disruption: PlannedDisruptionDict



RhythmPlanEventDict = Union[
    PlanAnchorsChosenEventDict,
    PlanTargetsSetEventDict,
    PlanStepTakenEventDict,
    PlanAnchorAddedEventDict,
    PlanMaintenanceStartedEventDict,
    PlanDisruptionPlannedEventDict,
]
"""A rhythm-plan event (``RhythmPlan.events``), told apart by ``type``."""

RHYTHM_PLAN_EVENTS: dict[str, type] = {
    "anchors_chosen": PlanAnchorsChosenEventDict,
    "targets_set": PlanTargetsSetEventDict,
    "step_taken": PlanStepTakenEventDict,
    "anchor_added": PlanAnchorAddedEventDict,
    "maintenance_started": PlanMaintenanceStartedEventDict,
    "disruption_planned": PlanDisruptionPlannedEventDict,
}
"""The TypedDict of each ``RhythmPlanEventDict`` tag (for runtime checks)."""


class IpsrtCourseEventDict(TypedDict):
    """An IPT course event (session, diagnosis, person added, problem area chosen, formulation, contract,
    ...), applied to the underlying course. Start the middle phase with ``intermediate_started``
    instead."""

    type: Literal["course"]
    record: CourseEventRecordDict


class IpsrtTaskDoneEventDict(TypedDict):
    """An IPSRT initial task done."""

    type: Literal["task_done"]
    date: str
    task: IpsrtTaskName


class IpsrtIntermediateStartedEventDict(TypedDict):
    """The intermediate phase starts (all IPSRT and IPT initial tasks done; one problem area)."""

    type: Literal["intermediate_started"]
    date: str


class IpsrtContinuationStartedEventDict(TypedDict):
    """Continuation/maintenance starts once the stabilisation criterion is met by ``ratings``."""

    type: Literal["continuation_started"]
    date: str
    ratings: list[WeeklyRatingDict]


class IpsrtFinalStartedEventDict(TypedDict):
    """The final (taper) phase starts."""

    type: Literal["final_started"]
    date: str


class _IpsrtRecurrenceRecordedEventDictOptional(TypedDict, total=False):
    detail: str
    contract: ContractDict


class IpsrtRecurrenceRecordedEventDict(_IpsrtRecurrenceRecordedEventDictOptional):
    """A recurrence during continuation/maintenance or the final phase: back to acute treatment (the
    intermediate phase). When the IPT course is in maintenance, it returns to acute treatment too, under
    ``contract`` (required then)."""

    type: Literal["recurrence_recorded"]
    date: str


class IpsrtEndedEventDict(TypedDict):
    """The course ends (after the final phase). Under rules edition 2 it needs the relapse plan and
    completes the IPT course, which must be in termination or maintenance."""

    type: Literal["ended"]
    date: str



IpsrtEventDict = Union[
    IpsrtCourseEventDict,
    IpsrtTaskDoneEventDict,
    IpsrtIntermediateStartedEventDict,
    IpsrtContinuationStartedEventDict,
    IpsrtFinalStartedEventDict,
    IpsrtRecurrenceRecordedEventDict,
    IpsrtEndedEventDict,
]
"""An IPSRT course event (``IpsrtCourse.events``), told apart by ``type``."""

IPSRT_EVENTS: dict[str, type] = {
    "course": IpsrtCourseEventDict,
    "task_done": IpsrtTaskDoneEventDict,
    "intermediate_started": IpsrtIntermediateStartedEventDict,
    "continuation_started": IpsrtContinuationStartedEventDict,
    "final_started": IpsrtFinalStartedEventDict,
    "recurrence_recorded": IpsrtRecurrenceRecordedEventDict,
    "ended": IpsrtEndedEventDict,
}
"""The TypedDict of each ``IpsrtEventDict`` tag (for runtime checks)."""


class ObservedPhq9Dict(TypedDict):
    """A PHQ-9 result: the total (0–27) and the answer to item 9 (0–3). Either may be missing (an
    incomplete questionnaire), but not both."""

    type: Literal["phq9"]
    total: int | None
    item9: int | None


class ObservedAsrmDict(TypedDict):
    """An ASRM total (0–20)."""

    type: Literal["asrm"]
    total: int


class ObservedYmrsDict(TypedDict):
    """A YMRS total (0–60)."""

    type: Literal["ymrs"]
    total: int


class _ObservedHrsdDictOptional(TypedDict, total=False):
    item3: int


class ObservedHrsdDict(_ObservedHrsdDictOptional):
    """An HRSD-17 result: the total (0–52) and, when rated, item 3 ("suicide", 0–4), whose answer at or
    above the plan's ``hrsd_item3_crisis`` threshold is a safety signal."""

    type: Literal["hrsd"]
    total: int


class _ObservedEpdsDictOptional(TypedDict, total=False):
    total: int
    item10: int


class ObservedEpdsDict(_ObservedEpdsDictOptional):
    """An EPDS result: the total (0–30) and item 10 (thoughts of harming oneself, 0–3, the scored value).
    Either may be missing (an incomplete questionnaire), but not both. Item 10 at or above its threshold
    is a safety signal."""

    type: Literal["epds"]


class _ObservedPhq9mDictOptional(TypedDict, total=False):
    total: int
    item9: int
    serious_thoughts: bool
    lifetime_attempt: bool


class ObservedPhq9mDict(_ObservedPhq9mDictOptional):
    """A PHQ-9 Modified for Teens result: the total of items 1–9 (0–27) and its suicide questions (item 9,
    0–3; serious thoughts of ending one's life in the past month, yes/no; a suicide attempt ever,
    yes/no). At least one must be present; every answered suicide question at or above its threshold is
    a safety signal."""

    type: Literal["phq9m"]


class ObservedCssrsScreenerDict(TypedDict):
    """A C-SSRS screener result entered by a clinician: the risk level 0 (no risk identified), 1 (low), 2
    (moderate) or 3 (high)."""

    type: Literal["cssrs_screener"]
    risk: int


class ObservedDailyMoodDict(TypedDict):
    """The daily mood rating of the SRM form, −5 (very depressed) to +5 (very elated)."""

    type: Literal["daily_mood"]
    mood: int


class ObservedNoRecentEntriesDict(TypedDict):
    """No diary entry or measure has been recorded for this many days (the app counts them)."""

    type: Literal["no_recent_entries"]
    days: int


class ObservedAcknowledgedDict(TypedDict):
    """A clinician acknowledged the alert: who, and what was done. Its date (and ``at``) is when. It
    resolves the safety signals and crisis signs dated on or before it and lets the level fall at once
    to what the rest of the evidence asks for."""

    type: Literal["acknowledged"]
    by: str
    action: str


class ObservedSrmWeekDict(TypedDict):
    """A weekly SRM score (0–7) for the week starting ``week_start``."""

    type: Literal["srm_week"]
    week_start: str
    score: float


class ObservedSleepShiftDict(TypedDict):
    """A night's shift of a sleep anchor versus the person's habitual time, in minutes (positive = later,
    negative = earlier), from the SRM bedtime/out-of-bed entries."""

    type: Literal["sleep_shift"]
    anchor: Literal["bedtime", "out_of_bed"]
    minutes: int


class ObservedWarningSignDict(TypedDict):
    """The person (or a supporter) logged one of the plan's warning signs, by its id."""

    type: Literal["warning_sign"]
    sign: str


class _ObservedTriggerDictOptional(TypedDict, total=False):
    note: str


class ObservedTriggerDict(_ObservedTriggerDictOptional):
    """A trigger happened: a life event or rhythm disruptor."""

    type: Literal["trigger"]
    kind: str


class _ObservedMissedMedicationDictOptional(TypedDict, total=False):
    medication: str


class ObservedMissedMedicationDict(_ObservedMissedMedicationDictOptional):
    """Doses of medication were missed."""

    type: Literal["missed_medication"]
    doses: int


class ObservedCheckInDict(TypedDict):
    """Nothing new: the person checked in. Moves the machine's clock forward so that de-escalation can
    happen when nothing is observed."""

    type: Literal["check_in"]



ObservedDict = Union[
    ObservedPhq9Dict,
    ObservedAsrmDict,
    ObservedYmrsDict,
    ObservedHrsdDict,
    ObservedEpdsDict,
    ObservedPhq9mDict,
    ObservedCssrsScreenerDict,
    ObservedDailyMoodDict,
    ObservedNoRecentEntriesDict,
    MissedOccurrencesObserved,
    ObservedAcknowledgedDict,
    ObservedSrmWeekDict,
    ObservedSleepShiftDict,
    ObservedWarningSignDict,
    ObservedTriggerDict,
    ObservedMissedMedicationDict,
    ObservedCheckInDict,
]
"""What an observation observed (``Observation.observed``), told apart by ``type``."""

OBSERVED_KINDS: dict[str, type] = {
    "phq9": ObservedPhq9Dict,
    "asrm": ObservedAsrmDict,
    "ymrs": ObservedYmrsDict,
    "hrsd": ObservedHrsdDict,
    "epds": ObservedEpdsDict,
    "phq9m": ObservedPhq9mDict,
    "cssrs_screener": ObservedCssrsScreenerDict,
    "daily_mood": ObservedDailyMoodDict,
    "no_recent_entries": ObservedNoRecentEntriesDict,
    "missed_occurrences": MissedOccurrencesObserved,
    "acknowledged": ObservedAcknowledgedDict,
    "srm_week": ObservedSrmWeekDict,
    "sleep_shift": ObservedSleepShiftDict,
    "warning_sign": ObservedWarningSignDict,
    "trigger": ObservedTriggerDict,
    "missed_medication": ObservedMissedMedicationDict,
    "check_in": ObservedCheckInDict,
}
"""The TypedDict of each ``ObservedDict`` tag (for runtime checks)."""


class _CourseEventRecordOptional(TypedDict, total=False):
    recorded_at: ZonedDateTimeDict
    """When it was recorded, if known (local wall-clock time and zone)."""


class CourseEventRecordDict(_CourseEventRecordOptional):
    """One entry of a course's event log (``Course.events``, ``ipsrt.event_record``)."""

    date: str
    event: CourseEventDict


class CoursePhaseDict(TypedDict):
    """A course's phase (``Course.phase``): ``name`` equals ``kind``; ``ending`` only when ended."""

    name: PhaseKindName
    kind: PhaseKindName
    order: int
    """0 initial ... 4 ended."""
    is_ended: bool
    ending: EndingDict | None


class StopCandidateDict(EvaluationDict):
    """The evaluation that made the course a stop candidate (``Course.stop_candidate``)."""

    reduction_percent: int | None
    """The reduction from baseline in whole percent, or None without both totals."""


class RelationshipChangeNearOnsetDict(TypedDict):
    """A relationship change before onset (``Inventory.changes_before``)."""

    person: PersonDict
    change: RelationshipChangeDict
    days_before_onset: int


class SrmFormDict(TypedDict):
    """An SRM form in its serde form: ``{"type": "srm_5"}``, ``{"type": "srm_17"}``, ..."""

    type: str


class _SrmWeekOptional(TypedDict, total=False):
    people: dict[str, list[int | None]]
    """The People code per item and day (absent when none is coded)."""
    late: dict[str, list[bool]]
    """Which cells were recorded late, per item (absent when none)."""
    mood: list[int | None]
    """The day's mood −5..+5 (absent when none is rated)."""


class SrmWeekDict(_SrmWeekOptional):
    """A 7-day SRM window in its serde form (``Diary.weeks``; the input of ``srm_score_week``):
    per item, seven cells that are ``"HH:MM"`` or a status word (``"not_recorded"``, ...)."""

    form: SrmFormDict
    start: str
    items: dict[str, list[str]]


class ParsedLongRowDict(TypedDict):
    """One parsed long-format row (``srm_parse_long_row``)."""

    participant: str
    entry: SrmEntry
    mood: int | None


class SrmBatchArraysDict(TypedDict):
    """Batch SRM scores as NumPy arrays (``srm_score_batch_numpy``, ``srm_score_batch_arrow``):
    ``score`` (float64, NaN when not scorable), ``hits``, ``counted_items``, ``ali`` per week;
    ``habitual`` and ``item_hits`` per week × item, or None with ``per_item=False``."""

    score: Any
    hits: Any
    counted_items: Any
    ali: Any
    habitual: Any | None
    item_hits: Any | None


class SrmLongWeeksDict(TypedDict):
    """The windows of long-format data (``srm_long_weeks``): ``times`` is the int16
    ``(weeks, 7, items)`` NumPy array, ``days_recorded`` a NumPy uint8 array."""

    times: Any
    participant: list[str]
    week_start: list[datetime.date]
    days_recorded: Any


class SrmLongScoresDict(TypedDict):
    """Long-format scores as columns (``srm_score_long``): the score columns are NumPy arrays."""

    participant: list[str]
    week_start: list[datetime.date]
    score: Any
    hits: Any
    counted_items: Any
    ali: Any
    days_recorded: Any


class _FhirResourceOptional(TypedDict, total=False):
    status: str
    subject: dict[str, str]
    authored: str
    questionnaire: str
    item: list[dict[str, Any]]
    code: dict[str, Any]
    category: list[dict[str, Any]]
    effectiveDateTime: str
    valueQuantity: dict[str, Any]
    derivedFrom: list[dict[str, str]]
    note: list[dict[str, str]]


class FhirResourceDict(_FhirResourceOptional):
    """A FHIR R4 resource of a bundle: a ``QuestionnaireResponse`` or an ``Observation``.
    Typed at the top level only: ``resourceType`` and ``id`` always, the other top-level fields
    when the resource has them; their contents are FHIR's own JSON."""

    resourceType: Literal["QuestionnaireResponse", "Observation"]
    id: str


class FhirBundleEntryDict(TypedDict):
    """An entry of a FHIR bundle."""

    fullUrl: str
    resource: FhirResourceDict


class FhirBundleDict(TypedDict):
    """A scored measure as a FHIR R4 ``collection`` bundle (``MeasureScore.to_fhir``)."""

    resourceType: Literal["Bundle"]
    type: Literal["collection"]
    entry: list[FhirBundleEntryDict]


class ImportedFhirDict(TypedDict):
    """Answers read from a FHIR ``QuestionnaireResponse`` (``Instrument.import_fhir``):
    ``ignored`` lists the linkIds that are not items of the instrument."""

    answers: dict[str, int]
    ignored: list[str]


__all__ += [
    "AdmissionPolicyClosedDict",
    "AdmissionPolicyDict",
    "AdmissionPolicyRollingDict",
    "AttendanceName",
    "CHART_EVENTS",
    "COURSE_EVENTS",
    "ChartEventDict",
    "ChartLifeEventDict",
    "ChartMedicationChangeEventDict",
    "ChartRhythmDisruptionEventDict",
    "ChosenAreaDict",
    "CitedAdmissionPolicyDict",
    "CitedCriteriaDict",
    "CitedEvaluationRuleDict",
    "CitedFrequencyDict",
    "CitedIntakeStepsDict",
    "CitedMaintenanceBlocksDict",
    "CitedPairDict",
    "CitedRangeDict",
    "ContractDict",
    "ContractRenegotiatedEventDict",
    "ContractSetEventDict",
    "ContractTermDict",
    "CourseCompletedEventDict",
    "CourseCreatedEventDict",
    "CourseEventDict",
    "CourseEventRecordDict",
    "CoursePhaseDict",
    "CourseRecurrenceDict",
    "CourseSnapshotDict",
    "DeficitsAcknowledgedEventDict",
    "DeficitsAcknowledgementDict",
    "DeliveryModeName",
    "DeviationDict",
    "DiagnosisRecordedEventDict",
    "DiagnosisRevisedEventDict",
    "DiagnosisRevisionDict",
    "DisputeStageChangedEventDict",
    "DisputeStageName",
    "EarlyEndReasonName",
    "EndedEarlyEventDict",
    "EndedNonResponseEventDict",
    "EndingCompletedDict",
    "EndingDict",
    "EndingEndedEarlyDict",
    "EndingNonResponseDict",
    "EndingReferredDict",
    "EvaluationDict",
    "EvaluationRuleDict",
    "FhirBundleDict",
    "FhirBundleEntryDict",
    "FhirResourceDict",
    "FocusChangeDict",
    "FocusChangedEventDict",
    "FormulationAcceptedEventDict",
    "FrequencyName",
    "GROUP_EVENTS",
    "GroupClosedEventDict",
    "GroupEventDict",
    "GroupIndividualMeetingEventDict",
    "GroupIntakeCompletedEventDict",
    "GroupLeftEventDict",
    "GroupNotAdmittedEventDict",
    "GroupReferredEventDict",
    "GroupRejoinedEventDict",
    "GroupRulesDict",
    "GroupSessionHeldEventDict",
    "GroupWaitlistedEventDict",
    "IPSRT_EVENTS",
    "ImportedFhirDict",
    "IntakeStepName",
    "InventoryDict",
    "IpsrtContinuationStartedEventDict",
    "IpsrtCourseEventDict",
    "IpsrtEndedEventDict",
    "IpsrtEventDict",
    "IpsrtFinalStartedEventDict",
    "IpsrtIntermediateStartedEventDict",
    "IpsrtProtocolDict",
    "IpsrtRecurrenceRecordedEventDict",
    "IpsrtTaskDoneEventDict",
    "IpsrtTaskName",
    "LeaveReasonName",
    "LevelGuidanceDict",
    "LifeEventDict",
    "LifeEventRecordedEventDict",
    "MaintenanceBlockDict",
    "MaintenanceStartedEventDict",
    "MeasureRecordedEventDict",
    "MeasureScoreDict",
    "MedicationPeriodDict",
    "MedicationStartedEventDict",
    "MedicationStoppedEventDict",
    "MiddlePhaseStartedEventDict",
    "NonResponseStopDeclinedEventDict",
    "OBSERVED_KINDS",
    "ObservedAcknowledgedDict",
    "ObservedAsrmDict",
    "ObservedCheckInDict",
    "ObservedCssrsScreenerDict",
    "ObservedDailyMoodDict",
    "ObservedDict",
    "ObservedEpdsDict",
    "ObservedHrsdDict",
    "ObservedMissedMedicationDict",
    "ObservedNoRecentEntriesDict",
    "ObservedPhq9Dict",
    "ObservedPhq9mDict",
    "ObservedSleepShiftDict",
    "ObservedSrmWeekDict",
    "ObservedTriggerDict",
    "ObservedWarningSignDict",
    "ObservedYmrsDict",
    "ParsedLongRowDict",
    "PersonAddedEventDict",
    "PersonRemovedEventDict",
    "PersonUpdatedEventDict",
    "PhaseChangeDict",
    "PhaseDict",
    "PhaseEndedDict",
    "PhaseInitialDict",
    "PhaseKindName",
    "PhaseMaintenanceDict",
    "PhaseMiddleDict",
    "PhaseTerminationDict",
    "PlanAnchorAddedEventDict",
    "PlanAnchorsChosenEventDict",
    "PlanDisruptionPlannedEventDict",
    "PlanMaintenanceStartedEventDict",
    "PlanStepTakenEventDict",
    "PlanTargetsSetEventDict",
    "PlannedDisruptionDict",
    "PopulationName",
    "PopulationSetEventDict",
    "ProblemAreaChosenEventDict",
    "ProblemAreaKindName",
    "ProblemAreaRemovedEventDict",
    "ProblemAreaSuggestionDict",
    "ProblemAreaSuggestionsDict",
    "ProtocolDict",
    "RECURRENCE_KINDS",
    "RHYTHM_PLAN_EVENTS",
    "RangeDict",
    "RecordedMeasureDict",
    "RecurrenceAtSessionsDict",
    "RecurrenceDailyDict",
    "RecurrenceDict",
    "RecurrenceEverySessionsDict",
    "RecurrenceRecordedEventDict",
    "RecurrenceWeeklyDict",
    "ReferredEventDict",
    "RelapsePlanRecordDict",
    "RelapsePreventionPlanRecordedEventDict",
    "RelationshipChangeNearOnsetDict",
    "RhythmNoteDict",
    "RhythmPlanEventDict",
    "SafetyAcknowledgedEventDict",
    "SafetyAcknowledgementDict",
    "ScoringOptionsDict",
    "SessionDict",
    "SessionRecordedEventDict",
    "SickRoleRecordedEventDict",
    "SrmBatchArraysDict",
    "SrmFormDict",
    "SrmLongScoresDict",
    "SrmLongWeeksDict",
    "SrmWeekDict",
    "StabilisationCriterionDict",
    "StopCandidateDict",
    "SymptomOnsetRecordedEventDict",
    "TaxonomyName",
    "TerminationStartedEventDict",
    "TerminationTaskName",
    "TerminationTaskRecordDict",
    "TerminationTaskRecordedEventDict",
    "TerminationTaskSkippedEventDict",
    "TimingAfterOnsetDict",
    "TimingDict",
    "TimingDistantBeforeOnsetDict",
    "TimingOnsetUnknownDict",
    "TimingProximalBeforeOnsetDict",
    "TotalStatusCompleteDict",
    "TotalStatusDict",
    "TotalStatusIncompleteDict",
    "TotalStatusMissingAsZeroDict",
    "TotalStatusProratedDict",
    "WeeklyRatingDict",
]


# --- the care record's entries (``CareEntry.event``) --------------------------------------------

EpisodePolarityName = Literal["depressive", "manic", "hypomanic", "mixed"]
"""The polarity of a mood episode."""


class CarePatientRegisteredDict(TypedDict):
    """The patient's id in the host system and home time zone (one per record)."""

    type: Literal["patient_registered"]
    patient_ref: str
    zone: str


class CareZoneChangedDict(TypedDict):
    """The patient now lives in (or travels to) another IANA zone."""

    type: Literal["zone_changed"]
    zone: str


class CareScheduleSetDict(TypedDict):
    """A new version of the measurement schedule. ``schedule`` is a whole stored document in its
    raw form (``Schedule.to_dict``); read it typed with ``Schedule.from_dict``."""

    type: Literal["schedule_set"]
    schedule: dict[str, Any]


class _CareCourseStartedOptional(TypedDict, total=False):
    previous: str
    """The course this one follows (absent for the first)."""


class CareCourseStartedDict(_CareCourseStartedOptional):
    """A course starts (the first, or a restart linked to the previous course)."""

    type: Literal["course_started"]
    course: str
    protocol: ProtocolDict
    taxonomy: TaxonomyName


class CareCourseEventDict(TypedDict):
    """An event of a course of the record."""

    type: Literal["course_event"]
    course: str
    event: CourseEventDict


class _CareIpsrtCourseStartedOptional(TypedDict, total=False):
    previous: str
    """The course this one follows (absent for the first)."""


class CareIpsrtCourseStartedDict(_CareIpsrtCourseStartedOptional):
    """An IPSRT course starts: an IPT course under the protocol's acute protocol and the IPSRT-5
    taxonomy, with the IPSRT phases on top."""

    type: Literal["ipsrt_course_started"]
    course: str
    protocol: IpsrtProtocolDict


class CareIpsrtCourseEventDict(TypedDict):
    """An IPSRT event (task done, phase start, recurrence, end) of an IPSRT course of the record,
    dated on the entry's date. Its IPT events are ``course_event`` entries."""

    type: Literal["ipsrt_course_event"]
    course: str
    event: IpsrtEventDict


class CareEpisodeStartedDict(TypedDict):
    """The episode course starts (the index episode)."""

    type: Literal["episode_started"]
    protocol: EpisodeProtocolDict
    polarity: EpisodePolarityName
    prior_episodes: int


class _CareEpisodeChangedOptional(TypedDict, total=False):
    polarity: EpisodePolarityName
    """For a recurrence: the new episode's polarity (absent: the previous one's)."""


class CareEpisodeChangedDict(_CareEpisodeChangedOptional):
    """A clinician-recorded change of the episode state."""

    type: Literal["episode_changed"]
    event: EpisodeEventName


class CareRelapsePlanVersionDict(TypedDict):
    """A version of a relapse-prevention plan. ``plan`` is a whole stored document in its raw form
    (``RelapsePlan.to_dict``); read it typed with ``RelapsePlan.from_dict``."""

    type: Literal["relapse_plan_version"]
    plan_id: str
    plan: dict[str, Any]


class CareObservationDict(TypedDict):
    """A raw observation for the alert machine."""

    type: Literal["observation"]
    observed: ObservedDict


class CareMeasureAnsweredDict(TypedDict):
    """A questionnaire's answers (scored by the record)."""

    type: Literal["measure_answered"]
    instrument: str
    answers: dict[str, int]


class CareDiaryStartedDict(TypedDict):
    """The SRM diary starts, with its form."""

    type: Literal["diary_started"]
    form: SrmFormDict


class _CareDiaryItemOptional(TypedDict, total=False):
    people: int
    """The People code 0–3 (absent when not coded)."""


class CareDiaryItemDict(_CareDiaryItemOptional):
    """One item of a diary day: ``status`` is ``"HH:MM"``, ``"not_done"`` or ``"not_recorded"``."""

    item: str
    status: str


class _CareDiaryDayOptional(TypedDict, total=False):
    mood: int
    """The mood rating −5…+5 (absent when not rated)."""


class CareDiaryDayDict(_CareDiaryDayOptional):
    """One day of the SRM diary."""

    type: Literal["diary_day"]
    items: list[CareDiaryItemDict]


class CareMedicationPlanSetDict(TypedDict):
    """The medication schedule from the effective date on."""

    type: Literal["medication_plan_set"]
    doses: list[ScheduledDoseDict]


class CareDoseRecordedDict(TypedDict):
    """What happened to a scheduled dose."""

    type: Literal["dose_recorded"]
    dose: str
    outcome: DoseOutcomeDict


class CareRhythmPlanStartedDict(TypedDict):
    """The rhythm stabilisation plan starts."""

    type: Literal["rhythm_plan_started"]
    settings: RhythmPlanSettingsDict
    baseline_start: str


class CareRhythmPlanChangedDict(TypedDict):
    """An event of the rhythm plan."""

    type: Literal["rhythm_plan_changed"]
    event: RhythmPlanEventDict


class CareIpsJourneyLinkedDict(TypedDict):
    """The patient's IPS employment journey, by its checked id."""

    type: Literal["ips_journey_linked"]
    journey_id: str


class CareExcusedDict(TypedDict):
    """A scheduled occurrence excused, with the reason."""

    type: Literal["excused"]
    reason: str


class CareAcknowledgedDict(TypedDict):
    """A clinician acknowledged the alert, saying what they did."""

    type: Literal["acknowledged"]
    action: str


class CareCorrectionDict(TypedDict):
    """A correction of an earlier entry: ``replacement`` is the corrected entry's event."""

    type: Literal["correction"]
    target: str
    reason: str
    replacement: CareEventDict


class CareRetractionDict(TypedDict):
    """A retraction of an earlier entry."""

    type: Literal["retraction"]
    target: str
    reason: str


CareEventDict = Union[
    CarePatientRegisteredDict,
    CareZoneChangedDict,
    CareScheduleSetDict,
    CareCourseStartedDict,
    CareCourseEventDict,
    CareIpsrtCourseStartedDict,
    CareIpsrtCourseEventDict,
    CareEpisodeStartedDict,
    CareEpisodeChangedDict,
    CareRelapsePlanVersionDict,
    CareObservationDict,
    CareMeasureAnsweredDict,
    CareDiaryStartedDict,
    CareDiaryDayDict,
    CareMedicationPlanSetDict,
    CareDoseRecordedDict,
    CareRhythmPlanStartedDict,
    CareRhythmPlanChangedDict,
    CareIpsJourneyLinkedDict,
    CareExcusedDict,
    CareAcknowledgedDict,
    CareCorrectionDict,
    CareRetractionDict,
]
"""A care entry's event (``CareEntry.event``), told apart by ``type``."""

CARE_EVENTS: dict[str, Any] = {
    "patient_registered": CarePatientRegisteredDict,
    "zone_changed": CareZoneChangedDict,
    "schedule_set": CareScheduleSetDict,
    "course_started": CareCourseStartedDict,
    "course_event": CareCourseEventDict,
    "ipsrt_course_started": CareIpsrtCourseStartedDict,
    "ipsrt_course_event": CareIpsrtCourseEventDict,
    "episode_started": CareEpisodeStartedDict,
    "episode_changed": CareEpisodeChangedDict,
    "relapse_plan_version": CareRelapsePlanVersionDict,
    "observation": CareObservationDict,
    "measure_answered": CareMeasureAnsweredDict,
    "diary_started": CareDiaryStartedDict,
    "diary_day": CareDiaryDayDict,
    "medication_plan_set": CareMedicationPlanSetDict,
    "dose_recorded": CareDoseRecordedDict,
    "rhythm_plan_started": CareRhythmPlanStartedDict,
    "rhythm_plan_changed": CareRhythmPlanChangedDict,
    "ips_journey_linked": CareIpsJourneyLinkedDict,
    "excused": CareExcusedDict,
    "acknowledged": CareAcknowledgedDict,
    "correction": CareCorrectionDict,
    "retraction": CareRetractionDict,
}
"""Each care event's ``type`` and its TypedDict."""

CareEntryKindName = Literal[
    "patient_registered",
    "zone_changed",
    "schedule_set",
    "course_started",
    "course_event",
    "ipsrt_course_started",
    "ipsrt_course_event",
    "episode_started",
    "episode_changed",
    "relapse_plan_version",
    "observation",
    "measure_answered",
    "diary_started",
    "diary_day",
    "medication_plan_set",
    "dose_recorded",
    "rhythm_plan_started",
    "rhythm_plan_changed",
    "ips_journey_linked",
    "excused",
    "acknowledged",
    "correction",
    "retraction",
]
"""The kind of a care entry (``CareEntry.kind``, the ``type`` of its event)."""

__all__ += [
    "CARE_EVENTS",
    "CareAcknowledgedDict",
    "CareCorrectionDict",
    "CareCourseEventDict",
    "CareCourseStartedDict",
    "CareDiaryDayDict",
    "CareDiaryItemDict",
    "CareDiaryStartedDict",
    "CareDoseRecordedDict",
    "CareEntryKindName",
    "CareEpisodeChangedDict",
    "CareEpisodeStartedDict",
    "CareEventDict",
    "CareExcusedDict",
    "CareIpsJourneyLinkedDict",
    "CareIpsrtCourseEventDict",
    "CareIpsrtCourseStartedDict",
    "CareMeasureAnsweredDict",
    "CareMedicationPlanSetDict",
    "CareObservationDict",
    "CarePatientRegisteredDict",
    "CareRelapsePlanVersionDict",
    "CareRetractionDict",
    "CareRhythmPlanChangedDict",
    "CareRhythmPlanStartedDict",
    "CareScheduleSetDict",
    "CareZoneChangedDict",
    "EpisodePolarityName",
]


# --- a course's warnings (``CourseStatusDict.warnings``) ----------------------------------------


class WarningSafetySignalOpenDict(TypedDict):
    """A recorded measure raised safety signals no clinician has acknowledged yet."""

    warning: Literal["safety_signal_open"]
    recorded: str
    instrument: str
    level: Literal["notice", "safety_check", "crisis"]
    items: list[str]


class WarningDeficitsUnacknowledgedDict(TypedDict):
    """Interpersonal deficits chosen with other areas' evidence not acknowledged."""

    warning: Literal["deficits_unacknowledged"]
    evidence: DeficitsEvidenceDict


class WarningTerminationNotRaisedDict(TypedDict):
    """Few sessions remain and termination has not been raised."""

    warning: Literal["termination_not_raised"]
    remaining: int


class WarningContractUsedUpDict(TypedDict):
    """The contracted sessions are used up."""

    warning: Literal["contract_used_up"]


class WarningFocusOverdueDict(TypedDict):
    """No problem area chosen by the end of the window for it."""

    warning: Literal["focus_overdue"]
    held: int
    window_end: int


class WarningEvaluationDueDict(TypedDict):
    """A response evaluation is due in the session window ``first``–``last``."""

    warning: Literal["evaluation_due"]
    first: int
    last: int


class WarningFreshEvaluationDueDict(TypedDict):
    """A fresh evaluation is due before the non-response stop session."""

    warning: Literal["fresh_evaluation_due"]
    stop: int


class _WarningStopCandidateOptional(TypedDict, total=False):
    reduction_percent: int
    threshold_percent: int


class WarningStopCandidateDict(_WarningStopCandidateOptional):
    """The course is a candidate for a stop for non-response (the clinician decides)."""

    warning: Literal["stop_candidate"]
    after_sessions: int
    verdict: ResponseVerdictName


class WarningDisputeDissolvedDict(TypedDict):
    """A role dispute reached dissolution: consider a switch to a role transition."""

    warning: Literal["dispute_dissolved"]


class WarningRelapsePlanMissingDict(TypedDict):
    """No relapse-prevention plan is recorded."""

    warning: Literal["relapse_plan_missing"]


class WarningRelapsePlanEmptyDict(TypedDict):
    """The recorded relapse-prevention plan is empty."""

    warning: Literal["relapse_plan_empty"]


class WarningTerminationTasksOpenDict(TypedDict):
    """Termination tasks still open."""

    warning: Literal["termination_tasks_open"]
    open: list[TerminationTaskName]


class WarningConsecutiveMissedDict(TypedDict):
    """Sessions missed in a row."""

    warning: Literal["consecutive_missed"]
    count: int


CourseWarningDict = Union[
    WarningSafetySignalOpenDict,
    WarningDeficitsUnacknowledgedDict,
    WarningTerminationNotRaisedDict,
    WarningContractUsedUpDict,
    WarningFocusOverdueDict,
    WarningEvaluationDueDict,
    WarningFreshEvaluationDueDict,
    WarningStopCandidateDict,
    WarningDisputeDissolvedDict,
    WarningRelapsePlanMissingDict,
    WarningRelapsePlanEmptyDict,
    WarningTerminationTasksOpenDict,
    WarningConsecutiveMissedDict,
]
"""A course warning (``CourseStatusDict.warnings``), told apart by ``warning``."""

__all__ += [
    "CourseWarningDict",
    "WarningConsecutiveMissedDict",
    "WarningContractUsedUpDict",
    "WarningDeficitsUnacknowledgedDict",
    "WarningDisputeDissolvedDict",
    "WarningEvaluationDueDict",
    "WarningFocusOverdueDict",
    "WarningFreshEvaluationDueDict",
    "WarningRelapsePlanEmptyDict",
    "WarningRelapsePlanMissingDict",
    "WarningSafetySignalOpenDict",
    "WarningStopCandidateDict",
    "WarningTerminationNotRaisedDict",
    "WarningTerminationTasksOpenDict",
]

IpsrtPhaseName = Literal["initial", "intermediate", "continuation_maintenance", "final", "ended"]
"""An IPSRT phase (``CareCourse.ipsrt_phase``)."""

__all__ += ["IpsrtPhaseName"]
