"""Typed shapes of the dict results that cross as the core's serde form, for ``mypy --strict``.

At runtime these are plain dicts; the types let mypy check every key an analysis reads (a
misspelt key is an error before the code runs). Dates and times are ISO text here, as in the
core's JSON form.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal, TypedDict, Union

from ._ipsrt import WarningSign

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
    focus: list[dict[str, Any]]
    """The chosen problem areas (each a ``Course.area`` dict)."""
    delivery: list[DeliveryCountDict]
    combined_treatment: bool
    medication: list[str]
    termination_tasks: list[TerminationTaskStatusDict]
    warnings: list[dict[str, Any]]
    """Each with its ``type`` and fields; ``Course.warnings_in`` gives them as sentences."""


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
    observed: dict[str, Any]
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
    preceded_by: list[dict[str, Any]]
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
