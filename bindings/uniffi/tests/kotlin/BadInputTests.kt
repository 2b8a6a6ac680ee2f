// The bad-input catalogue (test-vectors/bad-input/catalogue.json) through the Kotlin API: every
// row whose entry point the mobile binding exposes must fail with the row's exception class and
// a message containing the row's phrases (the core's message, word for word), and must not
// change the object it was sent to.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
fun badInputTests(t: Tests) {
    val doc = Json.parse(vectorFile("bad-input/catalogue.json").readText()) as Map<String, Any?>
    var run = 0
    val ranNames = mutableListOf<String>()
    val listedNames = mutableListOf<String>()
    val skipped = sortedSetOf<String>()
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        val input = case["input"]
        val expected = case["expected"] as Map<String, Any?>
        if ("kotlin" in (case["covered_by"] as List<Any?>)) listedNames += case["name"] as String
        val call: (() -> Unit)? = when (case["call"]) {
            "clock_time" -> { -> parseClockTime(input as String) }
            "clock_minutes" -> { -> clockTimeFromMinutes((input as Double).toLong()) }
            "date" -> { -> parseLocalDate(input as String) }
            "zone" -> { -> parseZonedDateTime("2026-01-01T00:00", input as String) }
            "zoned_datetime" -> { -> (input as Map<String, Any?>).let { parseZonedDateTime(it["local"] as String, it["zone"] as String) } }
            "zoned_to_utc" -> { -> (input as Map<String, Any?>).let { zonedToInstant(parseZonedDateTime(it["local"] as String, it["zone"] as String)) } }
            "load_any" -> { -> normalizeSnapshot(input as String) }
            "instrument_id" -> null  // InstrumentId is a closed enum in Kotlin: an unknown id cannot be written
            "measure_values" -> { ->
                val m = input as Map<String, Any?>
                val policy = (m["policy"] as Map<String, Any?>?)?.let { p ->
                    when (p["kind"]) {
                        "strict" -> MissingPolicy.Strict
                        "treat_as_zero" -> MissingPolicy.TreatAsZero
                        else -> MissingPolicy.ProrateUpTo((p["max_missing"] as Double).toInt().toUByte())
                    }
                }
                scoreMeasure(InstrumentId.valueOf((m["instrument"] as String).uppercase()),
                    (m["values"] as List<Any?>).map { (it as Double?)?.toInt() }, policy, null)
            }
            "measure_answers" -> { ->
                val m = input as Map<String, Any?>
                scoreMeasureItems(InstrumentId.valueOf((m["instrument"] as String).uppercase()),
                    (m["answers"] as Map<String, Any?>).map { (k, v) -> ItemAnswer(k, (v as Double).toInt()) }, null, null)
            }
            "recurrence_risk" -> { -> recurrenceRisk(RiskBasis.LITERATURE, (input as Double).toUInt()) }
            "course_replay" -> { -> Course.replay((input as List<Any?>).map { Json.write(it) }) }
            "relapse_observe" -> { ->
                val plan = RelapsePlan(LocalDate.of(2026, 1, 1))
                val m = AlertMachine()
                val obs = (input as List<Any?>).map { Json.write(it) }
                for ((i, o) in obs.withIndex()) {
                    if (i < obs.size - 1) m.observeJson(plan, o)
                    else {
                        val before = m.toJson()
                        try { m.observeJson(plan, o) } finally { checkEq(before, m.toJson(), "machine after the rejected observation") }
                    }
                }
            }
            "srm_mood" -> { ->
                val d = SrmDiary(SrmFormKind.SRM5)
                try { d.setMood(LocalDate.of(2026, 1, 5), (input as Double).toLong()) } finally { checkEq(0uL, d.entryCount()) }
            }
            else -> null
        }
        if (call == null) { skipped += case["call"] as String; continue }
        run++
        ranNames += case["name"] as String
        t.test("vectors bad-input/catalogue.json: ${case["name"]}") {
            val err = expected["error"] as String? ?: throw AssertionError("a bad-input row without an error: $expected")
            val e = runCatching(call).exceptionOrNull() ?: throw AssertionError("expected $err, nothing was thrown")
            checkEq(err, kindOf(e), "error kind (${e.message})")
            for (phrase in (expected["says"] as List<String>?) ?: emptyList()) {
                check(e.message!!.contains(phrase)) { "the message lacks \"$phrase\": ${e.message}" }
            }
        }
    }
    t.test("bad-input catalogue: the rows Kotlin runs are exactly those listing kotlin in covered_by") {
        checkEq(listedNames, ranNames, "rows (regenerate with scripts/dev/gen_bad_input.py after changing KOTLIN_CALLS)")
    }
    println("      bad-input catalogue: $run rows run from Kotlin; entry points not exposed to apps: ${skipped.joinToString()}")
}
