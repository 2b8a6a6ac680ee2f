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
        val plan = RelapsePlan(LocalDate.of(2026, 1, 1), Region.NL)
        val m = AlertMachine()
        checkEq(AlertLevel.GREEN, m.level())
        val a = m.observe(plan, LocalDate.of(2026, 3, 1), Observed.Phq9(s.total!!, 2), null)
        checkEq(AlertLevel.CRISIS, a.level)
        val tr = a.transition ?: throw AssertionError("no transition")
        checkEq(AlertLevel.GREEN, tr.from); checkEq(AlertLevel.CRISIS, tr.to); checkEq(AlertDirection.ESCALATION, tr.direction)
        checkEq(listOf(AlertRule.PHQ9_ITEM9), tr.reasons.map { it.rule })
        check(tr.reasons.all { it.source.key.isNotEmpty() })
        check(alertDisclaimer().isNotBlank())
        check(plan.disclaimer().contains("113")) { plan.disclaimer() }
        // Snapshot round trip keeps the level.
        checkEq(AlertLevel.CRISIS, AlertMachine.fromJson(m.toJson()).level())
        // An observation out of date order is accepted and marked late; an invalid one is
        // refused and changes nothing.
        val late = m.observe(plan, LocalDate.of(2026, 2, 1), Observed.CheckIn, null)
        check(late.late) { "$late" }
        checkEq(AlertLevel.CRISIS, late.level)
        val before = m.toJson()
        val e = runCatching { m.observe(plan, LocalDate.of(2026, 2, 1), Observed.Hrsd(20, 5), null) }.exceptionOrNull()
        check(e is IpsrtException) { "expected an IpsrtException, got $e" }
        checkEq(before, m.toJson(), "machine after a rejected observation")
    }
    t.test("scenario: a late item-9 answer raises a retrospective Crisis; HRSD item 3; crisis lines") {
        val plan = RelapsePlan(LocalDate.of(2026, 1, 1), Region.GB)
        val m = AlertMachine()
        m.observe(plan, LocalDate.of(2026, 3, 9), Observed.SrmWeek(LocalDate.of(2026, 3, 2), 4.5), null)
        val a = m.observeReceived(plan, LocalDate.of(2026, 3, 5), Observed.Phq9(6, 2), null, null)
        check(a.late && a.retrospective) { "$a" }
        checkEq(AlertLevel.CRISIS, a.level)
        checkEq("2026-03-05", m.history()[0].date.toString())
        check(m.decisions().any { it.retrospective && it.observed == ObservationKind.PHQ9 }) { "${m.decisions()}" }
        check(a.transition!!.json.contains("116 123")) { a.transition!!.json }
        val ack = m.observe(plan, LocalDate.of(2026, 3, 10), Observed.Acknowledged("Dr. A", "called; safety plan reviewed"), null)
        checkEq(AlertLevel.GREEN, ack.level)
        val h = m.observe(plan, LocalDate.of(2026, 3, 11), Observed.Hrsd(6, 3), null)
        checkEq(AlertLevel.CRISIS, h.level)
        checkEq(AlertRule.HRSD_ITEM3, h.transition!!.reasons[0].rule)
        val uk = crisisLines(Region.GB)
        check(uk.any { it.number == "999" && it.role == ContactRole.EMERGENCY && it.source.key.isNotEmpty() }) { "$uk" }
        // A plan without a region or own crisis contacts is refused.
        val noRegion = RelapsePlan.fromPlanJson("{\"effective_from\":\"2026-01-01\"}")
        expectThrows<IpsrtException.InvalidInput> { AlertMachine().observe(noRegion, LocalDate.of(2026, 3, 1), Observed.CheckIn, null) }
    }
    t.test("measures: missing-data policies and invalid answers") {
        val strict = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 2, 1, 0, 1, 0, 0, null), MissingPolicy.Strict, null)
        checkEq(null, strict.total); checkEq(TotalStatus.Incomplete(1), strict.status)
        checkEq(FlagState.INDETERMINATE, strict.flags.first { it.id == "item9_positive" }.state)
        val prorated = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 2, 1, 0, 1, 0, 0, null), MissingPolicy.ProrateUpTo(1), null)
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
            val late = mutableListOf<Boolean>()
            var error: Throwable? = null
            var errorIndex = -1
            for ((i, o) in (input["observations"] as List<Any?>).withIndex()) {
                try {
                    val a = m.observeJson(plan, Json.write(o))
                    levels += a.level.name.lowercase()
                    late += a.late
                } catch (e: IpsrtException) { error = e; errorIndex = i; break }
            }
            (expected["levels"] as List<Any?>?)?.let { checkEq(it, levels, "levels") }
            (expected["late"] as List<Any?>?)?.let { checkEq(it, late, "late") }
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
                    checkEq(h["to"], g.to.name.lowercase()); checkEq(h["direction"], g.direction.name.lowercase())
                    checkEq((h["rules"] as List<Any?>).toSet(), g.reasons.map { it.rule.name.lowercase() }.toSet(), "rules (a set, as in the Rust test)")
                }
            }
        }
    }

    t.test("scenario: EPDS item 10, a teen PHQ-9 suicide question and a C-SSRS result raise Crisis; GAD-7 does not convert") {
        val plan = RelapsePlan(LocalDate.of(2026, 1, 1), Region.NL)
        val epds = scoreMeasure(InstrumentId.EPDS, listOf(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), null, null)
        val teen = scoreMeasureItems(
            InstrumentId.PHQ9M,
            (1..9).map { ItemAnswer("phq9m_$it", 0) } + ItemAnswer("phq9m_serious_thoughts", 1),
            null, null,
        )
        val cssrs = scoreMeasure(InstrumentId.CSSRS_SCREENER, listOf(3), null, null)
        val cases = listOf(
            Triple(epds, Observed.Epds(1, 1) as Observed, "epds_item10"),
            Triple(teen, Observed.Phq9m(0, 0, true, null), "phq9m_suicide"),
            Triple(cssrs, Observed.CssrsScreener(3), "cssrs_risk"),
        )
        for ((score, want, rule) in cases) {
            val observed = observedFromScore(score)
            checkEq(want, observed, "observation of ${score.instrument}")
            val m = AlertMachine()
            m.observe(plan, LocalDate.of(2026, 3, 9), Observed.CheckIn, null)
            val a = m.observe(plan, LocalDate.of(2026, 3, 5), observed, null)
            checkEq(AlertLevel.CRISIS, a.level, "level after ${score.instrument}")
            check(a.late && a.retrospective) { "$a" }
            checkEq(listOf(rule), m.history().first().reasons.map { it.rule.name.lowercase() })
        }
        // Moderate C-SSRS risk: a same-day safety check.
        val m = AlertMachine()
        checkEq(AlertLevel.BREAKING_DOWN, m.observe(plan, LocalDate.of(2026, 3, 5), Observed.CssrsScreener(2), null).level)
        val gad = scoreMeasure(InstrumentId.GAD7, listOf(1, 1, 1, 1, 1, 1, 1), null, null)
        val e = expectThrows<IpsrtException.InvalidInput> { observedFromScore(gad) }
        check(e.message!!.contains("no alert rule") && e.message!!.contains("cssrs_screener")) { e.message!! }
    }

    val late = Json.parse(vectorFile("relapse/late_arrival.json").readText()) as Map<String, Any?>
    for (case in late["cases"] as List<Map<String, Any?>>) {
        t.test("vectors relapse/late_arrival.json: ${case["name"]}") {
            val plan = RelapsePlan.fromPlanJson(Json.write(case["plan"]))
            val observations = case["observations"] as List<Any?>
            for (order in case["orders"] as List<Map<String, Any?>>) {
                val arrival = (order["arrival"] as List<Any?>).map { (it as Double).toInt() }
                val m = AlertMachine()
                val got = arrival.map { m.observeJson(plan, Json.write(observations[it])) }
                checkEq(order["levels"], got.map { it.level.name.lowercase() }, "levels $arrival")
                checkEq(order["late"], got.map { it.late }, "late $arrival")
                checkEq(order["retrospective"], got.map { it.retrospective }, "retrospective $arrival")
                checkEq(case["history_level"], m.historyLevel().name.lowercase(), "history level $arrival")
                val hist = case["history"] as List<Map<String, Any?>>
                val h = m.history()
                checkEq(hist.size, h.size, "history length $arrival")
                for ((want, g) in hist.zip(h)) {
                    checkEq(want["date"], g.date.toString()); checkEq(want["from"], g.from.name.lowercase())
                    checkEq(want["to"], g.to.name.lowercase()); checkEq(want["direction"], g.direction.name.lowercase())
                    checkEq((want["rules"] as List<Any?>).toSet(), g.reasons.map { it.rule.name.lowercase() }.toSet(), "rules $arrival")
                }
            }
        }
    }
}
