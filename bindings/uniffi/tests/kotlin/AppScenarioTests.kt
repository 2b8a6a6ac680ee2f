// The patient-week of an app, end to end, through typed calls only: no JSON string is written
// or read here (the one exception is the stored document itself: toJson/fromJson and
// measureScoreToJson/FromJson save and load, and the test never looks inside). A check at the
// end reads this file and fails if a JSON literal or another *Json call creeps in.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

fun appScenarioTests(t: Tests) {
    t.test("app scenario: a patient-week with course, diary correction, PHQ-9 item 9, alert guidance, save and load") {
        val monday = LocalDate.of(2026, 9, 7)
        val zone = ZoneId.of("Europe/Amsterdam")

        // Intake: the course with its diagnosis, sick role, inventory, focus, contract and phases.
        val course = Course.create(monday, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        checkEq(1L, course.recordNextSession(monday, Attendance.ATTENDED))
        course.recordDiagnosis(monday, "major depressive disorder")
        course.recordSickRole(monday)
        course.recordSymptomOnset(monday, monday.minusMonths(2))
        course.addPerson(monday, newPerson("partner", "Sam", "partner"))
        course.chooseProblemArea(monday, ProblemAreaKind.ROLE_DISPUTE, DisputeStage.RENEGOTIATION, "partner", null)
        course.acceptFormulation(monday, "low mood since the arguments with Sam about moving")
        val contract = course.defaultContract().copy(sessions = 14L)
        course.setContract(monday, contract)
        checkEq(contract, course.contract())
        course.startMiddlePhase(monday)
        checkEq(CoursePhase.MIDDLE, course.phase())

        // The diary: a week of entries, one bedtime written wrong and corrected.
        val diary = SrmDiary(SrmFormKind.SRM5)
        for (d in 0L until 7L) {
            val day = monday.plusDays(d)
            val written = ZonedDateTime(day.plusDays(1).atTime(8, 0), zone)
            diary.add(day, SrmItem.OUT_OF_BED, SrmStatus.Done(LocalTime.of(7, 0)), written)
            // Wednesday's bedtime is mistyped (03:10 for 23:10) and corrected below.
            diary.add(day, SrmItem.TO_BED, SrmStatus.Done(if (d == 2L) LocalTime.of(3, 10) else LocalTime.of(23, 0)), written, SrmPeople.OTHERS_PRESENT)
            diary.setMood(day, -1)
        }
        checkEq(SrmStatus.Done(LocalTime.of(3, 10)), diary.status(monday.plusDays(2), SrmItem.TO_BED))
        val replaced = diary.replace(monday.plusDays(2), SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(23, 0)), null, SrmPeople.OTHERS_PRESENT)
        checkEq(listOf(SrmStatus.Done(LocalTime.of(3, 10))), replaced.map { it.status })
        checkEq(SrmStatus.Done(LocalTime.of(23, 0)), diary.status(monday.plusDays(2), SrmItem.TO_BED), "the correction wins")
        checkEq(14, diary.entries().size)
        checkEq(7, diary.moods().size)
        check(diary.lateEntries().isEmpty()) { "written the next morning: not late" }
        val week = diary.scoreWeek(monday, null)
        checkEq(7.0, week.score, "every bedtime within 45 minutes of the habitual time")
        checkEq(SrmReference.HABITUAL, week.reference, "the published method")

        // PHQ-9 with item 9 = 1: a safety signal, whatever the total.
        val phq9 = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 1, 1, 1, 1, 1, 1, 1))
        checkEq(InstrumentId.PHQ9, phq9.instrumentId)
        checkEq(9, phq9.total)
        checkEq(9, phq9.nAnswered)
        check(phq9.safety.isNotEmpty()) { "item 9 = 1 raises a safety signal" }
        course.recordMeasure(monday.plusDays(4), phq9)
        checkEq(1L, course.openSafetyCount())

        // The plan, built typed: a warning sign, a trigger, a supporter and one threshold of
        // the clinic's own (the others keep their published sources); the core checks it.
        val base = RelapsePlan(monday, Region.NL).contents()
        val clinic = SourceRef("local", "clinic policy 2026", Evidence.DESIGN)
        val plan = RelapsePlan.withContents(base.copy(
            earlyWarningSigns = listOf(PlanWarningSign("less_sleep", SignPole.MANIC, "Sleeping under 6 hours",
                PlanActions(must = listOf("Go to bed at 23:00"), might = listOf("Cancel evening plans")))),
            triggers = listOf(PlanTrigger(LifeEventKind.SHIFT_WORK, "Night shifts", PlanActions(must = listOf("Keep the anchors")))),
            contacts = listOf(PlanContact("Sam", ContactRole.SUPPORTER, "+31 6 1234 5678", "partner", AlertLevel.WATCH, null)),
            alerts = base.alerts.copy(thresholds = base.alerts.thresholds.copy(
                missedOccurrencesWatch = base.alerts.thresholds.missedOccurrencesWatch.copy(value = 2L, source = clinic))),
        ))
        checkEq(SignStage.EARLY_WARNING, plan.findSign("less_sleep")?.stage)
        checkEq("Night shifts", plan.findTrigger(LifeEventKind.SHIFT_WORK)?.description)
        checkEq(2L, plan.thresholds().missedOccurrencesWatch.value)
        checkEq(clinic, plan.thresholds().missedOccurrencesWatch.source)
        checkEq(base.alerts.thresholds.phq9RiseWatch, plan.thresholds().phq9RiseWatch)
        checkEq(listOf("Sam"), plan.contacts().map { it.name })
        // A sign id used twice is refused by the core and changes nothing.
        val twice = plan.contents().let { it.copy(crisis = it.crisis.copy(takeOverSigns = it.earlyWarningSigns)) }
        expectThrows<IpsrtException.InvalidInput> { plan.setContents(twice) }
        checkEq(1, plan.signs().size)

        // The alert: the observation comes from the score; guidance is typed.
        val crisis = plan.crisisContacts()
        check(crisis.isNotEmpty() && crisis.all { it.phone != null }) { "$crisis" }
        val machine = AlertMachine()
        val assessment = machine.observe(plan, monday.plusDays(4), observedFromScore(phq9))
        checkEq(AlertLevel.CRISIS, assessment.level)
        val transition = assessment.transition ?: throw AssertionError("no transition")
        checkEq(AlertDirection.ESCALATION, transition.direction)
        check(transition.reasons.any { it.rule == AlertRule.PHQ9_ITEM9 }) { "${transition.reasons}" }
        check(transition.actions.isNotEmpty()) { "guidance to show the patient" }
        check(transition.contacts.any { it.role == ContactRole.CRISIS_LINE || it.role == ContactRole.EMERGENCY }) { "${transition.contacts}" }
        course.acknowledgeSafety(monday.plusDays(4), "Dr. A", "risk assessed with the patient; safety plan reviewed", null)
        checkEq(0L, course.openSafetyCount())
        checkEq(2L, course.recordNextSession(monday.plusDays(7), Attendance.ATTENDED))

        // Save and load: the stored documents give back the same objects.
        val savedCourse = course.toJson()
        val savedDiary = diary.toJson()
        val savedScore = measureScoreToJson(phq9)
        val savedPlan = plan.toJson()
        val savedMachine = machine.toJson()
        val course2 = Course.fromJson(savedCourse)
        checkEq(course.status(), course2.status())
        checkEq(contract, course2.contract())
        val diary2 = SrmDiary.fromJson(savedDiary)
        checkEq(diary.entries(), diary2.entries())
        checkEq(week.score, diary2.scoreWeek(monday, null).score)
        checkEq(phq9.copy(json = ""), measureScoreFromJson(savedScore).copy(json = ""))
        checkEq(crisis, RelapsePlan.fromJson(savedPlan).crisisContacts())
        checkEq(plan.contents(), RelapsePlan.fromJson(savedPlan).contents())
        checkEq(AlertLevel.CRISIS, AlertMachine.fromJson(savedMachine).level())

        // This file writes no JSON: no JSON literal, and no *Json call but the document doors.
        val source = File(repoRoot, "bindings/uniffi/tests/kotlin/AppScenarioTests.kt").readText()
        val body = source.substringAfter("fun appScenarioTests").substringBefore("// This file writes no JSON")
        check(!body.contains("{\"") && !body.contains("\"\"\"")) { "a JSON literal in the scenario" }
        val calls = Regex("""\b([A-Za-z]+Json)\(""").findAll(body).map { it.groupValues[1] }.toSet()
        checkEq(setOf("toJson", "fromJson", "measureScoreToJson", "measureScoreFromJson"), calls, "JSON calls in the scenario")
    }
}
