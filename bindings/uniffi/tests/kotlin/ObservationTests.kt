// Observation converters, ObservationLog and AlertMachine.observeAll: the app hands the core
// what it has (scores, SRM weeks, the medication log) and never builds a clinical number itself.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
fun observationTests(t: Tests) {
    val monday = LocalDate.of(2026, 3, 2)
    fun hm(h: Int, m: Int) = clockTimeFromHm(h, m)

    t.test("observations: a PHQ-9 score becomes a dated observation with its item 9") {
        val phq9 = scoreMeasure(InstrumentId.PHQ9, listOf(0, 0, 0, 0, 0, 0, 0, 0, 1))
        val o = observationFromScore(monday, phq9)
        checkEq(monday, o.date)
        val p = o.observed as Observed.Phq9
        checkEq(1, p.total?.toInt()); checkEq(1, p.item9?.toInt())
        checkEq(null, o.at)
        val gad = scoreMeasure(InstrumentId.GAD7, listOf(1, 1, 1, 1, 1, 1, 1))
        val e = expectThrows<IpsrtException.InvalidInput> { observationFromScore(monday, gad) }
        check(e.message!!.contains("gad7")) { e.message!! }
    }

    t.test("observations: SRM week score and sleep shifts against a baseline week") {
        val diary = SrmDiary(SrmFormKind.SRM5)
        for (d in 0L until 14L) {
            val day = monday.plusDays(d)
            diary.add(day, SrmItem.OUT_OF_BED, SrmStatus.Done(hm(7, 0)), null, null)
            diary.add(day, SrmItem.TO_BED, SrmStatus.Done(if (d == 8L) hm(0, 45) else hm(23, 30)), null, null)
        }
        val baseline = diary.scoreWeek(monday, null)
        val shifts = diary.sleepShiftObservations(monday.plusDays(7), baseline)
        checkEq(14, shifts.size, "every recorded night, out of bed before to bed")
        val tuesdayBed = shifts.first { it.date == monday.plusDays(8) && (it.observed as Observed.SleepShift).anchor == SleepAnchor.BEDTIME }
        checkEq(75, (tuesdayBed.observed as Observed.SleepShift).minutes.toInt(), "00:45 against 23:30, the short way round")
        val week = diary.scoreWeek(monday.plusDays(7), null)
        val srm = observedFromSrmWeek(week) as Observed.SrmWeek
        checkEq(monday.plusDays(7), srm.weekStart); checkEq(week.score, srm.score)
        // A record edited by hand disagrees with its json: refused, never read from either side.
        expectThrows<IpsrtException.InvalidInput> { observedFromSrmWeek(week.copy(score = 1.0)) }
        // A week with nothing counted is not scorable, never a score of 0.
        val empty = SrmDiary(SrmFormKind.SRM5).scoreWeek(monday, null)
        expectThrows<IpsrtException.NotScorable> { observedFromSrmWeek(empty) }
        // A baseline without habitual times cannot measure a shift.
        expectThrows<IpsrtException.InvalidInput> { diary.sleepShiftObservations(monday, empty) }
    }

    t.test("observations: missed doses from the medication log, per medication and day") {
        val log = MedicationLog(listOf(
            ScheduledDose("li-am", "lithium", hm(8, 0), null),
            ScheduledDose("li-pm", "lithium", hm(21, 0), null),
        ))
        log.record("li-am", monday.plusDays(1), DoseOutcome.Missed)
        log.record("li-pm", monday.plusDays(1), DoseOutcome.Missed)
        log.record("li-pm", monday.plusDays(3), DoseOutcome.Missed)
        log.record("li-am", monday.plusDays(3), DoseOutcome.Taken(null))
        val obs = log.missedMedicationObservations(monday, monday.plusDays(6))
        checkEq(listOf(monday.plusDays(1), monday.plusDays(3)), obs.map { it.date })
        val first = obs[0].observed as Observed.MissedMedication
        checkEq(2, first.doses.toInt()); checkEq("lithium", first.medication)
        expectThrows<IpsrtException.InvalidInput> { log.missedMedicationObservations(monday, monday.minusDays(1)) }
    }

    t.test("observations: ObservationLog adds all or none, names the index, saves and loads") {
        val log = ObservationLog()
        log.add(monday, Observed.CheckIn)
        val e = expectThrows<IpsrtException.InvalidInput> {
            log.addAll(listOf(Observation(monday, Observed.CheckIn), Observation(monday, Observed.WarningSign(" "))))
        }
        check(e.message!!.startsWith("observation 1: ")) { e.message!! }
        checkEq(1L, log.count(), "unchanged after the refused list")
        val back = ObservationLog.fromJson(log.toJson())
        checkEq(log.observations(), back.observations())
    }

    t.test("observations: observeAll is all or none and names the rejected index") {
        val plan = RelapsePlan(monday, Region.NL)
        val m = AlertMachine()
        val e = expectThrows<IpsrtException> {
            m.observeAll(plan, listOf(Observation(monday, Observed.CheckIn), Observation(monday, Observed.WarningSign("no-such-sign"))))
        }
        check(e.message!!.contains("1")) { e.message!! }
        checkEq(null, m.lastObserved(), "the machine is unchanged")
        checkEq(1, m.observeAll(plan, listOf(Observation(monday, Observed.CheckIn))).size)
    }

    t.test("observations: missed occurrences of a task in a row raise Watch (typed, Int count)") {
        val plan = RelapsePlan(monday, Region.NL)
        val m = AlertMachine()
        checkEq(AlertLevel.GREEN, m.observe(plan, monday, Observed.MissedOccurrences("srm", 2), null).level)
        val a = m.observe(plan, monday.plusDays(1), Observed.MissedOccurrences("srm", 3), null)
        checkEq(AlertLevel.WATCH, a.level)
        check(a.findings.any { it.rule == AlertRule.MISSED_OCCURRENCES }) { a.findings.toString() }
        // An empty task id and a negative count are refused; the machine is unchanged.
        expectThrows<IpsrtException.InvalidInput> { m.observe(plan, monday.plusDays(2), Observed.MissedOccurrences(" ", 3), null) }
        expectThrows<IpsrtException> { m.observe(plan, monday.plusDays(2), Observed.MissedOccurrences("srm", -1), null) }
        checkEq(monday.plusDays(1), m.lastObserved())
    }

    // The shared alert vectors, fed as a stored observation log through ObservationLog.feed.
    val doc = Json.parse(vectorFile("relapse/alert_levels.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors relapse/alert_levels.json via ObservationLog.feed: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val m = AlertMachine()
            val r = runCatching {
                val plan = RelapsePlan.fromPlanJson(Json.write(input["plan"]))
                val envelope = mapOf("schema" to "ipsrt.observation_log", "version" to 2.0,
                    "data" to mapOf("observations" to input["observations"]))
                ObservationLog.fromJson(Json.write(envelope)).feed(m, plan)
            }
            val expErr = expected["error"]
            if (expErr != null) {
                val kind = (expErr as? Map<String, Any?>)?.get("kind") ?: expErr
                val err = r.exceptionOrNull() ?: throw AssertionError("expected $kind")
                checkEq(kind, kindOf(err), "error kind (${err.message})")
                checkEq(null, m.lastObserved(), "machine unchanged")
                return@test
            }
            val got = r.getOrThrow()
            (expected["levels"] as List<Any?>?)?.let { checkEq(it, got.map { a -> a.level.name.lowercase() }, "levels") }
            (expected["late"] as List<Any?>?)?.let { checkEq(it, got.map { a -> a.late }, "late") }
            (expected["history"] as List<Map<String, Any?>>?)?.let { hist ->
                val h = m.history()
                checkEq(hist.size, h.size, "history length")
                for ((want, g) in hist.zip(h)) {
                    checkEq(want["date"], g.date.toString()); checkEq(want["to"], g.to.name.lowercase())
                    checkEq((want["rules"] as List<Any?>).toSet(), g.reasons.map { it.rule.name.lowercase() }.toSet(), "rules")
                }
            }
        }
    }
}
