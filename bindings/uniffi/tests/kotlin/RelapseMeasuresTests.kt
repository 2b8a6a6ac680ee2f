package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
fun relapseMeasuresTests(t: Tests) {
    t.test("scenario: a PHQ-9 with item 9 answered raises the crisis level, with its source") {
        // 1. Score the questionnaire: raw total and the item-9 flag, no interpretation.
        val s = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 2, 1, 0, 1, 0, 0, 2), null, "")
        checkEq(8, s.total, "total")
        checkEq(TotalStatus.Complete, s.status)
        val item9 = s.flags.first { it.id == "item9_positive" }
        checkEq(FlagState.RAISED, item9.state, "item9_positive")
        check(item9.source.key.isNotEmpty())
        checkEq("mild", s.band?.id, "band in the default scheme")
        check(s.json.contains("\"instrument\":\"phq9\"")) { s.json }
        // 2. The relapse machine turns the observation into a level.
        val plan = RelapsePlan(LocalDate.of(2026, 1, 1))
        val m = AlertMachine()
        checkEq(AlertLevel.GREEN, m.level())
        val a = m.observe(plan, LocalDate.of(2026, 3, 1), Observed.Phq9(s.total!!.toUByte(), 2u), null)
        checkEq(AlertLevel.CRISIS, a.level)
        val tr = a.transition ?: throw AssertionError("no transition")
        checkEq(AlertLevel.GREEN, tr.from); checkEq(AlertLevel.CRISIS, tr.to); checkEq("escalation", tr.direction)
        checkEq(listOf("phq9_item9"), tr.reasons.map { it.rule })
        check(tr.reasons.all { it.source.key.isNotEmpty() })
        check(alertDisclaimer().isNotBlank())
        // Snapshot round trip keeps the level.
        checkEq(AlertLevel.CRISIS, AlertMachine.fromJson(m.toJson()).level())
        // An observation out of date order is refused and changes nothing.
        val before = m.toJson()
        val e = runCatching { m.observe(plan, LocalDate.of(2026, 2, 1), Observed.CheckIn, null) }.exceptionOrNull()
        check(e is IpsrtException) { "expected an IpsrtException, got $e" }
        checkEq(before, m.toJson(), "machine after a rejected observation")
    }
    t.test("measures: missing-data policies and invalid answers") {
        val strict = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 2, 1, 0, 1, 0, 0, null), MissingPolicy.Strict, null)
        checkEq(null, strict.total); checkEq(TotalStatus.Incomplete(1u), strict.status)
        checkEq(FlagState.INDETERMINATE, strict.flags.first { it.id == "item9_positive" }.state)
        val prorated = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 2, 1, 0, 1, 0, 0, null), MissingPolicy.ProrateUpTo(1u), null)
        check(prorated.total != null && prorated.status is TotalStatus.Prorated) { "$prorated" }
        expectThrows<IpsrtException.InvalidInput> { scoreMeasure(InstrumentId.PHQ9, listOf(4, 0, 0, 0, 0, 0, 0, 0, 0), null, null) }
        check(instrumentDefinitionJson(InstrumentId.HRSD17).contains("hrsd17"))
    }

    val doc = Json.parse(vectorFile("relapse/alert_levels.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors relapse/alert_levels.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val plan = RelapsePlan.fromPlanJson(Json.write(input["plan"]))
            val m = AlertMachine()
            val levels = mutableListOf<String>()
            var error: Throwable? = null
            var errorIndex = -1
            for ((i, o) in (input["observations"] as List<Any?>).withIndex()) {
                try {
                    levels += m.observeJson(plan, Json.write(o)).level.name.lowercase()
                } catch (e: IpsrtException) { error = e; errorIndex = i; break }
            }
            (expected["levels"] as List<Any?>?)?.let { checkEq(it, levels, "levels") }
            val expErr = expected["error"]
            if (expErr != null) {
                val kind = (expErr as? Map<String, Any?>)?.get("kind") ?: expErr
                checkEq(kind, error?.let { kindOf(it) }, "error kind (${error?.message})")
                ((expErr as? Map<String, Any?>)?.get("index") as Double?)?.let { checkEq(it.toInt(), errorIndex, "rejected index") }
            } else if (error != null) throw AssertionError("unexpected error: $error")
            (expected["history"] as List<Map<String, Any?>>?)?.let { hist ->
                val got = m.history()
                checkEq(hist.size, got.size, "history length")
                for ((h, g) in hist.zip(got)) {
                    checkEq(h["date"], g.date.toString()); checkEq(h["from"], g.from.name.lowercase())
                    checkEq(h["to"], g.to.name.lowercase()); checkEq(h["direction"], g.direction)
                    checkEq((h["rules"] as List<Any?>).toSet(), g.reasons.map { it.rule }.toSet(), "rules (a set, as in the Rust test)")
                }
            }
        }
    }
}
