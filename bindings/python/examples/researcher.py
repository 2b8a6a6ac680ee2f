"""An example script a researcher might write (type-checked with mypy --strict in CI)."""

from __future__ import annotations

import datetime

import ipsrt


def main() -> None:
    journey = ipsrt.EmploymentJourney("P-001", datetime.date(2026, 1, 5))
    journey.apply({"type": "job_search_started", "date": datetime.date(2026, 1, 5)})
    journey.apply({"type": "employer_contact", "date": datetime.date(2026, 1, 12)})
    caseload = ipsrt.IpsCaseload([journey], specialists_fte=1.0)
    kpis = caseload.kpis(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    print("active:", kpis["active"], "first contact within 30 days:", kpis["first_contact_within_30_days"])

    group = ipsrt.Group("ipsrt_group")
    try:
        group.apply({"type": "session_held", "date": datetime.date(2026, 1, 6), "present": []})
    except ipsrt.IllegalTransitionError as e:
        print("rejected, group unchanged:", e)
    print(group.status, group.free_places)


if __name__ == "__main__":
    main()
