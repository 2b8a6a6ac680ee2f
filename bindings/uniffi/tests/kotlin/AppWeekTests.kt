// An app's patient-week on the alert machine: the app feeds PHQ-9 scores, two weeks of SRM
// diary and the medication log through the core's converters into an ObservationLog and the
// alert machine. It computes nothing clinical itself (no total, no shift, no count of missed
// doses, no Observed built by hand) and writes no JSON; a check at the end reads this file.
package org.ipsrt.tests

import org.ipsrt.*
import java.io.File
import java.time.LocalDate

fun appWeekTests(t: Tests) {
    t.test("app week: PHQ-9 scores, an SRM week against its baseline and missed lithium through the converters into the alert machine") {
        val week1 = LocalDate.of(2026, 3, 2)
        val week2 = week1.plusDays(7)

        // What the phone collected: two weeks of diary (three late bedtimes in week 2) ...
        val diary = SrmDiary(SrmFormKind.SRM5)
        for (d in 0L until 14L) {
            val day = week1.plusDays(d)
            diary.add(day, SrmItem.OUT_OF_BED, SrmStatus.Done(clockTimeFromHm(7, 0)), null, null)
            val bed = if (d in 9L..11L) clockTimeFromHm(1, 30) else clockTimeFromHm(23, 0)
            diary.add(day, SrmItem.TO_BED, SrmStatus.Done(bed), null, null)
        }
        // ... the evening lithium, missed twice in week 2 ...
        val meds = MedicationLog(listOf(ScheduledDose("li-pm", "lithium", clockTimeFromHm(21, 0), null)))
        for (d in 0L until 7L) meds.record("li-pm", week2.plusDays(d), if (d == 3L || d == 4L) DoseOutcome.Missed else DoseOutcome.Taken(null))
        // ... and a PHQ-9 at the end of each week, answered in the app's questionnaire.
        val phq1 = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 0, 1, 0, 0, 1, 0, 0))
        val phq2 = scoreMeasure(InstrumentId.PHQ9, listOf(2, 2, 1, 2, 1, 1, 1, 1, 0))

        // Everything becomes observations through the core's converters.
        val log = ObservationLog()
        log.addAll(listOf(observationFromScore(week1.plusDays(6), phq1)))
        val shifts = diary.sleepShiftObservations(week2, diary.scoreWeek(week1, null))
        checkEq(14, shifts.size, "each night's out-of-bed and to-bed shift, shifted or not")
        log.addAll(shifts)
        val missed = meds.missedMedicationObservations(week2, week2.plusDays(6))
        checkEq(listOf(week2.plusDays(3), week2.plusDays(4)), missed.map { it.date })
        log.addAll(missed)
        log.add(week2.plusDays(7), observedFromSrmWeek(diary.scoreWeek(week2, null)))
        log.addAll(listOf(observationFromScore(week2.plusDays(6), phq2)))
        checkEq(19L, log.count())

        // The machine decides; the app shows what it says.
        val plan = RelapsePlan(week1, Region.NL)
        val machine = AlertMachine()
        val assessments = log.feed(machine, plan)
        checkEq(19, assessments.size)
        val last = assessments.last()
        checkEq(AlertLevel.BREAKING_DOWN, last.level)
        val rules = last.findings.map { it.rule }.toSet()
        check(AlertRule.SLEEP_SHIFT in rules && AlertRule.MISSED_MEDICATION_WITH_SYMPTOMS in rules) { "$rules" }
        check(last.findings.all { it.source.key.isNotEmpty() }) { "every finding has its source" }
        val history = machine.history()
        checkEq(listOf(AlertLevel.WATCH, AlertLevel.BREAKING_DOWN), history.map { it.to })
        // The plan's guidance for the level: its actions, and the contacts it lists at that level
        // (this plan has no care-team contacts of its own, so none are listed below Crisis).
        check(history.last().actions.isNotEmpty()) { "guidance to show" }
        checkEq(plan.contactsFor(AlertLevel.BREAKING_DOWN), history.last().contacts, "the plan's contacts at the level")

        // Save and load: the log and the machine are stored documents.
        val again = AlertMachine()
        checkEq(assessments.map { it.level }, ObservationLog.fromJson(log.toJson()).feed(again, plan).map { it.level })
        checkEq(machine.level(), AlertMachine.fromJson(machine.toJson()).level())

        // This file computes nothing clinical and writes no JSON.
        val source = File(repoRoot, "bindings/uniffi/tests/kotlin/AppWeekTests.kt").readText()
        val body = source.substringAfter("fun appWeekTests").substringBefore("// This file computes nothing")
        check(!body.contains("{\"") && !body.contains("\"\"\"")) { "a JSON literal in the scenario" }
        check(!body.contains("Observed.")) { "an observation built by hand" }
        val calls = Regex("""\b([A-Za-z]+Json)\(""").findAll(body).map { it.groupValues[1] }.toSet()
        checkEq(setOf("toJson", "fromJson"), calls, "JSON calls in the scenario")
    }
}
