"""The typed results of ``ipsrt.results``: each TypedDict names exactly the keys the runtime dict
has (a key the core adds or drops fails here, not in a user's mypy run)."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

import ipsrt
from ipsrt import results, srm


def _keys_match(got: Any, typed: Any) -> None:
    """``got`` has the shape of the TypedDict ``typed``, all the way down: every required key is
    there, every key there is declared (required or optional), every Literal value is one of the
    declared ones, and every nested dict, list and union is checked the same way."""
    _check(got, typed, typed.__name__)


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _check(got: Any, tp: Any, path: str) -> None:
    if tp is Any:
        return
    if _is_typeddict(tp):
        required: frozenset[str] = tp.__required_keys__
        declared = required | tp.__optional_keys__
        assert isinstance(got, dict), f"{path}: {type(got).__name__}, not a dict ({tp.__name__})"
        assert required <= got.keys(), f"{path}: {tp.__name__} lacks {sorted(required - got.keys())}"
        assert got.keys() <= declared, f"{path}: {tp.__name__} does not declare {sorted(got.keys() - declared)}"
        hints = typing.get_type_hints(tp)
        for key, value in got.items():
            _check(value, hints[key], f"{path}.{key}")
        return
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        assert got in args, f"{path}: {got!r} is not one of {args}"
    elif origin in (typing.Union, types.UnionType):
        if got is None and type(None) in args:
            return
        errors = []
        for option in (a for a in args if a is not type(None)):
            try:
                _check(got, option, path)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{path}: {got!r} matches no type of {tp}: {errors}")
    elif origin is list:
        assert isinstance(got, list), f"{path}: {type(got).__name__}, not a list"
        for i, item in enumerate(got):
            _check(item, args[0], f"{path}[{i}]")
    elif origin is dict:
        assert isinstance(got, dict), f"{path}: {type(got).__name__}, not a dict"
        for key, value in got.items():
            _check(value, args[1], f"{path}[{key!r}]")
    elif tp is float:
        assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{path}: {got!r} is not a number"
    elif tp is int:
        assert isinstance(got, int) and not isinstance(got, bool), f"{path}: {got!r} is not an int"
    elif tp is datetime.date:
        assert isinstance(got, datetime.date) and not isinstance(got, datetime.datetime), f"{path}: {got!r}"
    elif isinstance(tp, type):
        assert isinstance(got, tp), f"{path}: {got!r} is not a {tp.__name__}"
    else:
        raise AssertionError(f"{path}: the checker does not know {tp}")


def _course() -> ipsrt.Course:
    created = ipsrt.event_record(
        "2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"}
    )
    c = ipsrt.Course([created])
    c.record_session("2026-09-01")
    return c


def test_course_status_and_initial_tasks() -> None:
    c = _course()
    status = c.status()
    _keys_match(status, results.CourseStatusDict)
    assert status["delivery"], "one attended session"
    _keys_match(status["delivery"][0], results.DeliveryCountDict)
    c.apply(ipsrt.event_record("2026-09-01", {"type": "contract_set", "contract": ipsrt.Contract(14, "weekly", 50)}))
    status = c.status()
    _keys_match(status, results.CourseStatusDict)
    assert status.get("contract_sessions") is not None
    tasks = c.missing_initial_tasks()
    assert tasks
    for t in tasks:
        _keys_match(t, results.InitialTaskDict)
    assert {t["task"]: t["operation"] for t in tasks}["inventory"] == "add_person"


def test_alert_assessment_transition_and_actions() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    m = ipsrt.AlertMachine()
    a = m.observe(plan, ipsrt.Observation("2026-03-02", {"type": "phq9", "total": 8, "item9": 2}))
    _keys_match(a, results.AssessmentDict)
    t = a["transition"]
    assert t is not None
    _keys_match(t, results.TransitionDict)
    assert t["actions"]
    for action in t["actions"]:
        _keys_match(action, results.PlannedActionDict)
    for action in plan.actions_for(a["level"], t["reasons"]):
        _keys_match(action, results.PlannedActionDict)
    for h in m.history:
        _keys_match(h, results.TransitionDict)
    for b in m.observe_all(plan, [ipsrt.Observation("2026-03-03", {"type": "check_in"})]):
        _keys_match(b, results.AssessmentDict)


def test_measure_flags_safety_and_band() -> None:
    s = ipsrt.score_measure("phq9", [1, 1, 2, 1, 0, 1, 0, 0, 2], band_scheme="")
    assert s.flags and s.safety and s.band is not None
    for f in s.flags:
        _keys_match(f, results.FlagResultDict)
    for sig in s.safety:
        _keys_match(sig, results.SafetySignalDict)
    _keys_match(s.band, results.BandingDict)
    _keys_match(s.band["band"], results.BandDict)


def test_srm_week_score_and_item_score() -> None:
    w = srm.Week(datetime.date(2026, 1, 5), "srm5")
    for d in range(7):
        w.set("out_of_bed", d, "07:00")
    score = w.score()
    _keys_match(score, results.WeekScoreDict)
    for item in score["items"]:
        _keys_match(item, results.ItemScoreDict)
    one = w.item_score("out_of_bed")
    assert one is not None
    _keys_match(one, results.ItemScoreDict)


def _zoned(local: str) -> ipsrt.ZonedDateTime:
    return ipsrt.ZonedDateTime.parse(local, "Europe/Amsterdam")


def test_relapse_decisions_timeline_risks_and_directories() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    m = ipsrt.AlertMachine()
    at = _zoned("2026-03-02T10:00:00")
    a = m.observe(plan, ipsrt.Observation("2026-03-02", {"type": "phq9", "total": 8, "item9": 2}, at=at, received_at=at))
    _keys_match(a, results.AssessmentDict)
    # A late entry: history_changes and late appear.
    m.observe(plan, ipsrt.Observation("2026-02-20", {"type": "phq9", "total": 22, "item9": 0}))
    assert m.decisions and m.timeline
    for d in m.decisions:
        _keys_match(d, results.DecisionDict)
    assert any("received_at" in d for d in m.decisions)
    for t in m.timeline:
        _keys_match(t, results.TimelineEntryDict)
    assert any(t.get("late") for t in m.timeline)
    first: results.TimelineEntryDict = m.timeline[0]
    assert first["observation"]["date"] == "2026-02-20"
    for n in (1, 2, 3):
        for r in ipsrt.recurrence_risks(n):
            _keys_match(r, results.RecurrenceRiskDict)
    for f in ipsrt.recurrence_figures():
        _keys_match(f, results.RecurrenceRiskDict)
    _keys_match(ipsrt.recurrence_risk("bipolar", 2), results.RecurrenceRiskDict)
    for region in ipsrt.regions():
        _keys_match(region, results.RegionDict)
        for line in ipsrt.crisis_lines(region["code"]):
            _keys_match(line, results.CrisisLineDict)
    _keys_match(ipsrt.item9_rule(), results.CitedIntDict)
    o = ipsrt.Observation("2026-03-02", {"type": "phq9", "total": 8, "item9": 2})
    for s in o.safety_answers():
        _keys_match(s, results.SafetyAnswerDict)


def test_sources_references_and_registry() -> None:
    _keys_match(ipsrt.source("WMK-2000", "ch. 1", "verified"), results.SourceDict)
    _keys_match(ipsrt.local_source("the clinic"), results.SourceDict)
    ref = ipsrt.reference("WMK-2000")
    assert ref is not None
    _keys_match(ref, results.ReferenceDict)
    for r in ipsrt.references():
        _keys_match(r, results.ReferenceDict)
    for p in ipsrt.persist_registry():
        _keys_match(p, results.PersistedTypeDict)


def test_measures_change_verdict_instruments_and_series() -> None:
    base = ipsrt.score_measure("phq9", {f"phq9_{i}": 2 for i in range(1, 10)})
    follow = ipsrt.score_measure("phq9", {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_1": 1})
    change = ipsrt.compare_measures(base, follow)
    _keys_match(change, results.ChangeDict)
    assert "relapse" in change
    verdict = ipsrt.suggest_verdict(base, follow)
    _keys_match(verdict, results.VerdictSuggestionDict)
    assert verdict["event"]["verdict"] == verdict["verdict"]
    for instrument in ipsrt.Instrument.builtin_ids():
        i = ipsrt.Instrument.builtin(instrument)
        for scored in i.scored_items():
            _keys_match(scored, results.InstrumentItemDict)
        _keys_match(ipsrt.effective_policy(instrument), results.CitedPolicyDict)
        rc = ipsrt.published_reliable_change(instrument)
        if rc is not None:
            _keys_match(rc, results.PublishedReliableChangeDict)
        cutoff = ipsrt.published_clinical_cutoff(instrument)
        if cutoff is not None:
            _keys_match(cutoff, results.CitedCutoffDict)
    phq9 = ipsrt.Instrument.builtin("phq9")
    item = phq9.item("phq9_9")
    assert item is not None
    _keys_match(item, results.InstrumentItemDict)
    _keys_match(phq9.band_scheme(), results.BandSchemeDict)
    _keys_match(ipsrt.effective_policy("phq9", "prorate:2"), results.CitedPolicyDict)
    banding = base.band_in("phq9")
    assert banding is not None
    _keys_match(banding, results.BandingDict)
    safety = ipsrt.Instrument.builtin("phq9m").evaluate_safety({"phq9m_lifetime_attempt": 1})
    _keys_match(safety, results.SafetyEvaluationDict)
    series = ipsrt.ScoreSeries("phq9", [("2026-01-01", 20), ("2026-02-01", 8), ("2026-03-01", 3)])
    for p in series.points:
        _keys_match(p, results.SeriesPointDict)
    report = series.evaluate()
    _keys_match(report, results.SeriesReportDict)
    assert report["reliable_change"] is not None and report["band_scheme"] is not None
    bare = ipsrt.ScoreSeries("wsas", [("2026-01-01", 20), ("2026-02-01", 8)]).evaluate()
    _keys_match(bare, results.SeriesReportDict)


def _week() -> srm.Week:
    w = srm.Week(datetime.date(2026, 1, 5), "srm5")
    for d in range(7):
        w.set("out_of_bed", d, "07:00")
        w.set("to_bed", d, "23:30")
        w.set_people("out_of_bed", d, 2)
        w.set_mood(d, 1)
    return w


def test_srm_periods_summaries_items_and_regularity() -> None:
    w, empty = _week(), srm.Week(datetime.date(2026, 1, 12), "srm5")
    period = srm.score_weeks([w, empty])
    _keys_match(period, results.PeriodScoreDict)
    _keys_match(srm.period_score([w.score(), empty.score()]), results.PeriodScoreDict)
    for item in w.items:
        _keys_match(item, results.WeekItemDict)
    _keys_match(w.summary(), results.WeekSummaryDict)
    _keys_match(srm.summarize(empty), results.WeekSummaryDict)
    _keys_match(srm.item_info("out_of_bed"), results.SrmItemInfoDict)
    sri = srm.sleep_regularity_index([True, False] * 48, 48)
    assert sri is not None
    _keys_match(sri, results.SriDict)
    tib = srm.time_in_bed_regularity([w, w])
    assert tib is not None
    _keys_match(tib, results.TimeInBedRegularityDict)
    diary = ipsrt.Diary("srm5")
    diary.add("2026-01-05", "out_of_bed", "07:00")
    diary.add("2026-01-05", "to_bed", None)
    for e in diary.entries:
        _keys_match(e, results.DiaryEntryStatusDict)


def test_episode_course_transitions_and_suggestions() -> None:
    base = ipsrt.score_measure("phq9", {f"phq9_{i}": 2 for i in range(1, 10)})
    follow = ipsrt.score_measure("phq9", {f"phq9_{i}": 0 for i in range(1, 10)})
    e = ipsrt.EpisodeCourse("2026-01-01")
    _keys_match(e.protocol, results.EpisodeProtocolDict)
    _keys_match(e.check("respond", "2026-02-01"), results.EpisodeTransitionDict)
    _keys_match(e.apply("respond", "2026-02-01"), results.EpisodeTransitionDict)
    suggestion = e.suggest(ipsrt.compare_measures(base, follow), "2026-03-01")
    assert suggestion is not None
    _keys_match(suggestion, results.EpisodeSuggestionDict)
    _keys_match(e.apply("remit", "2026-03-01"), results.EpisodeTransitionDict)
    _keys_match(e.apply("recover", "2026-09-01"), results.EpisodeTransitionDict)
    _keys_match(e.recur_with("manic", "2027-01-04"), results.EpisodeTransitionDict)
    for h in e.history:
        _keys_match(h, results.EpisodeTransitionDict)


def test_ipsrt_medication_due_times_rhythm_plan_and_stabilisation() -> None:
    log = ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": "02:30"}], late_after=30)
    for d in log.schedule:
        _keys_match(d, results.ScheduledDoseDict)
    _keys_match(log.record_taken_at("li", "2026-01-05", "02:40"), results.DoseOutcomeDict)
    log.record({"dose": "li", "date": "2026-01-06", "outcome": {"status": "missed"}})
    for r in log.records:
        _keys_match(r, results.DoseRecordDict)
    _keys_match(log.adherence("2026-01-01", "2026-01-07"), results.AdherenceSummaryDict)
    _keys_match(log.adherence("2025-12-01", "2025-12-07"), results.AdherenceSummaryDict)
    _keys_match(log.non_adherence_signal("2026-01-07", 7), results.NonAdherenceSignalDict)
    for due in log.next_doses(datetime.datetime(2026, 3, 29, 0, 0), zone="Europe/Amsterdam"):
        _keys_match(due, results.DoseDueDict)
    _keys_match(ipsrt.classify_dose("21:00", "21:40", 30), results.DoseOutcomeDict)
    _keys_match(ipsrt.due_on("to_bed", "02:30", datetime.date(2026, 3, 28), "Europe/Amsterdam"), results.DueTimeDict)
    for t in ipsrt.next_due([("to_bed", "23:00")], datetime.datetime(2026, 1, 5), zone="Europe/Amsterdam"):
        _keys_match(t, results.DueTimeDict)
    for t in ipsrt.overdue([("to_bed", "23:00")], datetime.datetime(2026, 1, 7), zone="Europe/Amsterdam", since="2026-01-05"):
        _keys_match(t, results.DueTimeDict)
    plan = ipsrt.RhythmPlan(datetime.date(2026, 1, 1))
    _keys_match(ipsrt.RhythmPlan.default_settings(), results.RhythmPlanSettingsDict)
    plan.apply({"type": "anchors_chosen", "date": "2026-01-15", "anchors": ["out_of_bed"]})
    plan.apply({"type": "targets_set", "date": "2026-01-15", "targets": [["out_of_bed", "08:00", "07:30"]]})
    _keys_match(plan.settings, results.RhythmPlanSettingsDict)
    for target in plan.targets:
        _keys_match(target, results.AnchorTargetDict)
    one = plan.target("out_of_bed")
    assert one is not None
    _keys_match(one, results.AnchorProgressDict)
    for review in plan.review_srm_week(_week()) + plan.review_week([("out_of_bed", [None] * 7)]):
        _keys_match(review, results.AnchorReviewDict)
    for t in plan.next_due(datetime.datetime(2026, 1, 20, 9, 0), zone="Europe/Amsterdam"):
        _keys_match(t, results.DueTimeDict)
    for t in plan.overdue(datetime.datetime(2026, 1, 20, 12, 0), zone="Europe/Amsterdam", since=datetime.date(2026, 1, 19)):
        _keys_match(t, results.DueTimeDict)
    crit = ipsrt.StabilisationCriterion.mtbd()
    weeks = [{"week_start": datetime.date(2026, 1, 5) + datetime.timedelta(weeks=i), "depression": 1.0, "mania": 0.0,
              "medication_stable": True} for i in range(4)]
    _keys_match(crit.evaluate(weeks), results.StabilisationResultDict)
    _keys_match(crit.evaluate(weeks[:2]), results.StabilisationResultDict)


def test_group_people_sessions_meetings_and_admission() -> None:
    p = ipsrt.Group("process_group")
    p.apply({"type": "referred", "person": "a", "date": "2026-01-05", "gp_referral": True})
    for step in ("individual_therapist_intake", "group_therapist_intake"):
        p.apply({"type": "intake_completed", "person": "a", "step": step, "date": "2026-01-05"})
    p.apply({"type": "waitlisted", "person": "a", "date": "2026-01-06", "unmet_criteria": ["room_for_patterns"],
             "reason": "settling"})
    findings = p.admission_findings("a")
    assert findings
    for f in findings:
        _keys_match(f, results.AdmissionFindingDict)
    for person in ("b", "c"):
        p.apply({"type": "referred", "person": person, "date": "2026-01-08", "gp_referral": True})
        for step in ("individual_therapist_intake", "group_therapist_intake"):
            p.apply({"type": "intake_completed", "person": person, "step": step, "date": "2026-01-08"})
        p.apply({"type": "waitlisted", "person": person, "date": "2026-01-08"})
    p.apply({"type": "session_held", "date": "2026-01-12", "present": ["a", "b"]})
    p.apply({"type": "left", "person": "a", "date": "2026-01-19", "reason": "withdrew", "note": "moved"})
    assert p.sessions and p.people[0]["departures"]
    for m in p.people:
        _keys_match(m, results.GroupMembershipDict)
    for s in p.sessions:
        _keys_match(s, results.GroupSessionDict)
    ipt = ipsrt.Group("ipt_g")
    for person in ("a", "b"):
        ipt.apply({"type": "referred", "person": person, "date": "2026-01-05"})
    for d in p.due_individual_meetings() + ipt.due_individual_meetings():
        _keys_match(d, results.DueMeetingDict)


def test_ips_principles_and_every_journey_event() -> None:
    for p in ipsrt.ips_principles():
        _keys_match(p, results.IpsPrincipleDict)
    _keys_match(ipsrt.summarize_values([1.0, 2.0]), results.SummaryDict)
    j = ipsrt.EmploymentJourney("p2", datetime.date(2026, 1, 5))
    for event in (
        {"type": "preferences_recorded", "date": "2026-01-05",
         "preferences": {"kinds_of_work": ["retail"], "hours_per_week": 20, "locations": ["Noord"]}},
        {"type": "benefits_counselling", "date": "2026-01-06", "topic": "earnings and the benefit"},
        {"type": "education_goal", "date": "2026-01-06", "goal": "forklift licence", "status": "planned"},
        {"type": "job_search_started", "date": "2026-01-07"},
        {"type": "employer_contact", "date": "2026-01-07"},
        {"type": "disclosure_decided", "date": "2026-01-08", "employer": "Shop", "decision": "disclosed"},
        {"type": "job_started", "date": "2026-01-09", "job": {"employer": "Shop", "hours_per_week": 24, "competitive": True}},
        {"type": "follow_along_started", "date": "2026-01-10"},
        {"type": "job_ended", "date": "2026-02-09", "reason": "temporary"},
        {"type": "exited", "date": "2026-04-01", "reason": "moved_away"},
        {"type": "re_entered", "date": "2026-06-01"},
    ):
        j.apply(event)
    events = j.events
    assert sorted({e["type"] for e in events}) == sorted(results.IPS_JOURNEY_EVENTS)
    for e in events:
        _keys_match(e, results.IPS_JOURNEY_EVENTS[e["type"]])
        _keys_match(e, results.IpsJourneyEventDict)
    started = [e for e in events if e["type"] == "job_started"]
    assert started and started[0]["type"] == "job_started"
    first = started[0]
    if first["type"] == "job_started":  # narrows the union for mypy
        assert first["job"]["employer"] == "Shop"


def test_plan_signs_triggers_fidelity_life_chart_and_sources() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    data = plan.to_dict()["data"]
    sign = ipsrt.WarningSign("sleep-less", "manic", "sleeping under 5 hours", actions=ipsrt.ActionPlan(["call Sam"]))
    data["early_warning_signs"] = [sign.to_dict()]
    data["triggers"] = [{"kind": "time_zone_travel", "description": "flights", "actions": {"must": ["meals"]}}]
    plan = ipsrt.RelapsePlan.from_dict({**plan.to_dict(), "data": data})
    for s in plan.signs():
        _keys_match(s, results.PlanSignDict)
    found = plan.find_sign("sleep-less")
    assert found is not None and found["sign"] == sign
    _keys_match(found, results.PlanSignDict)
    trigger = plan.find_trigger("time_zone_travel")
    assert trigger is not None
    _keys_match(trigger, results.PlanTriggerDict)
    review = ipsrt.FidelityReview([3] * 25)
    _keys_match(review.report(), results.FidelityReportDict)
    _keys_match(review.score(), results.FidelityScoreDict)
    chart = ipsrt.LifeChart()
    chart.add_episode({"polarity": "depressive", "start": "2020-01-01", "end": "2020-03-01"})
    chart.add_episode({"polarity": "manic", "start": "2021-01-01"})
    for e in chart.episodes + chart.episodes_of("manic") + chart.episodes_between("2019-01-01", "2022-01-01"):
        _keys_match(e, results.MoodEpisodeDict)
    for a in chart.with_antecedents(30):
        _keys_match(a, results.EpisodeAntecedentsDict)
    for c in ipsrt.ScoringOptions.sources():
        _keys_match(c, results.CitedTextDict)
    taxonomy = ipsrt.Taxonomy("wmk4")
    _keys_match(taxonomy.source, results.SourceDict)
    _keys_match(taxonomy.guide("grief"), results.ProblemAreaGuideDict)
    _keys_match(ipsrt.DisputeStage.source(), results.SourceDict)
    _keys_match(ipsrt.problem_area_guide("role_dispute", "ipsrt5"), results.ProblemAreaGuideDict)
    diary = ipsrt.Diary("srm5")
    diary.late_grace_hours = 1
    diary.add_entry(ipsrt.SrmEntry("2026-01-05", "out_of_bed", "07:00", recorded_at="2026-01-09T10:00:00",
                                   zone="Europe/Amsterdam"))
    assert diary.late_entries()
    for late in diary.late_entries():
        _keys_match(late, results.LateEntryDict)
    g = ipsrt.Group("ipt_g")
    g.apply({"type": "referred", "person": "bo", "date": "2026-02-01"})
    member = g.person("bo")
    assert member is not None and g.person("nobody") is None
    _keys_match(member, results.GroupMembershipDict)
