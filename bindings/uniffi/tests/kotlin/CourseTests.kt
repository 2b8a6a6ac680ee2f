package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

fun courseTests(t: Tests) {
    t.test("scenario: an IPT course from intake to termination, replayed and snapshotted") {
        val d0 = LocalDate.of(2026, 9, 1)
        fun day(week: Int): LocalDate = d0.plusWeeks(week.toLong())
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        checkEq(CoursePhase.INITIAL, c.phase())
        checkEq(1L, c.recordNextSession(day(0), Attendance.ATTENDED), "the core allocates session 1")
        c.recordDiagnosis(day(0), "major depressive disorder")
        c.recordSickRole(day(0))
        c.addPerson(day(1), newPerson("partner", "Sam", "partner"))
        c.recordLifeEvent(day(1), LifeEventKind.CONFLICT, d0.minusMonths(2), "arguments about moving")
        c.recordSymptomOnset(day(1), d0.minusMonths(1))
        val sugg = c.suggestProblemAreas()
        check(sugg.candidates.any { it.area == ProblemAreaKind.ROLE_DISPUTE }) { "suggestions: ${sugg.json}" }
        check(sugg.candidates.all { it.explanation.isNotBlank() && it.source.key.isNotEmpty() })
        // Too early for the middle phase: a typed IllegalTransition, and nothing changes.
        val before = c.toJson()
        val e = expectThrows<IpsrtException.IllegalTransition> { c.startMiddlePhase(day(1)) }
        check(e.message!!.contains("problem area")) { e.message!! }
        checkEq(before, c.toJson(), "course after a rejected event")
        check(c.missingInitialTasks().isNotEmpty())
        c.recordSession(day(1), 2L, Attendance.ATTENDED)
        expectThrows<IpsrtException.InvalidInput> { c.recordSession(day(1), -3L, Attendance.ATTENDED) }
        c.recordSession(day(2), 3L, Attendance.ATTENDED)
        c.chooseProblemArea(day(2), ProblemAreaKind.ROLE_DISPUTE, DisputeStage.IMPASSE, "partner", null)
        c.acceptFormulation(day(2), "depression linked to the dispute with Sam")
        checkEq(Contract(16L, Frequency.WEEKLY, 50L), c.defaultContract())
        expectThrows<IpsrtException.InvalidInput> { c.setContract(day(2), Contract(-1L, Frequency.WEEKLY, 50L)) }
        c.setContract(day(2), c.defaultContract())
        checkEq(16L, c.contract()?.sessions)
        c.startMiddlePhase(day(2))
        var s = c.status()
        checkEq(CoursePhase.MIDDLE, s.phase); checkEq(3L, s.attended); checkEq(13L, s.remaining)
        checkEq(ProblemAreaKind.ROLE_DISPUTE, s.focus.single().kind)
        checkEq("role dispute (impasse, with partner)", s.focusText)
        for (n in 4..12) c.recordSession(day(n - 1), n.toLong(), if (n == 7) Attendance.MISSED else Attendance.ATTENDED)
        c.applyEventJson(day(11), """{"type":"response_evaluated","verdict":"response","basis":{"instrument":"phq9","baseline_total":18,"current_total":8,"source":{"key":"WMK-2000","locator":"response evaluation","evidence":"design"}}}""")
        c.startTermination(day(11))
        checkEq(CoursePhase.TERMINATION, c.phase())
        check(c.status().warnings.any { it.code == "relapse_plan_missing" }) { "${c.status().warnings}" }
        expectThrows<IpsrtException> { c.completeCourse(day(12)) }
        for (n in 13..16) c.recordSession(day(n - 1), n.toLong(), Attendance.ATTENDED)
        c.recordRelapsePreventionPlan(day(15), summary = "warning signs, supporters, crisis plan")
        c.completeCourse(day(15))
        s = c.status()
        checkEq(CoursePhase.ENDED, s.phase); checkEq(CourseEnding.Completed, s.ending)
        checkEq(15L, s.attended); checkEq(1L, s.missed)
        // Replay from the log gives the same course; the snapshot round-trips in any language.
        val replayed = Course.replay(c.eventsJson())
        checkEq(c.toJson(), replayed.toJson())
        checkEq(c.toJson(), Course.fromJson(c.toJson()).toJson())
        // A snapshot that disagrees with its log is refused (only the snapshot, after the log, is edited).
        val json = c.toJson()
        val at = json.lastIndexOf("\"verdict\":\"response\"")
        check(at > json.indexOf("\"snapshot\"")) { "the snapshot records the verdict" }
        val tampered = json.substring(0, at) + "\"verdict\":\"remission\"" + json.substring(at + "\"verdict\":\"response\"".length)
        expectThrows<IpsrtException.InvalidInput> { Course.fromJson(tampered) }
    }

    t.test("safety: a measure with a safety signal opens a warning until a clinician acknowledges it") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val positive = scoreMeasure(InstrumentId.EPDS, listOf(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), null, null)
        checkEq(SafetyLevel.SAFETY_CHECK, positive.safety.single().level)
        c.recordMeasure(d0.plusDays(7), positive)
        checkEq("safety_signal_open", c.status().warnings.first().code)
        checkEq(1L, c.openSafetyCount())
        c.recordMeasure(d0.plusDays(14), scoreMeasure(InstrumentId.EPDS, List(10) { 0 }, null, null))
        checkEq(1L, c.openSafetyCount(), "a later low score does not clear it")
        c.acknowledgeSafety(d0.plusDays(14), "Dr. A", "risk assessed; safety plan reviewed", null)
        checkEq(0L, c.openSafetyCount())
        check(c.status().warnings.none { it.code == "safety_signal_open" })
        val before = c.toJson()
        expectThrows<IpsrtException.IllegalTransition> { c.acknowledgeSafety(d0.plusDays(15), "Dr. A", "nothing open", null) }
        checkEq(before, c.toJson(), "a refused acknowledgement changes nothing")
    }
}
