// FHIR R4 import and export (the shared fixtures in test-vectors/measures/fhir) and the SRM
// regularity metrics (test-vectors/srm/regularity.json).
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
fun fhirRegularityTests(t: Tests) {
    fun fixture(name: String) = vectorFile("measures/fhir/$name").readText()

    t.test("vectors measures/fhir/phq9_lhc_style.json: answers by LOINC code, the stored total ignored") {
        val imported = measureFromFhirJson(InstrumentId.PHQ9, fixture("phq9_lhc_style.json"))
        checkEq(listOf("/44261-6"), imported.ignored)
        val score = scoreMeasureItems(InstrumentId.PHQ9, imported.answers, null, null)
        checkEq(9, score.total)
        checkEq(score.copy(json = ""), scoreFhirJson(InstrumentId.PHQ9, fixture("phq9_lhc_style.json")).copy(json = ""))
    }

    t.test("vectors measures/fhir/phq9_sdc_style_missing_item6.json: a missing item, no total unless asked") {
        val imported = measureFromFhirJson(InstrumentId.PHQ9, fixture("phq9_sdc_style_missing_item6.json"))
        check(imported.ignored.isEmpty()) { "${imported.ignored}" }
        checkEq(8, imported.answers.size)
        checkEq(null, scoreFhirJson(InstrumentId.PHQ9, fixture("phq9_sdc_style_missing_item6.json")).total)
        val zero = scoreFhirJson(InstrumentId.PHQ9, fixture("phq9_sdc_style_missing_item6.json"), MissingPolicy.TreatAsZero)
        checkEq(9, zero.total, "the missing item counted as zero, on request")
    }

    t.test("vectors measures/fhir/phq9_unknown_answer_code.json and garbage: Parse errors") {
        expectThrows<IpsrtException.Parse> { measureFromFhirJson(InstrumentId.PHQ9, fixture("phq9_unknown_answer_code.json")) }
        expectThrows<IpsrtException.Parse> { measureFromFhirJson(InstrumentId.PHQ9, "{") }
        expectThrows<IpsrtException.Parse> { scoreFhirJson(InstrumentId.PHQ9, "{\"resourceType\":\"Patient\",\"status\":\"x\"}") }
    }

    t.test("fhir: export a score as a Bundle and read its QuestionnaireResponse back") {
        val score = scoreMeasure(InstrumentId.PHQ9, listOf(1, 2, 0, 1, 3, 0, 1, 0, 1, 2))
        val bundle = Json.parse(measureToFhirJson(score, "x", "Patient/p1", "2026-05-01T09:30:00+02:00")) as Map<String, Any?>
        checkEq("Bundle", bundle["resourceType"])
        val entries = bundle["entry"] as List<Map<String, Any?>>
        checkEq(3, entries.size, "response, total and the item-9 safety signal")
        val total = entries[1]["resource"] as Map<String, Any?>
        checkEq("QuestionnaireResponse/x-qr", ((total["derivedFrom"] as List<Map<String, Any?>>)[0])["reference"])
        val back = measureFromFhirJson(InstrumentId.PHQ9, Json.write(entries[0]["resource"]))
        checkEq(score.answers, back.answers)
        check(measureToFhirJson(score).contains("\"ipsrt-qr\"")) { "default id prefix" }
    }

    val doc = Json.parse(vectorFile("srm/regularity.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors srm/regularity.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val perDay = (input["epochs_per_day"] as Double).toInt()
            val awake = (input["awake"] as List<Double?>)
            val tol = expected["tolerance"] as Double
            val isv = srmInterdailyStability(awake, perDay)!!
            check(Math.abs(isv - (expected["interdaily_stability"] as Double)) <= tol) { "IS $isv" }
            val iv = srmIntradailyVariability(awake)!!
            check(Math.abs(iv - (expected["intradaily_variability"] as Double)) <= tol) { "IV $iv" }
            val sri = srmSleepRegularityIndex(awake.map { it?.let { v -> v == 0.0 } }, perDay)!!
            check(Math.abs(sri.value - (expected["sri"] as Double)) <= (expected["sri_tolerance"] as Double)) { "SRI ${sri.value}" }
        }
    }

    t.test("regularity: a diary's time in bed, labelled as such; bad arguments refused") {
        val monday = LocalDate.of(2026, 3, 2)
        val diary = SrmDiary(SrmFormKind.SRM5)
        for (d in 0L until 14L) {
            diary.add(monday.plusDays(d), SrmItem.OUT_OF_BED, SrmStatus.Done(clockTimeFromHm(7, 0)), null, null)
            diary.add(monday.plusDays(d), SrmItem.TO_BED, SrmStatus.Done(clockTimeFromHm(23, 0)), null, null)
        }
        val r = diary.timeInBedRegularity(monday, 2)!!
        checkEq("time_in_bed", r.measures); checkEq(14L, r.days); checkEq(monday, r.start)
        checkEq(100.0, r.sri!!.value, "the same bed and rise times every day")
        checkEq(14 * 24, diary.hourlyInBed(monday, 2).size)
        expectThrows<IpsrtException.InvalidInput> { diary.timeInBedRegularity(monday, 0) }
        expectThrows<IpsrtException.InvalidInput> { srmSleepRegularityIndex(listOf(true), -1) }
        checkEq(null, srmIntradailyVariability(listOf(1.0, null, 0.0)), "an unknown value: no IV, never a guess")
    }
}
