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
            checkEq((expected["total"] as Double).toInt(), s.total); checkEq((expected["staffing"] as Double).toInt(), s.staffing)
            checkEq((expected["organisation"] as Double).toInt(), s.organisation); checkEq((expected["services"] as Double).toInt(), s.services)
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
    t.test("ips typed journey: non-competitive job, disclosure, benefits, preferences, education, exit, re-entry") {
        val d0 = LocalDate.parse("2026-01-05")
        val j = EmploymentJourney.enrol("p1", d0)
        j.apply(IpsJourneyEvent.PreferencesRecorded(d0, IpsJobPreferences(kindsOfWork = listOf("retail"), hoursPerWeek = 20.0)))
        j.apply(IpsJourneyEvent.BenefitsCounselling(d0.plusDays(1), "earnings and the benefit"))
        j.apply(IpsJourneyEvent.EducationGoal(d0.plusDays(1), "forklift licence", IpsEducationStatus.PLANNED))
        j.apply(IpsJourneyEvent.JobSearchStarted(d0.plusDays(2)))
        j.apply(IpsJourneyEvent.DisclosureDecided(d0.plusDays(3), "Workshop", IpsDisclosure.DISCLOSED))
        checkEq(JourneyState.EMPLOYED, j.apply(IpsJourneyEvent.JobStarted(d0.plusDays(4), IpsJob("Workshop", 24.0, competitive = false))))
        checkEq(1, j.jobs().size); checkEq(false, j.jobs()[0].job.competitive)
        checkEq(null, j.daysToFirstJob())
        checkEq(IpsDisclosure.DISCLOSED, j.disclosures()[0].decision)
        checkEq("earnings and the benefit", j.benefitsSessions()[0].topic)
        checkEq(20.0, j.preferences()?.preferences?.hoursPerWeek)
        checkEq(IpsEducationStatus.PLANNED, j.educationGoals()[0].status)
        val k = ipsCaseloadKpis(listOf(j), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"))
        checkEq(0L, k.employed); checkEq(0.0, k.competitiveEmploymentRate)
        checkEq(1L, k.nonCompetitiveEmployed); checkEq(1L, k.nonCompetitiveJobStarts)
        checkEq(1.0, ipsCaseloadKpis(listOf(j), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"), specialistsFte = 1.0).caseloadPerSpecialist)
        j.apply(IpsJourneyEvent.Exited(LocalDate.parse("2026-04-01"), IpsExitReason.MOVED_AWAY))
        checkEq(IpsExitReason.MOVED_AWAY, j.exitReason())
        val before = j.toJson()
        val exited = expectThrows<IpsrtException.IllegalTransition> { j.apply(IpsJourneyEvent.EmployerContact(LocalDate.parse("2026-04-02"))) }
        // The refusal names the Kotlin event case, not the JSON type `re_entered`.
        check(exited.message!!.contains("record IpsJourneyEvent.ReEntered before")) { "message was: ${exited.message}" }
        checkEq(before, j.toJson())
        // The workshop job held at exit is still open: re-entry returns to Employed.
        checkEq(JourneyState.EMPLOYED, j.apply(IpsJourneyEvent.ReEntered(LocalDate.parse("2026-04-03"))))
        expectThrows<IpsrtException.InvalidInput> { j.apply(IpsJourneyEvent.BenefitsCounselling(LocalDate.parse("2026-04-04"), " ")) }
        checkEq(2, j.episodes().size)
        check(before != j.toJson())
    }
    t.test("ips signed integers are range-checked") {
        expectThrows<IpsrtException.InvalidInput> { ipsFidelityScore(List(25) { if (it == 3) -1 else 3 }) }
        expectThrows<IpsrtException.InvalidInput> { ipsFidelityScore(List(24) { 3 }) }
        checkEq(75, ipsFidelityScore(List(25) { 3 }).total)
        expectThrows<IpsrtException.InvalidInput> { ipsFidelityBand(-1) }
        checkEq(FidelityBand.GOOD, ipsFidelityBand(100))
        expectThrows<IpsrtException.InvalidInput> { ipsCaseloadSizeRating(-1L, 1.0) }
        checkEq(5, ipsCaseloadSizeRating(20L, 1.0))
    }
}
