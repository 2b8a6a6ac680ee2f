package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.Instant
import java.time.ZoneId

@Suppress("UNCHECKED_CAST")
private fun cases(file: String): List<Map<String, Any?>> =
    (Json.parse(vectorFile(file).readText()) as Map<String, Any?>)["cases"] as List<Map<String, Any?>>

private fun anchorOf(s: Any?): Anchor = Anchor.valueOf((s as String).uppercase())

@Suppress("UNCHECKED_CAST")
fun rhythmTests(t: Tests) {
    t.test("rhythm plan: local settings typed, each recorded under who decided it") {
        val plan = RhythmPlan.startWithSettings(RhythmPlanSettings(stepMinutes = 20L, decidedBy = "clinic protocol 2026"), LocalDate.parse("2026-03-02"))
        val doc = Json.parse(plan.toJson()) as Map<String, Any?>
        val settings = (doc["data"] as Map<String, Any?>)["settings"] as Map<String, Any?>
        val step = settings["step_minutes"] as Map<String, Any?>
        checkEq(20.0, step["value"])
        check(plan.toJson().contains("clinic protocol 2026")) { "source recorded" }
        expectThrows<IpsrtException.InvalidInput> {
            RhythmPlan.startWithSettings(RhythmPlanSettings(holdDays = -1L, decidedBy = "clinic"), LocalDate.parse("2026-03-02"))
        }
        expectThrows<IpsrtException.IllegalTransition> { plan.apply(RhythmPlanEvent.MaintenanceStarted(LocalDate.parse("2026-03-03"))) }
        checkEq(PlanStage.BASELINE, plan.stage())
    }

    for (case in cases("ipsrt/due_times.json")) {
        t.test("vectors ipsrt/due_times.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val anchors = (input["anchors"] as List<List<Any?>>).map { AnchorTime(anchorOf(it[0]), parseClockTime(it[1] as String)) }
            val nowMap = input["now"] as Map<String, Any?>
            val now = ZonedDateTime(LocalDateTime.parse(nowMap["local"] as String), ZoneId.of(nowMap["zone"] as String))
            val got = when (input["kind"]) {
                "next_due" -> nextDue(anchors, now)
                "overdue" -> overdue(anchors, now, LocalDate.parse(input["since"] as String), (input["grace_minutes"] as Double).toLong(),
                    (input["recorded"] as List<List<Any?>>).map { RecordedAnchor(LocalDate.parse(it[0] as String), anchorOf(it[1])) })
                else -> throw AssertionError("unknown kind")
            }
            val want = expected["due"] as List<Map<String, Any?>>
            checkEq(want.size, got.size, "number of due times")
            for ((w, g) in want.zip(got)) {
                checkEq(anchorOf(w["anchor"]), g.anchor)
                checkEq(LocalDate.parse(w["diary_date"] as String), g.diaryDate, "diary date")
                checkEq(LocalDateTime.parse(w["local"] as String), g.due.local, "local")
                checkEq(Instant.parse(w["instant"] as String), g.instant, "instant")
                checkEq(w["adjustment"], g.adjustment?.name?.lowercase(), "adjustment")
            }
        }
    }
    for (case in cases("ipsrt/rhythm_plan.json")) {
        t.test("vectors ipsrt/rhythm_plan.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val plan = RhythmPlan.start(LocalDate.parse(input["baseline_start"] as String))
            val r = runCatching { for (e in input["events"] as List<Any?>) plan.applyJson(Json.write(e)) }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            r.getOrThrow()
            checkEq(expected["stage"], plan.stage().name.lowercase(), "stage")
            val targets = plan.targets()
            val want = expected["targets"] as List<Map<String, Any?>>
            checkEq(want.map { it["anchor"] }.toSet(), targets.map { it.anchor.name.lowercase() }.toSet(), "anchors")
            for (w in want) {
                val g = targets.first { it.anchor == anchorOf(w["anchor"]) }
                checkEq(w["current"], g.current.toString(), "${w["anchor"]} current"); checkEq(w["target"], g.target.toString(), "${w["anchor"]} target")
            }
            checkEq(plan.toJson(), RhythmPlan.fromJson(plan.toJson()).toJson())
            // The same events through the typed RhythmPlan.apply give the same plan.
            val typed = RhythmPlan.start(LocalDate.parse(input["baseline_start"] as String))
            for (e in input["events"] as List<Any?>) typed.apply(rhythmEvent(e as Map<String, Any?>))
            checkEq(plan.toJson(), typed.toJson(), "typed events")
        }
    }
    for (case in cases("ipsrt/medication.json")) {
        t.test("vectors ipsrt/medication.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            (input["classify"] as List<Map<String, Any?>>?)?.let { list ->
                val got = list.map { c -> when (classifyDose(parseClockTime(c["planned"] as String), parseClockTime(c["taken_at"] as String), (c["late_after_minutes"] as Double).toInt())) {
                    is DoseOutcome.Taken -> "taken"; is DoseOutcome.Late -> "late"; DoseOutcome.Missed -> "missed" } }
                checkEq(expected["statuses"], got, "statuses")
                return@test
            }
            val schedule = (input["schedule"] as List<Map<String, Any?>>).map {
                ScheduledDose(it["id"] as String, it["medication"] as String, parseClockTime(it["time"] as String), (it["anchor"] as String?)?.let(::anchorOf))
            }
            val r = runCatching {
                val log = MedicationLog(schedule)
                for (rec in input["records"] as List<Any?>) log.recordJson(Json.write(rec))
                log
            }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            val log = r.getOrThrow()
            val a = log.adherence(LocalDate.parse(input["from"] as String), LocalDate.parse(input["to"] as String))
            checkEq((expected["scheduled"] as Double).toLong(), a.scheduled); checkEq((expected["taken"] as Double).toLong(), a.taken)
            checkEq((expected["late"] as Double).toLong(), a.late); checkEq((expected["missed"] as Double).toLong(), a.missed)
            checkEq((expected["unrecorded"] as Double).toLong(), a.unrecorded)
            check(Math.abs((expected["adherence"] as Double) - a.adherence!!) < 1e-9) { "adherence ${a.adherence}" }
            check(Math.abs((expected["on_time"] as Double) - a.onTime!!) < 1e-9) { "on_time ${a.onTime}" }
            val sig = expected["signal"] as Map<String, Any?>
            val s = log.nonAdherenceSignal(LocalDate.parse(input["to"] as String), (input["signal_window_days"] as Double).toLong())
            checkEq((sig["missed"] as Double).toLong(), s.missed); checkEq((sig["late"] as Double).toLong(), s.late)
            checkEq((sig["longest_missed_run"] as Double).toLong(), s.longestMissedRun); checkEq(sig["flagged"], s.flagged)
            checkEq(log.toJson(), MedicationLog.fromJson(log.toJson()).toJson())
        }
    }
}
