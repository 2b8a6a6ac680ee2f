"""Typed shapes of the dict results that cross as the core's serde form, for ``mypy --strict``.

At runtime these are plain dicts; the types let mypy check every key an analysis reads (a
misspelt key is an error before the code runs). Dates and times are ISO text here, as in the
core's JSON form.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

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


class PlannedActionDict(TypedDict):
    """An action of the relapse-prevention plan (``RelapsePlan.actions_for``, transitions)."""

    text: str
    must: bool
    origin: dict[str, Any]
    """Where it comes from: ``{"type": "level"}``, ``{"type": "trigger", "kind": ...}``, ..."""


# `from` is a Python keyword, so the transition is declared in the functional form.
_TransitionRequired = TypedDict(
    "_TransitionRequired",
    {
        "date": str,
        "from": Literal["green", "watch", "early_warning", "breaking_down", "crisis"],
        "to": Literal["green", "watch", "early_warning", "breaking_down", "crisis"],
        "direction": Literal["escalation", "deescalation"],
        "reasons": list[dict[str, Any]],
        "actions": list[PlannedActionDict],
        "contacts": list[dict[str, Any]],
        "plan_version": int,
    },
)


class TransitionDict(_TransitionRequired, total=False):
    """A change of alert level (the core's ``relapse::Transition``)."""

    at: dict[str, Any]
    """The zoned moment of the observation, when it had one."""


class AssessmentDict(TypedDict):
    """What one observation did to the alert machine (``AlertMachine.observe``)."""

    date: str
    level: Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
    target: Literal["green", "watch", "early_warning", "breaking_down", "crisis"]
    findings: list[dict[str, Any]]
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
    source: dict[str, Any]


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
    source: dict[str, Any]


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
    source: dict[str, Any]


__all__ = [
    "AssessmentDict",
    "BandDict",
    "BandingDict",
    "CourseStatusDict",
    "DeliveryCountDict",
    "EmploymentRateBandName",
    "FlagResultDict",
    "InitialTaskDict",
    "IpsBenefitsSessionDict",
    "IpsCaseloadKpisDict",
    "IpsDatedPreferencesDict",
    "IpsDisclosure",
    "IpsDisclosureDict",
    "IpsEducationGoalDict",
    "IpsEducationStatus",
    "IpsEpisodeDict",
    "IpsExitReason",
    "IpsJobDict",
    "IpsJobPreferencesDict",
    "IpsJobSpellDict",
    "ItemScoreDict",
    "PlannedActionDict",
    "SafetySignalDict",
    "SummaryDict",
    "TerminationTaskStatusDict",
    "TransitionDict",
    "WeekScoreDict",
]


# --- Care record: observations derived from the log -------------------------------------------

class MissedOccurrencesObserved(TypedDict):
    """The ``observed`` dict of a ``missed_occurrences`` observation (the core's
    ``relapse::Observed::MissedOccurrences``): occurrences of one scheduled task missed in a
    row on the observation's date; ``count`` 0 says the run has ended."""

    type: Literal["missed_occurrences"]
    task: str
    count: int
