"""ipsrt: Interpersonal Psychotherapy (IPT) and IPSRT as a library.

Every rule lives in the Rust core; this package is a thin binding. Values cross as the core's
JSON form (the same form as the shared test vectors and the Kotlin binding); persisted types
have ``to_json()/from_json()``, ``to_dict()/from_dict()`` and pickle.
"""

from __future__ import annotations

from typing import Any

from . import _ipsrt, srm
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
]


def _restore(class_name: str, text: str) -> Any:
    """Unpickles an ipsrt object from its versioned JSON (used by ``__reduce__``)."""
    cls = getattr(_ipsrt, class_name)
    return cls.from_json(text)
