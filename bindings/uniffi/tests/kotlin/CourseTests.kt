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
        check(c.status().warnings.any { it.code == CourseWarningCode.RELAPSE_PLAN_MISSING }) { "${c.status().warnings}" }
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
        checkEq(CourseWarningCode.SAFETY_SIGNAL_OPEN, c.status().warnings.first().code)
        checkEq(1L, c.openSafetyCount())
        c.recordMeasure(d0.plusDays(14), scoreMeasure(InstrumentId.EPDS, List(10) { 0 }, null, null))
        checkEq(1L, c.openSafetyCount(), "a later low score does not clear it")
        c.acknowledgeSafety(d0.plusDays(14), "Dr. A", "risk assessed; safety plan reviewed", null)
        checkEq(0L, c.openSafetyCount())
        check(c.status().warnings.none { it.code == CourseWarningCode.SAFETY_SIGNAL_OPEN })
        val before = c.toJson()
        expectThrows<IpsrtException.IllegalTransition> { c.acknowledgeSafety(d0.plusDays(15), "Dr. A", "nothing open", null) }
        checkEq(before, c.toJson(), "a refused acknowledgement changes nothing")
    }

    t.test("deficits as a last resort: the evidence opens a warning until a clinician acknowledges it") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSymptomOnset(d0, d0.minusDays(10))
        c.recordNextSession(d0, Attendance.ATTENDED)
        c.addPerson(d0, newPerson("friend", "F", "friend"))
        c.recordLifeEvent(d0, LifeEventKind.DEATH, d0.minusMonths(1), null)
        checkEq(null, c.deficitsOpen())
        expectThrows<IpsrtException.IllegalTransition> { c.acknowledgeDeficits(d0, "Dr. A", "nothing chosen yet") }
        c.chooseProblemArea(d0, ProblemAreaKind.INTERPERSONAL_DEFICITS, null, null, null)
        val open = c.deficitsOpen()!!
        check(open.onsetKnown)
        checkEq(ProblemAreaKind.GRIEF, open.lifeEvents.single().area)
        checkEq(LifeEventKind.DEATH, open.lifeEvents.single().kind)
        checkEq(CourseWarningCode.DEFICITS_UNACKNOWLEDGED, c.status().warnings.first().code)
        val before = c.toJson()
        expectThrows<IpsrtException.InvalidInput> { c.acknowledgeDeficits(d0, " ", "why") }
        checkEq(before, c.toJson(), "course after a rejected acknowledgement")
        c.acknowledgeDeficits(d0.plusDays(1), "Dr. A", "the death was a distant relative; isolation is lifelong")
        checkEq(null, c.deficitsOpen())
        checkEq("Dr. A", c.deficitsAcknowledgement()?.by)
        check(c.status().warnings.none { it.code == CourseWarningCode.DEFICITS_UNACKNOWLEDGED })
        expectThrows<IpsrtException.IllegalTransition> { c.acknowledgeDeficits(d0.plusDays(2), "Dr. A", "again") }
    }

    t.test("deficits: facts not assessed are open questions, never a \"no\"; assessing them closes the warning") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSymptomOnset(d0, d0.minusDays(10))
        c.recordNextSession(d0, Attendance.ATTENDED)
        val friend = newPerson("friend", "F", "friend")
        c.addPerson(d0, friend)
        c.chooseProblemArea(d0, ProblemAreaKind.INTERPERSONAL_DEFICITS, null, null, null)
        val open = c.deficitsOpen()!!
        check(open.lifeEvents.isEmpty() && open.openConflicts.isEmpty())
        checkEq("friend", open.notAssessed.single().person)
        checkEq(listOf(PersonFact.CONFLICT, PersonFact.CONFIDING), open.notAssessed.single().facts)
        val w = c.status().warnings.first { it.code == CourseWarningCode.DEFICITS_UNACKNOWLEDGED }
        check(w.message.contains("not assessed")) { w.message }
        // Assessed: no conflict, and a confiding relationship; the warning closes by itself.
        c.updatePerson(d0.plusDays(1), friend.copy(conflict = RelationshipConflict.NONE, confiding = true))
        checkEq(null, c.deficitsOpen())
        check(c.deficitsEvidence().notAssessed.isEmpty())
    }

    t.test("non-response rule: a fresh evaluation at 12, a stop candidate under 50 %, the alternative offered") {
        val d0 = LocalDate.of(2026, 9, 1)
        fun day(week: Int): LocalDate = d0.plusWeeks(week.toLong())
        val c = Course.create(d0, ProtocolId.SPAARNE, Taxonomy.WMK4)
        c.recordSession(day(0), 1L, Attendance.ATTENDED)
        c.applyEventJson(day(0), """{"type":"diagnosis_recorded","diagnosis":"major depressive disorder"}""")
        c.applyEventJson(day(0), """{"type":"sick_role_recorded"}""")
        c.applyEventJson(day(0), """{"type":"person_added","person":{"id":"mother","name":"Ria","role":"mother"}}""")
        c.recordSession(day(1), 2L, Attendance.ATTENDED)
        c.recordSession(day(2), 3L, Attendance.ATTENDED)
        c.chooseProblemArea(day(2), ProblemAreaKind.GRIEF, null, "mother", null)
        c.applyEventJson(day(2), """{"type":"formulation_accepted","summary":"since the death of her mother"}""")
        c.applyEventJson(day(2), """{"type":"contract_set","contract":{"sessions":16,"frequency":"weekly","minutes":50}}""")
        c.applyEventJson(day(2), """{"type":"middle_phase_started"}""")
        for (n in 4..8) c.recordSession(day(n - 1), n.toLong(), Attendance.ATTENDED)
        val ksw = SourceRef("KSW-2001", "response = at least 50 % reduction", Evidence.VERIFIED)
        c.evaluateResponse(day(7), ResponseVerdict.PARTIAL_RESPONSE, EvaluationBasis("phq9", 20.0, 14.0, ksw))
        for (n in 9..12) c.recordSession(day(n - 1), n.toLong(), Attendance.ATTENDED)
        check(c.status().warnings.any { it.code == CourseWarningCode.FRESH_EVALUATION_DUE }) { "${c.status().warnings}" }
        val e = expectThrows<IpsrtException.IllegalTransition> { c.recordSession(day(12), 13L, Attendance.ATTENDED) }
        check(e.message!!.contains("before session 13")) { e.message!! }
        c.evaluateResponse(day(11), ResponseVerdict.PARTIAL_RESPONSE, EvaluationBasis("phq9", 20.0, 12.0, ksw))
        val cand = c.stopCandidate()
        checkEq(StopCandidate(day(11), 12, ResponseVerdict.PARTIAL_RESPONSE, 40, 50), cand)
        check(c.status().warnings.any { it.code == CourseWarningCode.STOP_CANDIDATE })
        checkEq(CoursePhase.MIDDLE, c.phase(), "a stop candidate is the clinician's decision")
        val before = c.toJson()
        expectThrows<IpsrtException.InvalidInput> { c.endNonResponse(day(11), " ") }
        checkEq(before, c.toJson(), "a refused ending changes nothing")
        c.endNonResponse(day(11), "CBT with an antidepressant")
        checkEq(CourseEnding.NonResponse("CBT with an antidepressant"), c.status().ending)
        checkEq(null, c.stopCandidate())
    }

    t.test("non-response rule: declining the stop is a deviation; no completion after no benefit") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSession(d0, 1L, Attendance.ATTENDED)
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
        val e = expectThrows<IpsrtException.IllegalTransition> { c.completeCourse(d0) }
        check(e.message!!.contains("endNonResponse")) { e.message!! }
        c.evaluateResponse(d0, ResponseVerdict.RESPONSE, null)
        c.completeCourse(d0)
        checkEq(CourseEnding.Completed, c.status().ending)
    }

    t.test("focus change: a dispute that dissolves becomes a transition, with a recorded reason") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        c.recordSession(d0, 1L, Attendance.ATTENDED)
        c.applyEventJson(d0, """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0, """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0, """{"type":"person_added","person":{"id":"partner","name":"Sam","role":"partner"}}""")
        c.chooseProblemArea(d0, ProblemAreaKind.ROLE_DISPUTE, DisputeStage.IMPASSE, "partner", null)
        c.applyEventJson(d0, """{"type":"formulation_accepted","summary":"dispute"}""")
        c.applyEventJson(d0, """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0, """{"type":"middle_phase_started"}""")
        c.applyEventJson(d0, """{"type":"dispute_stage_changed","stage":"dissolution"}""")
        check(c.status().warnings.any { it.code == CourseWarningCode.DISPUTE_DISSOLVED }) { "${c.status().warnings}" }
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
        c.recordSession(d0, 1L, Attendance.ATTENDED)
        c.applyEventJson(d0, """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0, """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0, """{"type":"person_added","person":{"id":"p","name":"P","role":"partner"}}""")
        c.chooseProblemArea(d0, ProblemAreaKind.ROLE_TRANSITION, null, null, null)
        c.applyEventJson(d0, """{"type":"formulation_accepted","summary":"transition"}""")
        c.applyEventJson(d0, """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0, """{"type":"middle_phase_started"}""")
        val acute = Contract(12L, Frequency.WEEKLY, 50L)
        expectThrows<IpsrtException.IllegalTransition> { c.recordRecurrence(d0, acute, null, "too early") }
        c.applyEventJson(d0, """{"type":"termination_started"}""")
        c.applyEventJson(d0, """{"type":"relapse_prevention_plan_recorded","summary":"signs"}""")
        c.applyEventJson(d0, """{"type":"maintenance_started","contract":{"sessions":24,"frequency":"monthly","minutes":50}}""")
        checkEq(CoursePhase.MAINTENANCE, c.phase())
        expectThrows<IpsrtException.InvalidInput> { c.recordRecurrence(d0.plusMonths(3), Contract(-1L, Frequency.WEEKLY, 50L), null, null) }
        c.recordRecurrence(d0.plusMonths(3), acute, null, "PHQ-9 19")
        checkEq(CoursePhase.MIDDLE, c.phase())
        checkEq(12L, c.status().remaining)
        checkEq(1L, c.recurrenceCount())
    }

    t.test("course attributes: population, delivery mode, combined treatment, termination checklist") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        checkEq(null, c.status().population)
        c.setPopulation(d0, Population.OLDER_ADULT)
        expectThrows<IpsrtException.IllegalTransition> { c.setPopulation(d0, Population.OLDER_ADULT) }
        c.recordSession(d0, 1L, Attendance.ATTENDED, DeliveryMode.VIDEO)
        checkEq(2L, c.recordNextSession(d0.plusWeeks(1), Attendance.ATTENDED))
        c.applyEventJson(d0.plusWeeks(1), """{"type":"diagnosis_recorded","diagnosis":"MDD"}""")
        c.applyEventJson(d0.plusWeeks(1), """{"type":"sick_role_recorded"}""")
        c.applyEventJson(d0.plusWeeks(1), """{"type":"person_added","person":{"id":"p","name":"P","role":"partner"}}""")
        c.chooseProblemArea(d0.plusWeeks(1), ProblemAreaKind.ROLE_TRANSITION, null, null, null)
        c.applyEventJson(d0.plusWeeks(1), """{"type":"formulation_accepted","summary":"retirement"}""")
        c.applyEventJson(d0.plusWeeks(1), """{"type":"contract_set","contract":${c.defaultContractJson()}}""")
        c.applyEventJson(d0.plusWeeks(1), """{"type":"middle_phase_started"}""")
        var s = c.status()
        checkEq(Population.OLDER_ADULT, s.population)
        checkEq(listOf(DeliveryCount(DeliveryMode.VIDEO, 1L), DeliveryCount(null, 1L)), s.delivery)
        checkEq(emptyList<TerminationTaskStatus>(), s.terminationTasks)
        // Combined treatment with dates.
        expectThrows<IpsrtException.IllegalTransition> { c.stopMedication(d0.plusWeeks(1), "sertraline") }
        c.startMedication(d0.plusWeeks(1), "sertraline", started = d0.minusWeeks(2))
        expectThrows<IpsrtException.IllegalTransition> { c.startMedication(d0.plusWeeks(1), "sertraline") }
        checkEq(true, c.status().combinedTreatment); checkEq(listOf("sertraline"), c.status().medication)
        checkEq(listOf("sertraline"), c.medicationOn(d0))
        c.stopMedication(d0.plusWeeks(2), "sertraline")
        checkEq(listOf(MedicationPeriod("sertraline", d0.minusWeeks(2), d0.plusWeeks(2))), c.medications())
        checkEq(true, c.status().combinedTreatment, "stays true for outcome splits")
        // Termination tasks.
        expectThrows<IpsrtException.IllegalTransition> { c.recordTerminationTask(d0.plusWeeks(2), TerminationTask.LOSS_EXPRESSED) }
        c.applyEventJson(d0.plusWeeks(2), """{"type":"termination_started"}""")
        checkEq(TerminationTask.values().toList(), c.openTerminationTasks())
        check(c.status().warnings.any { it.code == CourseWarningCode.TERMINATION_TASKS_OPEN }) { "${c.status().warnings}" }
        c.recordTerminationTask(d0.plusWeeks(2), TerminationTask.LOSS_EXPRESSED, note = "named the sadness")
        val before = c.toJson()
        expectThrows<IpsrtException.InvalidInput> { c.skipTerminationTask(d0.plusWeeks(2), TerminationTask.AFTERCARE_AGREED, " ") }
        checkEq(before, c.toJson(), "a refused step changes nothing")
        c.skipTerminationTask(d0.plusWeeks(2), TerminationTask.AFTERCARE_AGREED, "after-care with the GP")
        s = c.status()
        checkEq(listOf(TaskState.DONE, TaskState.OPEN, TaskState.SKIPPED), s.terminationTasks.map { it.state })
        c.recordRelapsePreventionPlan(d0.plusWeeks(2))
        checkEq(true, c.relapsePlanEmpty())
        check(c.status().warnings.any { it.code == CourseWarningCode.RELAPSE_PLAN_EMPTY }) { "${c.status().warnings}" }
        checkEq(c.toJson(), Course.fromJson(c.toJson()).toJson())
    }
}
