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
]


def _restore(class_name: str, text: str) -> Any:
    """Unpickles an ipsrt object from its versioned JSON (used by ``__reduce__``)."""
    cls = getattr(_ipsrt, class_name)
    return cls.from_json(text)
