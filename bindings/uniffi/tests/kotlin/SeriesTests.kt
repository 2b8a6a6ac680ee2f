// Score series from Kotlin: the shared vectors (test-vectors/series/series.json), the
// persisted object, and the published reliable change figures. Every rule runs in the core.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate
import kotlin.math.abs

@Suppress("UNCHECKED_CAST")
private fun seriesOf(case: Map<String, Any?>): SeriesReport {
    val instrument = when (case["instrument"] as String) {
        "phq9" -> InstrumentId.PHQ9
        "gad7" -> InstrumentId.GAD7
        "hrsd17" -> InstrumentId.HRSD17
        else -> throw AssertionError("instrument ${case["instrument"]} not mapped in this test")
    }
    val points = (case["points"] as List<Map<String, Any?>>).map {
        SeriesPoint(LocalDate.parse(it["date"] as String), (it["total"] as Double).toInt())
    }
    val baseline = (case["baseline"] as String?)?.let { LocalDate.parse(it) }
    val figures = (case["reliable_change"] as Map<String, Any?>?)?.let { rc ->
        fun src(m: Map<String, Any?>): SourceRef {
            val s = m["source"] as Map<String, Any?>
            val ev = when (s["evidence"] as String) {
                "design" -> Evidence.DESIGN
                "manual_recalled" -> Evidence.MANUAL_RECALLED
                "verified" -> Evidence.VERIFIED
                else -> Evidence.CHECKED
            }
            return SourceRef(s["key"] as String, s["locator"] as String, ev)
        }
        val sd = rc["sd"] as Map<String, Any?>
        val r = rc["reliability"] as Map<String, Any?>
        ReliableChangeFigures(
            sd["value"] as Double, src(sd), r["value"] as Double, src(r),
            if (rc["kind"] == "test_retest") ReliabilityKind.TEST_RETEST else ReliabilityKind.INTERNAL_CONSISTENCY,
        )
    }
    return ScoreSeries(instrument, points, baseline).evaluate(null, figures)
}

private fun closeTo(expected: Any?, actual: Double?, what: String) {
    if (expected == null) { checkEq(null, actual, what); return }
    check(actual != null && abs(actual - (expected as Double)) < 1e-3) { "$what: expected $expected, got $actual" }
}

private fun snake(name: String): String = name.lowercase()

@Suppress("UNCHECKED_CAST")
fun seriesTests(t: Tests) {
    val doc = Json.parse(vectorFile("series/series.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors series/${case["name"]}") {
            val report = seriesOf(case)
            val expect = case["expect"] as Map<String, Any?>
            val base = expect["baseline"] as Map<String, Any?>
            checkEq(LocalDate.parse(base["date"] as String), report.baseline.date, "baseline date")
            checkEq((base["total"] as Double).toInt(), report.baseline.total, "baseline total")
            closeTo(expect["s_diff"], report.sDiff, "s_diff")
            val want = expect["points"] as List<Map<String, Any?>>
            checkEq(want.size, report.points.size, "points")
            for ((got, w) in report.points.zip(want)) {
                val at = "${case["name"]} ${w["date"]}"
                checkEq(LocalDate.parse(w["date"] as String), got.date, "$at date")
                checkEq((w["total"] as Double).toInt(), got.total, "$at total")
                checkEq(w["is_baseline"] as Boolean, got.isBaseline, "$at is_baseline")
                checkEq(w["band"] as String?, got.bandId, "$at band")
                checkEq((w["change"] as Double).toInt(), got.change, "$at change")
                closeTo(w["percent_change"], got.percentChange, "$at percent_change")
                checkEq(w["response"], snake(got.response.name), "$at response")
                checkEq(w["remission"], snake(got.remission.name), "$at remission")
                closeTo(w["rci"], got.rci, "$at rci")
                checkEq(w["reliable_change"], snake(got.reliableChange.name), "$at reliable_change")
                checkEq(w["clinical_significance"], snake(got.clinicalSignificance.name), "$at clinical_significance")
            }
        }
    }
    for (case in doc["errors"] as List<Map<String, Any?>>) {
        t.test("vectors series error ${case["name"]}") {
            val e = expectThrows<IpsrtException.InvalidInput> { seriesOf(case) }
            for (p in case["contains"] as List<String>) check(e.message!!.contains(p)) { "${e.message} lacks $p" }
        }
    }
    t.test("series: persisted object round trip, sorted points, published figures") {
        val s = ScoreSeries(InstrumentId.PHQ9, listOf(SeriesPoint(LocalDate.of(2026, 3, 15), 14), SeriesPoint(LocalDate.of(2026, 3, 1), 18)), null)
        checkEq(LocalDate.of(2026, 3, 1), s.baseline())
        checkEq(listOf(18, 14), s.points().map { it.total })
        checkEq(InstrumentId.PHQ9, s.instrument())
        checkJsonEq(s.toJson(), ScoreSeries.fromJson(s.toJson()).toJson())
        val fixture = vectorFile("persist/ipsrt.score_series.v1.json").readText()
        checkEq(4, ScoreSeries.fromJson(fixture).points().size)
        val figures = publishedReliableChange(InstrumentId.PHQ9) ?: throw AssertionError("no PHQ-9 figures")
        checkEq("KSW-2001", figures.sdSource.key)
        checkEq(null, publishedReliableChange(InstrumentId.GAD7))
    }
}
