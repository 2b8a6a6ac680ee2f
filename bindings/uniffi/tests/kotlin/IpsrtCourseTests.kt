// The IPSRT course through typed calls: IPSRT tasks and phases, the IPT events it needs, the
// stabilisation criterion, status, events, and the stored document (shared persist fixtures).
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

fun ipsrtCourseTests(t: Tests) {
    fun d(s: String) = LocalDate.parse(s)

    t.test("ipsrt course: initial tasks, intermediate, continuation on stabilisation, final, end") {
        val c = IpsrtCourse.create(d("2026-01-05"))
        var day = d("2026-01-05")
        checkEq(1L, c.recordNextSession(day, Attendance.ATTENDED))
        c.recordDiagnosis(day, "bipolar I disorder")
        c.recordSickRole(day)
        for (task in listOf(IpsrtTask.LIFE_CHART, IpsrtTask.PSYCHOEDUCATION, IpsrtTask.SRM_BASELINE)) c.recordTaskDone(day, task)
        expectThrows<IpsrtException.IllegalTransition> { c.recordTaskDone(day, IpsrtTask.LIFE_CHART) }
        // The intermediate phase needs every initial task: refused, unchanged.
        expectThrows<IpsrtException> { c.startIntermediate(day) }
        checkEq(IpsrtPhase.INITIAL, c.phase())
        checkEq(listOf(IpsrtTask.PSYCHIATRIST_EVALUATION), c.status().tasksMissing)
        day = d("2026-01-12")
        c.recordSession(day, 2L, Attendance.ATTENDED, DeliveryMode.VIDEO)
        c.addPerson(day, newPerson("partner", "Sam", "partner"))
        day = d("2026-01-19")
        checkEq(3L, c.recordNextSession(day, Attendance.ATTENDED))
        c.chooseProblemArea(day, ProblemAreaKind.LOST_HEALTHY_SELF)
        c.acceptFormulation(day, "grief for the lost healthy self")
        c.setContract(day, Contract(20L, Frequency.WEEKLY, 50L))
        expectThrows<IpsrtException.InvalidInput> { c.setContract(day, Contract(-1L, Frequency.WEEKLY, 50L)) }
        c.recordTaskDone(day, IpsrtTask.PSYCHIATRIST_EVALUATION)
        checkEq(IpsrtPhase.INTERMEDIATE, c.startIntermediate(day))
        checkEq(CoursePhase.MIDDLE, c.status().ipt.phase)

        val notYet = listOf(WeeklyRating(d("2026-02-02"), 12.0, 2.0, true))
        checkEq(false, c.evaluateStabilisation(notYet).met)
        expectThrows<IpsrtException> { c.startContinuation(d("2026-02-09"), notYet) }
        checkEq(IpsrtPhase.INTERMEDIATE, c.phase())
        val ratings = (0L until 4L).map { WeeklyRating(d("2026-03-02").plusWeeks(it), 4.0, 2.0, true) }
        val r = c.evaluateStabilisation(ratings)
        checkEq(true, r.met); checkEq(d("2026-03-29"), r.metOn)
        checkEq(IpsrtPhase.CONTINUATION_MAINTENANCE, c.startContinuation(d("2026-03-30"), ratings))
        val protocol = c.protocol()
        val visits = protocol.maintenance.sumOf { it.months * it.visitsPerMonth }
        checkEq(visits.toInt(), c.status().maintenanceDates.size, "planned visits follow the protocol's blocks")
        checkEq("MTBD", protocol.maintenanceSource.key)
        checkEq(IpsrtPhase.FINAL, c.startFinal(d("2027-03-01")))
        c.recordRelapsePreventionPlan(d("2027-03-01"), null, "plan agreed")
        c.startTermination(d("2027-03-01"), "ended by the IPSRT frame")
        checkEq(IpsrtPhase.ENDED, c.endCourse(d("2027-03-08")))
        val s = c.status()
        checkEq(IpsrtPhase.ENDED, s.phase); checkEq(CoursePhase.ENDED, s.ipt.phase)
        checkEq(listOf(IpsrtPhase.INITIAL, IpsrtPhase.INTERMEDIATE, IpsrtPhase.CONTINUATION_MAINTENANCE, IpsrtPhase.FINAL, IpsrtPhase.ENDED),
            s.phaseStarts.map { it.phase })
        val events = c.events()
        checkEq("session_recorded", (events.first() as IpsrtEvent.IptCourse).eventType)
        check(events.last() is IpsrtEvent.Ended) { "${events.last()}" }
        check(events.any { it is IpsrtEvent.ContinuationStarted && it.ratings == ratings }) { "ratings kept" }
        val back = IpsrtCourse.fromJson(c.toJson())
        checkEq(s, back.status()); checkEq(events, back.events())
    }

    t.test("ipsrt course: any IPT event as a typed IptEvent, refused events leave it unchanged") {
        val c = IpsrtCourse.create(d("2026-01-05"))
        val day = d("2026-01-05")
        c.applyIptEvent(day, IptEvent.SymptomOnsetRecorded(d("2025-12-01")))
        c.applyIptEvent(day, IptEvent.DiagnosisRecorded("bipolar I disorder"))
        c.applyIptEvent(day, IptEvent.PersonAdded(newPerson("sam", "Sam", "partner")))
        c.applyIptEvent(day, IptEvent.PersonRemoved("sam"))
        c.applyIptEvent(day, IptEvent.PopulationSet(Population.ADULT))
        c.applyIptEvent(day, IptEvent.MedicationStarted("lithium", started = d("2025-12-15")))
        val ipt = c.status().ipt
        checkEq(Population.ADULT, ipt.population)
        // A person who is not in the inventory: refused, course unchanged (same events).
        val before = c.events()
        expectThrows<IpsrtException> { c.applyIptEvent(day, IptEvent.PersonRemoved("sam")) }
        expectThrows<IpsrtException.InvalidInput> {
            c.applyIptEvent(day, IptEvent.SessionRecorded(-1L, Attendance.ATTENDED))
        }
        checkEq(before, c.events())
        // Read back typed: the same values that went in.
        checkEq(IptEvent.MedicationStarted("lithium", started = d("2025-12-15")), (before.last() as IpsrtEvent.IptCourse).event)
        checkEq(IptEvent.PersonRemoved("sam"), (before[3] as IpsrtEvent.IptCourse).event)
        checkEq(listOf("symptom_onset_recorded", "diagnosis_recorded", "person_added", "person_removed", "population_set", "medication_started"),
            before.map { (it as IpsrtEvent.IptCourse).eventType })
    }

    t.test("course: applyEvent takes the same typed IptEvent as the typed shortcuts") {
        val a = Course.create(d("2026-01-05"), ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val b = Course.create(d("2026-01-05"), ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val day = d("2026-01-05")
        a.recordDiagnosis(day, "major depressive disorder", "first episode")
        b.applyEvent(day, IptEvent.DiagnosisRecorded("major depressive disorder", "first episode"))
        a.recordSession(day, 1L, Attendance.ATTENDED)
        b.applyEvent(day, IptEvent.SessionRecorded(1L, Attendance.ATTENDED))
        a.chooseProblemArea(day, ProblemAreaKind.GRIEF)
        b.applyEvent(day, IptEvent.ProblemAreaChosen(ProblemAreaKind.GRIEF))
        a.setContract(day, Contract(16L, Frequency.WEEKLY, 50L))
        b.applyEvent(day, IptEvent.ContractSet(Contract(16L, Frequency.WEEKLY, 50L)))
        checkEq(a.eventsJson(), b.eventsJson())
        checkEq(a.status(), b.status())
    }

    t.test("ipsrt course: a recurrence in maintenance needs the IPT contract") {
        val c = IpsrtCourse.fromJson(vectorFile("persist/ipsrt.ipsrt_course.v2.json").readText())
        checkEq(IpsrtPhase.INTERMEDIATE, c.phase())
        expectThrows<IpsrtException.IllegalTransition> { c.recordRecurrence(d("2026-02-02"), "depressive episode") }
        checkEq(IpsrtPhase.INTERMEDIATE, c.phase())
        checkEq(0, c.status().recurrences.size)
    }

    t.test("ipsrt course: the default protocol with its sources") {
        val p = ipsrtDefaultProtocol()
        checkEq(3L, p.initialSessionsMin); checkEq(5L, p.initialSessionsMax)
        checkEq(1L, p.problemAreas)
        checkEq(4L, p.stabilisation.weeks); checkEq("HRSD-24", p.stabilisation.depressionScale)
        checkEq(p, IpsrtCourse.create(d("2026-01-05")).protocol())
    }

    for (name in listOf("ipsrt.ipsrt_course.v1.json", "ipsrt.ipsrt_course.v2.json", "ipsrt.ipsrt_course.v3.json")) {
        t.test("vectors persist/$name: typed status of the stored IPSRT course") {
            val c = IpsrtCourse.fromJson(vectorFile("persist/$name").readText())
            val s = c.status()
            checkEq(IpsrtPhase.INTERMEDIATE, s.phase)
            check(s.tasksMissing.isEmpty()) { "${s.tasksMissing}" }
            checkEq(4, s.tasksDone.size)
            checkEq(ProblemAreaKind.LOST_HEALTHY_SELF, s.ipt.focus.single().kind)
            checkEq(IpsrtEvent.IntermediateStarted(d("2026-01-19")), c.events().last())
        }
    }
}
