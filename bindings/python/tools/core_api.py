"""Enumerates the public functions and methods of the core crate (crates/ipsrt/src).

Same rules as the Rust test bindings/python/tests/parity.rs (which is the authority): every
`pub fn` at the top level of a file, and every `    pub fn` inside an inherent `impl Type`
block, up to the file's `#[cfg(test)]`. Keys are `<module path>::<Type>::<fn>` or
`<module path>::<fn>`.

`python tools/core_api.py --update` rewrites parity.json, keeping existing mappings and
proposing `ipsrt.<Class>.<method>` (only when that attribute exists in the installed module)
for new entries; everything else is `null` = missing from Python, which fails
tests/test_parity.py until it is mapped (or listed under `internal` with a reason).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "crates" / "ipsrt" / "src"
MANIFEST = Path(__file__).resolve().parents[1] / "parity.json"

IMPL = re.compile(r"^impl(?:<[^>]*>)?\s+([A-Za-z_][A-Za-z0-9_]*)")
FREE = re.compile(r"^pub fn ([a-z_][a-z0-9_]*)")
METHOD = re.compile(r"^    pub fn ([a-z_][a-z0-9_]*)")


def module_of(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = [p for p in rel.parts if p not in ("mod", "lib")]
    return "::".join(parts) if parts else "crate"


def core_api() -> list[str]:
    keys: set[str] = set()
    for path in sorted(SRC.rglob("*.rs")):
        module = module_of(path)
        current: str | None = None
        for line in path.read_text().splitlines():
            if line.startswith("#[cfg(test)]"):
                break
            m = IMPL.match(line)
            if m:
                current = None if " for " in line else m.group(1)
                continue
            if line.startswith("}"):
                current = None
                continue
            m = FREE.match(line)
            if m:
                keys.add(f"{module}::{m.group(1)}")
                continue
            m = METHOD.match(line)
            if m and current:
                keys.add(f"{module}::{current}::{m.group(1)}")
    return sorted(keys)


CLASS_OF = {
    "Group": "Group",
    "EmploymentJourney": "EmploymentJourney",
    "Caseload": "IpsCaseload",
    "FidelityReview": "FidelityReview",
    "FidelityRatings": "FidelityReview",
    "MedicationLog": "MedicationLog",
    "LifeChart": "LifeChart",
    "Diary": "Diary",
    "ScoringOptions": "ScoringOptions",
    "CourseLog": "Course",
    "AlertMachine": "AlertMachine",
    "RelapsePlan": "RelapsePlan",
    "ObservationLog": "ObservationLog",
    "Inventory": "Inventory",
    "RhythmPlan": "RhythmPlan",
}


EXPLICIT = {
    "group::therapy_group::Group::new": "ipsrt.Group",
    "group::therapy_group::Group::of_type": "ipsrt.Group",
    "group::format::GroupRules::for_type": "ipsrt.group_rules",
    "group::format::GroupRules::with_size": "ipsrt.group_rules",
    "ips::journey::EmploymentJourney::enrol": "ipsrt.EmploymentJourney",
    "ips::fidelity::FidelityRatings::from_array": "ipsrt.FidelityReview",
    "ips::fidelity::FidelityRatings::from_items": "ipsrt.FidelityReview",
    "ips::fidelity::FidelityRatings::as_array": "ipsrt.FidelityReview.ratings",
    "ips::fidelity::FidelityBand::for_total": "ipsrt.fidelity_band",
    "ips::fidelity::caseload_size_rating": "ipsrt.caseload_size_rating",
    "ips::kpi::EmploymentRateBand::for_rate": "ipsrt.employment_rate_band",
    "ipsrt::medication::MedicationLog::new": "ipsrt.MedicationLog",
    "ipsrt::medication::MedicationLog::with_late_after": "ipsrt.MedicationLog",
    "ipsrt::medication::MedicationLog::with_missed_doses_flag": "ipsrt.MedicationLog",
    "ipsrt::medication::DoseOutcome::classify": "ipsrt.classify_dose",
    "ipsrt::life_chart::LifeChart::new": "ipsrt.LifeChart",
    "srm::diary::Diary::new": "ipsrt.Diary",
    "srm::diary::Diary::set_late_grace_hours": "ipsrt.Diary.late_grace_hours",
    "srm::score::score_week": "ipsrt.srm.score_week",
    "srm::score::score_weeks": "ipsrt.srm.score_weeks",
    "srm::batch::score_batch": "ipsrt.srm.score_batch",
    "srm::batch::BatchSpec::srm5": "ipsrt.srm.score_batch",
    "srm::batch::BatchSpec::srm17": "ipsrt.srm.score_batch",
    "srm::batch::BatchSpec::for_form": "ipsrt.srm.score_batch",
    "srm::batch::BatchSpec::with_options": "ipsrt.srm.score_batch",
    "srm::batch::BatchSpec::with_threads": "ipsrt.srm.score_batch",
    "srm::batch::BatchOutput::new": "ipsrt.srm.BatchScores",
    "srm::batch::BatchOutput::with_items": "ipsrt.srm.BatchScores",
    "srm::options::ScoringOptions::validate": "ipsrt.ScoringOptions",
    "srm::form::FormKind::items": "ipsrt.srm.form_items",
    "srm::entry::Status::parse": "ipsrt.Diary.add",
    "persist::to_json": "ipsrt.Group.to_json",
    "persist::to_json_pretty": "ipsrt.Group.to_json",
    "persist::from_json": "ipsrt.Group.from_json",
    "persist::from_value": "ipsrt.Group.from_dict",
    "course::persisted::CourseLog::from_events": "ipsrt.Course",
    "relapse::alert::AlertMachine::new": "ipsrt.AlertMachine",
    "ips::principle::Principle::name": "ipsrt.ips_principles",
    "ips::principle::Principle::description": "ipsrt.ips_principles",
    "ips::principle::Principle::number": "ipsrt.ips_principles",
    "ips::principle::Principle::source": "ipsrt.ips_principles",
    "ips::principle::Principle::in_seven_principle_count": "ipsrt.ips_principles",
}


def propose(key: str) -> str | None:
    import ipsrt

    if key in EXPLICIT:
        return EXPLICIT[key]

    parts = key.split("::")
    if len(parts) >= 2 and parts[-2] in CLASS_OF:
        cls = getattr(ipsrt, CLASS_OF[parts[-2]])
        if hasattr(cls, parts[-1]):
            return f"ipsrt.{CLASS_OF[parts[-2]]}.{parts[-1]}"
    return None


def main() -> None:
    keys = core_api()
    if "--update" not in sys.argv:
        print("\n".join(keys))
        return
    old_doc = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    old = old_doc.get("capabilities", {})
    caps = {k: old.get(k, propose(k)) for k in keys}
    internal = {k: v for k, v in old_doc.get("internal", {}).items() if k in caps}
    doc = {
        "about": "Every public function and method of the core (enumerated by tests/parity.rs) and where it is "
        "reachable from Python: a dotted path checked by tests/test_parity.py. A null entry fails that test. A key "
        "that is a pure internal (no capability a Python user could want) goes in `internal` instead, with its "
        "reason, and maps to null in `capabilities`.",
        "capabilities": caps,
        "internal": internal,
    }
    MANIFEST.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n")
    print(f"{sum(v is not None for v in caps.values())}/{len(caps)} mapped")


if __name__ == "__main__":
    main()
