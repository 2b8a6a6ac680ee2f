"""ipsrt: Interpersonal Psychotherapy (IPT) and IPSRT as a library.

Every rule lives in the Rust core; this package is a thin binding. Values cross as the core's
JSON form (the same form as the shared test vectors and the Kotlin binding); persisted types
have ``to_json()/from_json()``, ``to_dict()/from_dict()`` and pickle.
"""

from __future__ import annotations

from typing import Any

from . import _ipsrt, measures, results, srm
from ._ipsrt import (
    AlertMachine,
    Course,
    EpisodeCourse,
    Instrument,
    IpsrtCourse,
    MeasureScore,
    Inventory,
    ObservationLog,
    RelapsePlan,
    RhythmPlan,
    EmploymentJourney,
    FidelityReview,
    Group,
    IllegalTransitionError,
    InvalidInputError,
    IpsCaseload,
    IpsrtError,
    LifeChart,
    MedicationLog,
    NotFoundError,
    NotScorableError,
    ParseError,
    SchemaError,
    ScoringOptions,
    Diary,
    __version__,
    caseload_size_rating,
    classify_dose,
    compare_measures,
    employment_rate_band,
    fidelity_band,
    group_rules,
    ips_principles,
    score_measure,
)

# Part B of the Python parity work (issue 6): SRM, measures, IPSRT area, IPS.
from ._ipsrt import (
    Answers,
    SrmEntry,
    SrmForm,
    StabilisationCriterion,
    TrimFactor,
    Week,
    chart_event_info,
    due_on,
    effective_policy,
    evaluate_flag,
    fidelity_band_label,
    fidelity_item,
    next_due,
    overdue,
    resolve_wall_clock,
    score_measures,
    suggest_verdict,
    summarize_values,
)

# --- Score series and reliable change (measures::series) ---
from ._ipsrt import ScoreSeries, published_clinical_cutoff, published_reliable_change, reliable_change_index

# --- Course, episode, inventory, life events, problem areas, relapse, sources, time,
# persisted registry (parity part A) ---
from ._ipsrt import (
    ActionPlan,
    AlertLevel,
    AlertThresholds,
    ClockTime,
    Contact,
    Contract,
    DisputeStage,
    LifeEvent,
    Observation,
    Person,
    Protocol,
    Range,
    Taxonomy,
    WarningSign,
    ZonedDateTime,
    check_group_rules,
    check_persisted,
    crisis_lines,
    event_record,
    item9_rule,
    local_source,
    parse_date,
    parse_zone,
    persist_registry,
    problem_area_guide,
    recurrence_figures,
    recurrence_risk,
    recurrence_risks,
    reference,
    references,
    regions,
    sleep_shift_observations,
    source,
    suggest_problem_areas,
)

# The care record (ipsrt::care)
from ._ipsrt import (
    CareAlert,
    CareCourse,
    CareDecision,
    CareDerived,
    CareDerivedEvidence,
    CareEntry,
    CareEntryView,
    CareLog,
    CareOccurrence,
    CarePlanVersion,
    CareRecord,
    CareSafetyWarning,
    CareStatus,
    care_log_from_stored,
    care_migrate,
)

# Schedules (ipsrt::schedule)
from ._ipsrt import (
    Completion,
    DataGap,
    Excusal,
    MissedStreak,
    Occurrence,
    OccurrenceId,
    Schedule,
    ScheduleRecords,
    ScheduledTask,
    SessionDate,
    TaskAdherence,
    ZoneHistory,
    resolve_slot,
    schedule_adherence,
    schedule_missed_streaks,
)

# Labels and messages in English and Dutch (ipsrt::i18n)
from ._ipsrt import (
    default_guidance,
    error_advice,
    label,
    locale_from_env,
    message,
    parse_locale,
)

__all__ = [
    "AlertMachine",
    "Course",
    "EpisodeCourse",
    "Instrument",
    "IpsrtCourse",
    "MeasureScore",
    "Inventory",
    "ObservationLog",
    "RelapsePlan",
    "RhythmPlan",
    "EmploymentJourney",
    "FidelityReview",
    "Group",
    "IllegalTransitionError",
    "InvalidInputError",
    "IpsCaseload",
    "IpsrtError",
    "LifeChart",
    "MedicationLog",
    "NotFoundError",
    "NotScorableError",
    "ParseError",
    "SchemaError",
    "ScoringOptions",
    "Diary",
    "srm",
    "measures",
    "__version__",
    "caseload_size_rating",
    "classify_dose",
    "compare_measures",
    "employment_rate_band",
    "fidelity_band",
    "group_rules",
    "ips_principles",
    "score_measure",
    # Part B (issue 6)
    "Answers",
    "SrmEntry",
    "SrmForm",
    "StabilisationCriterion",
    "TrimFactor",
    "Week",
    "chart_event_info",
    "due_on",
    "effective_policy",
    "evaluate_flag",
    "fidelity_band_label",
    "fidelity_item",
    "next_due",
    "overdue",
    "resolve_wall_clock",
    "score_measures",
    "suggest_verdict",
    "summarize_values",
    "ScoreSeries",
    "published_clinical_cutoff",
    "published_reliable_change",
    "reliable_change_index",
    "Completion",
    "DataGap",
    "Excusal",
    "MissedStreak",
    "Occurrence",
    "OccurrenceId",
    "Schedule",
    "ScheduleRecords",
    "ScheduledTask",
    "SessionDate",
    "TaskAdherence",
    "ZoneHistory",
    "resolve_slot",
    "schedule_adherence",
    "schedule_missed_streaks",
]

# --- the care record ---
__all__ += [
    "CareAlert",
    "CareCourse",
    "CareDecision",
    "CareDerived",
    "CareDerivedEvidence",
    "CareEntry",
    "CareEntryView",
    "CareLog",
    "CareOccurrence",
    "CarePlanVersion",
    "CareRecord",
    "CareSafetyWarning",
    "CareStatus",
    "care_log_from_stored",
    "care_migrate",
]

# --- parity part A ---
__all__ += [
    "ActionPlan",
    "AlertLevel",
    "AlertThresholds",
    "ClockTime",
    "Contact",
    "Contract",
    "DisputeStage",
    "LifeEvent",
    "Observation",
    "Person",
    "Protocol",
    "Range",
    "Taxonomy",
    "WarningSign",
    "ZonedDateTime",
    "check_group_rules",
    "check_persisted",
    "crisis_lines",
    "event_record",
    "item9_rule",
    "load",
    "local_source",
    "parse_date",
    "parse_zone",
    "persist_registry",
    "problem_area_guide",
    "recurrence_figures",
    "recurrence_risk",
    "recurrence_risks",
    "reference",
    "references",
    "regions",
    "sleep_shift_observations",
    "source",
    "suggest_problem_areas",
]


def load(text: str | bytes) -> Any:
    """Loads any persisted ipsrt document (``str`` or UTF-8 ``bytes``) as its class.

    The core checks the document fully (``check_persisted``: schema, version, the type's own
    validation); the class is then the one whose ``SCHEMA`` is the document's schema.
    """
    schema = check_persisted(text)
    for name in dir(_ipsrt):
        obj = getattr(_ipsrt, name)
        if isinstance(obj, type) and getattr(obj, "SCHEMA", None) == schema:
            cls: Any = obj
            return cls.from_json(text)
    raise SchemaError(f"{schema} is a core schema without a Python class in this build: report this as a bug")


def _restore(class_name: str, text: str) -> Any:
    """Unpickles an ipsrt object from its versioned JSON (used by ``__reduce__``)."""
    cls = getattr(_ipsrt, class_name)
    return cls.from_json(text)

# --- labels and messages in English and Dutch ---
__all__ += [
    "default_guidance",
    "error_advice",
    "label",
    "locale_from_env",
    "message",
    "parse_locale",
]

# Operations named in error messages, as Python calls them (ipsrt::operation)
from ._ipsrt import operation_names

__all__ += ["operation_names"]
