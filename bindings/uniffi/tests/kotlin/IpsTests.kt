package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
private fun ipsCases(file: String): List<Map<String, Any?>> =
    (Json.parse(vectorFile(file).readText()) as Map<String, Any?>)["cases"] as List<Map<String, Any?>>

/** Every key of [expected] must be present in [actual] with an equal value (recursively for objects). */
@Suppress("UNCHECKED_CAST")
fun checkJsonSubset(expected: Any?, actual: Any?, path: String = "$") {
    if (expected is Map<*, *>) {
        check(actual is Map<*, *>) { "$path: expected an object, got ${Json.write(actual)}" }
        for ((k, v) in expected) checkJsonSubset(v, (actual as Map<String, Any?>)[k], "$path.$k")
    } else check(jsonEquals(expected, actual)) { "$path: expected ${Json.write(expected)}, got ${Json.write(actual)}" }
}

@Suppress("UNCHECKED_CAST")
fun ipsTests(t: Tests) {
    for (case in ipsCases("ips/fidelity.json")) {
        t.test("vectors ips/fidelity.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val r = runCatching { ipsFidelityScoreJson(Json.write(input["ratings"])) }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            val s = r.getOrThrow()
            checkEq((expected["total"] as Double).toUInt(), s.total); checkEq((expected["staffing"] as Double).toUInt(), s.staffing)
            checkEq((expected["organisation"] as Double).toUInt(), s.organisation); checkEq((expected["services"] as Double).toUInt(), s.services)
            checkEq(expected["band"], s.band.name.lowercase())
        }
    }
    for (case in ipsCases("ips/journey.json")) {
        t.test("vectors ips/journey.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val r = runCatching {
                val j = EmploymentJourney.enrol(input["participant"] as String, LocalDate.parse(input["enrolled_on"] as String))
                for (e in input["events"] as List<Any?>) j.applyJson(Json.write(e))
                j
            }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            val j = r.getOrThrow()
            checkEq(expected["state"], j.state().name.lowercase(), "state")
            if (expected.containsKey("days_to_first_employer_contact"))
                checkEq((expected["days_to_first_employer_contact"] as Double?)?.toLong(), j.daysToFirstEmployerContact())
            if (expected.containsKey("days_to_first_job"))
                checkEq((expected["days_to_first_job"] as Double?)?.toLong(), j.daysToFirstJob())
            checkEq(j.toJson(), EmploymentJourney.fromJson(j.toJson()).toJson())
        }
    }
    for (case in ipsCases("ips/kpis.json")) {
        t.test("vectors ips/kpis.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val r = runCatching {
                ipsCaseloadKpisJson(Json.write(input["caseload"]), LocalDate.parse(input["from"] as String), LocalDate.parse(input["to"] as String))
            }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            checkJsonSubset(expected, Json.parse(r.getOrThrow()))
        }
    }
}
