package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

fun courseTests(t: Tests) {
    t.test("scenario: an IPT course from intake to termination, replayed and snapshotted") {
        val d0 = LocalDate.of(2026, 9, 1)
        fun day(week: Int): LocalDate = d0.plusWeeks(week.toLong())
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        checkEq("initial", c.phase())
        c.recordSession(day(0), 1u, Attendance.ATTENDED)
        c.applyEventJson(day(0), """{"type":"diagnosis_recorded","diagnosis":"major depressive disorder"}""")
        c.applyEventJson(day(0), """{"type":"sick_role_recorded"}""")
        c.applyEventJson(day(1), """{"type":"person_added","person":{"id":"partner","name":"Sam","role":"partner"}}""")
        c.recordLifeEvent(day(1), LifeEventKind.CONFLICT, d0.minusMonths(2), "arguments about moving")
        c.applyEventJson(day(1), """{"type":"symptom_onset_recorded","onset":"${d0.minusMonths(1)}"}""")
        val sugg = c.suggestProblemAreas()
        check(sugg.candidates.any { it.area == ProblemAreaKind.ROLE_DISPUTE }) { "suggestions: ${sugg.json}" }
        check(sugg.candidates.all { it.explanation.isNotBlank() && it.source.key.isNotEmpty() })
        // Too early for the middle phase: a typed IllegalTransition, and nothing changes.
        val before = c.toJson()
        val e = expectThrows<IpsrtException.IllegalTransition> { c.applyEventJson(day(1), """{"type":"middle_phase_started"}""") }
        check(e.message!!.contains("problem area")) { e.message!! }
        checkEq(before, c.toJson(), "course after a rejected event")
        check(c.missingInitialTasks().isNotEmpty())
        c.recordSession(day(1), 2u, Attendance.ATTENDED)
        c.recordSession(day(2), 3u, Attendance.ATTENDED)
        c.chooseProblemArea(day(2), ProblemAreaKind.ROLE_DISPUTE, DisputeStage.IMPASSE, "partner", null)
        c.applyEventJson(day(2), """{"type":"formulation_accepted","summary":"depression linked to the dispute with Sam"}""")
        c.applyEventJson(day(2), """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(day(2), """{"type":"middle_phase_started"}""")
        var s = c.status()
        checkEq("middle", s.phase); checkEq(3u, s.attended); checkEq(13u, s.remaining)
        checkEq(ProblemAreaKind.ROLE_DISPUTE, s.focus.single().kind)
        checkEq("role dispute (impasse, with partner)", s.focusText)
        for (n in 4..12) c.recordSession(day(n - 1), n.toUInt(), if (n == 7) Attendance.MISSED else Attendance.ATTENDED)
        c.applyEventJson(day(11), """{"type":"response_evaluated","verdict":"response","basis":{"instrument":"phq9","baseline_total":18,"current_total":8,"source":{"key":"WMK-2000","locator":"response evaluation","evidence":"design"}}}""")
        c.applyEventJson(day(11), """{"type":"termination_started"}""")
        checkEq("termination", c.phase())
        check(c.status().warnings.any { it.code == "relapse_plan_missing" }) { "${c.status().warnings}" }
        expectThrows<IpsrtException> { c.applyEventJson(day(12), """{"type":"course_completed"}""") }
        for (n in 13..16) c.recordSession(day(n - 1), n.toUInt(), Attendance.ATTENDED)
        c.applyEventJson(day(15), """{"type":"relapse_prevention_plan_recorded","summary":"warning signs, supporters, crisis plan"}""")
        c.applyEventJson(day(15), """{"type":"course_completed"}""")
        s = c.status()
        check(s.phase != "termination" && s.phase != "middle") { "phase after completion: ${s.phase}" }
        checkEq(15u, s.attended); checkEq(1u, s.missed)
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
        checkEq(1u, c.openSafetyCount())
        c.recordMeasure(d0.plusDays(14), scoreMeasure(InstrumentId.EPDS, List(10) { 0 }, null, null))
        checkEq(1u, c.openSafetyCount(), "a later low score does not clear it")
        c.acknowledgeSafety(d0.plusDays(14), "Dr. A", "risk assessed; safety plan reviewed", null)
        checkEq(0u, c.openSafetyCount())
        check(c.status().warnings.none { it.code == "safety_signal_open" })
        val before = c.toJson()
        expectThrows<IpsrtException.IllegalTransition> { c.acknowledgeSafety(d0.plusDays(15), "Dr. A", "nothing open", null) }
        checkEq(before, c.toJson(), "a refused acknowledgement changes nothing")
    }

    t.test("non-response rule: a fresh evaluation at 12, a stop candidate under 50 %, the alternative offered") {
        val d0 = LocalDate.of(2026, 9, 1)
        fun day(week: Int): LocalDate = d0.plusWeeks(week.toLong())
        val c = Course.create(d0, ProtocolId.SPAARNE, Taxonomy.WMK4)
        c.recordSession(day(0), 1u, Attendance.ATTENDED)
        c.applyEventJson(day(0), """{"type":"diagnosis_recorded","diagnosis":"major depressive disorder"}""")
        c.applyEventJson(day(0), """{"type":"sick_role_recorded"}""")
        c.applyEventJson(day(0), """{"type":"person_added","person":{"id":"mother","name":"Ria","role":"mother"}}""")
        c.recordSession(day(1), 2u, Attendance.ATTENDED)
        c.recordSession(day(2), 3u, Attendance.ATTENDED)
        c.chooseProblemArea(day(2), ProblemAreaKind.GRIEF, null, "mother", null)
        c.applyEventJson(day(2), """{"type":"formulation_accepted","summary":"since the death of her mother"}""")
        c.applyEventJson(day(2), """{"type":"contract_set","contract":{"sessions":16,"frequency":"weekly","minutes":50}}""")
        c.applyEventJson(day(2), """{"type":"middle_phase_started"}""")
        for (n in 4..8) c.recordSession(day(n - 1), n.toUInt(), Attendance.ATTENDED)
        val ksw = SourceRef("KSW-2001", "response = at least 50 % reduction", Evidence.VERIFIED)
        c.evaluateResponse(day(7), ResponseVerdict.PARTIAL_RESPONSE, EvaluationBasis("phq9", 20.0, 14.0, ksw))
        for (n in 9..12) c.recordSession(day(n - 1), n.toUInt(), Attendance.ATTENDED)
        check(c.status().warnings.any { it.code == "fresh_evaluation_due" }) { "${c.status().warnings}" }
        val e = expectThrows<IpsrtException.IllegalTransition> { c.recordSession(day(12), 13u, Attendance.ATTENDED) }
        check(e.message!!.contains("before session 13")) { e.message!! }
        c.evaluateResponse(day(11), ResponseVerdict.PARTIAL_RESPONSE, EvaluationBasis("phq9", 20.0, 12.0, ksw))
        val cand = c.stopCandidate()
        checkEq(StopCandidate(day(11), 12, ResponseVerdict.PARTIAL_RESPONSE, 40, 50), cand)
        check(c.status().warnings.any { it.code == "stop_candidate" })
        checkEq("middle", c.phase(), "a stop candidate is the clinician's decision")
        val before = c.toJson()
        expectThrows<IpsrtException.InvalidInput> { c.endNonResponse(day(11), " ") }
        checkEq(before, c.toJson(), "a refused ending changes nothing")
        c.endNonResponse(day(11), "CBT with an antidepressant")
        checkEq("non_response", c.status().ending)
        checkEq(null, c.stopCandidate())
    }

    t.test("non-response rule: declining the stop is a deviation; no completion after no benefit") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSession(d0, 1u, Attendance.ATTENDED)
        c.applyEventJson(d0, """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0, """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0, """{"type":"person_added","person":{"id":"p","name":"P","role":"partner"}}""")
        c.chooseProblemArea(d0, ProblemAreaKind.ROLE_TRANSITION, null, null, null)
        c.applyEventJson(d0, """{"type":"formulation_accepted","summary":"transition"}""")
        c.applyEventJson(d0, """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0, """{"type":"middle_phase_started"}""")
        expectThrows<IpsrtException.IllegalTransition> { c.declineNonResponseStop(d0, "nothing to decline") }
        c.applyEventJson(d0, """{"type":"termination_started"}""")
        c.applyEventJson(d0, """{"type":"relapse_prevention_plan_recorded","summary":"signs"}""")
        c.evaluateResponse(d0, ResponseVerdict.MINIMAL_OR_NO_BENEFIT, null)
        val e = expectThrows<IpsrtException.IllegalTransition> { c.complete(d0) }
        check(e.message!!.contains("ended_non_response")) { e.message!! }
        c.evaluateResponse(d0, ResponseVerdict.RESPONSE, null)
        c.complete(d0)
        checkEq("completed", c.status().ending)
    }

    t.test("focus change: a dispute that dissolves becomes a transition, with a recorded reason") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSession(d0, 1u, Attendance.ATTENDED)
        c.applyEventJson(d0, """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0, """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0, """{"type":"person_added","person":{"id":"partner","name":"Sam","role":"partner"}}""")
        c.chooseProblemArea(d0, ProblemAreaKind.ROLE_DISPUTE, DisputeStage.IMPASSE, "partner", null)
        c.applyEventJson(d0, """{"type":"formulation_accepted","summary":"dispute"}""")
        c.applyEventJson(d0, """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0, """{"type":"middle_phase_started"}""")
        c.applyEventJson(d0, """{"type":"dispute_stage_changed","stage":"dissolution"}""")
        check(c.status().warnings.any { it.code == "dispute_dissolved" }) { "${c.status().warnings}" }
        val before = c.toJson()
        expectThrows<IpsrtException.InvalidInput> {
            c.changeFocus(d0, ProblemAreaKind.ROLE_TRANSITION, null, "partner", ProblemAreaKind.ROLE_DISPUTE, " ")
        }
        checkEq(before, c.toJson(), "a refused change changes nothing")
        c.changeFocus(d0, ProblemAreaKind.ROLE_TRANSITION, null, "partner", ProblemAreaKind.ROLE_DISPUTE, "they separated")
        checkEq("role transition (with partner)", c.status().focusText)
        val change = c.focusChanges().single()
        checkEq(ProblemAreaKind.ROLE_DISPUTE, change.replaced!!.kind)
        checkEq(DisputeStage.DISSOLUTION, change.replaced!!.disputeStage)
        checkEq("they separated", change.reason)
    }

    t.test("recurrence in maintenance: back to acute treatment under a new acute contract") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSession(d0, 1u, Attendance.ATTENDED)
        c.applyEventJson(d0, """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0, """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0, """{"type":"person_added","person":{"id":"p","name":"P","role":"partner"}}""")
        c.chooseProblemArea(d0, ProblemAreaKind.ROLE_TRANSITION, null, null, null)
        c.applyEventJson(d0, """{"type":"formulation_accepted","summary":"transition"}""")
        c.applyEventJson(d0, """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0, """{"type":"middle_phase_started"}""")
        val acute = TreatmentContract(12, SessionFrequency.WEEKLY, 50)
        expectThrows<IpsrtException.IllegalTransition> { c.recordRecurrence(d0, acute, null, "too early") }
        c.applyEventJson(d0, """{"type":"termination_started"}""")
        c.applyEventJson(d0, """{"type":"relapse_prevention_plan_recorded","summary":"signs"}""")
        c.applyEventJson(d0, """{"type":"maintenance_started","contract":{"sessions":24,"frequency":"monthly","minutes":50}}""")
        checkEq("maintenance", c.phase())
        expectThrows<IpsrtException.InvalidInput> { c.recordRecurrence(d0.plusMonths(3), TreatmentContract(-1, SessionFrequency.WEEKLY, 50), null, null) }
        c.recordRecurrence(d0.plusMonths(3), acute, null, "PHQ-9 19")
        checkEq("middle", c.phase())
        checkEq(12u, c.status().remaining)
        checkEq(1, c.recurrenceCount())
    }
}
