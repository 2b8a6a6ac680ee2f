// Shared vector families beyond the first ones: measures (every instrument, change), relapse
// recurrence risk, course replay and suggestions, the IPSRT life chart, IPS bands and caseload
// size. Each case goes through the typed API; where the vector states a core JSON form, the
// binding's JSON is compared with it structurally (the same subset rule as the Rust tests).
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
private fun vectorCases(file: String): List<Map<String, Any?>> =
    (Json.parse(vectorFile(file).readText()) as Map<String, Any?>)["cases"] as List<Map<String, Any?>>

/** The Rust tests' subset rule: objects recursively as subsets, arrays of the same length
 *  element by element, everything else equal. */
@Suppress("UNCHECKED_CAST")
fun checkSubset(expected: Any?, actual: Any?, path: String = "$") {
    when (expected) {
        is Map<*, *> -> {
            check(actual is Map<*, *>) { "$path: expected an object, got ${Json.write(actual)}" }
            for ((k, v) in expected) {
                check((actual as Map<String, Any?>).containsKey(k as String) || v == null) { "$path.$k missing in ${Json.write(actual)}" }
                checkSubset(v, actual[k], "$path.$k")
            }
        }
        is List<*> -> {
            check(actual is List<*> && actual.size == expected.size) { "$path: expected ${Json.write(expected)}, got ${Json.write(actual)}" }
            expected.forEachIndexed { i, x -> checkSubset(x, (actual as List<Any?>)[i], "$path[$i]") }
        }
        else -> check(jsonEquals(expected, actual)) { "$path: expected ${Json.write(expected)}, got ${Json.write(actual)}" }
    }
}

/** Runs [body]; if the case expects an error kind, checks it was thrown and returns null. */
private fun <T> expectOutcome(expected: Map<String, Any?>, body: () -> T): T? {
    val r = runCatching(body)
    val err = (expected["error"] as? String) ?: ((expected["error"] as? Map<String, Any?>)?.get("kind") as String?)
    if (err != null) {
        val e = r.exceptionOrNull() ?: throw AssertionError("expected error $err, got ${r.getOrNull()}")
        checkEq(err, kindOf(e), "error kind (${e.message})")
        check(!e.message.isNullOrBlank()) { "the error has a message" }
        return null
    }
    return r.getOrThrow()
}

private fun instrumentOf(id: String): InstrumentId = InstrumentId.valueOf(id.uppercase())

@Suppress("UNCHECKED_CAST")
private fun policyOf(p: Map<String, Any?>?): MissingPolicy? = when (p?.get("kind")) {
    null -> null
    "strict" -> MissingPolicy.Strict
    "treat_as_zero" -> MissingPolicy.TreatAsZero
    "prorate_up_to" -> MissingPolicy.ProrateUpTo((p["max_missing"] as Double).toInt())
    else -> throw AssertionError("unknown policy $p")
}

private fun safetyLevelName(l: SafetyLevel): String = when (l) {
    SafetyLevel.NOTICE -> "notice"
    SafetyLevel.SAFETY_CHECK -> "safety_check"
    SafetyLevel.CRISIS -> "crisis"
}

private fun statusName(s: TotalStatus): String = when (s) {
    is TotalStatus.Complete -> "complete"
    is TotalStatus.Prorated -> "prorated"
    is TotalStatus.MissingAsZero -> "missing_as_zero"
    is TotalStatus.Incomplete -> "incomplete"
}

@Suppress("UNCHECKED_CAST")
private fun answersOf(m: Any?): List<ItemAnswer> =
    (m as Map<String, Any?>).map { (k, v) -> ItemAnswer(k, (v as Double).toInt()) }

@Suppress("UNCHECKED_CAST")
fun vectorFamiliesTests(t: Tests) {
    // --- measures: every instrument, every policy, every band scheme ----------------------------
    for (file in listOf("phq9", "hrsd17", "asrm", "ymrs", "daily_mood", "gad7", "epds", "phq9m", "wsas", "cssrs_screener")) {
        for (case in vectorCases("measures/$file.json")) {
            t.test("vectors measures/$file.json: ${case["name"]}") {
                val input = case["input"] as Map<String, Any?>
                val expected = case["expected"] as Map<String, Any?>
                val inst = instrumentOf(input["instrument"] as String)
                val policy = policyOf((input["options"] as Map<String, Any?>?)?.get("policy") as Map<String, Any?>?)
                val s = expectOutcome(expected) { scoreMeasureItems(inst, answersOf(input["answers"]), policy, null) } ?: return@test
                checkEq((expected["total"] as Double?)?.toInt(), s.total, "total")
                checkEq(expected["status"], statusName(s.status), "status")
                checkEq((expected["n_answered"] as Double).toInt(), s.nAnswered.toInt(), "n_answered")
                checkEq((expected["missing"] as Double).toInt(), s.missing.size, "missing")
                // The typed record and its JSON say the same thing.
                val json = Json.parse(s.json) as Map<String, Any?>
                checkEq(s.total?.toDouble(), json["total"] as Double?, "json total")
                val bands = expected["bands"] as Map<String, Any?>
                checkEq(instrumentDefinition(inst).bandSchemes.map { it.id }.toSet(), bands.keys, "every band scheme is checked")
                for ((scheme, want) in bands) {
                    val b = scoreMeasureItems(inst, answersOf(input["answers"]), policy, scheme)
                    checkEq(want, b.band?.id, "band in $scheme")
                    b.band?.let { checkEq(scheme, it.scheme); check(it.source.key.isNotEmpty()) }
                }
                // Safety signals: item, raw answer, threshold and level, each with a source.
                val wantSafety = (expected["safety"] as List<Map<String, Any?>>).map {
                    listOf(it["rule"], it["item"], (it["answer"] as Double).toInt(), (it["at_least"] as Double).toInt(), it["level"])
                }
                val gotSafety = s.safety.map { listOf(it.rule, it.item, it.answer, it.atLeast, safetyLevelName(it.level)) }
                checkEq(wantSafety, gotSafety, "safety")
                check(s.safety.all { it.source.key.isNotEmpty() }) { "cited safety" }
                checkEq(expected["safety_unanswered"], s.safetyUnanswered, "safety_unanswered")
                for ((flag, want) in (expected["flags"] as Map<String, Any?>?) ?: emptyMap()) {
                    val f = s.flags.firstOrNull { it.id == flag } ?: throw AssertionError("no flag $flag")
                    checkEq(want, f.state.name.lowercase(), "flag $flag")
                }
            }
        }
    }
    for (case in vectorCases("measures/change.json")) {
        t.test("vectors measures/change.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val inst = instrumentOf(input["instrument"] as String)
            val c = expectOutcome(expected) {
                compareMeasures(scoreMeasureItems(inst, answersOf(input["baseline"]), null, null),
                    scoreMeasureItems(inst, answersOf(input["follow_up"]), null, null))
            } ?: return@test
            checkEq((expected["difference"] as Double).toInt(), c.difference, "difference")
            checkEq(expected["response"], c.response?.met, "response")
            checkEq(expected["remission"], c.remission?.met, "remission")
            checkEq(expected["improvement"], c.improvement?.met, "improvement")
            checkEq(expected["worsening"], c.worsening?.met, "worsening")
            listOfNotNull(c.response, c.remission, c.improvement, c.worsening).forEach { check(it.source.key.isNotEmpty() && it.rule.isNotBlank()) }
            checkSubset(mapOf("difference" to expected["difference"]), Json.parse(c.json))
        }
    }

    // --- relapse: recurrence risk figures with their sources ------------------------------------
    for (case in vectorCases("relapse/recurrence_risk.json")) {
        t.test("vectors relapse/recurrence_risk.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val basis = RiskBasis.valueOf((input["basis"] as String).uppercase())
            val r = expectOutcome(expected) { recurrenceRisk(basis, (input["prior_episodes"] as Double).toLong()) } ?: return@test
            checkEq((expected["percent"] as Double).toInt(), r.percent.toInt(), "percent")
            checkEq(expected["source_key"], r.source.key, "source key")
            check(referenceFor(r.source.key).citation.isNotBlank())
            val h = expected["horizon"] as Map<String, Any?>
            when (h["type"]) {
                "unstated" -> checkEq(RiskHorizon.Unstated, r.horizon)
                "years" -> checkEq(RiskHorizon.Years((h["years"] as Double).toInt()), r.horizon)
                else -> throw AssertionError("unknown horizon $h")
            }
            check(recurrenceRisks((input["prior_episodes"] as Double).toLong()).contains(r)) { "recurrenceRisks lists it" }
        }
    }

    // --- course: replayed logs and life-event suggestions -----------------------------------------
    for (case in vectorCases("course/replay.json")) {
        t.test("vectors course/replay.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val events = (input["events"] as List<Any?>).map { Json.write(it) }
            if (expected["error"] != null) {
                // The first rejected event: everything before it applies, it fails with the kind.
                val index = (expected["index"] as Double).toInt()
                Course.replay(events.subList(0, index))
                expectOutcome(expected) { Course.replay(events.subList(0, index + 1)) }
                val c = Course.replay(events.subList(0, index))
                val before = c.toJson()
                expectOutcome(expected) { c.applyJson(events[index]) }
                checkEq(before, c.toJson(), "course after the rejected event")
                return@test
            }
            val c = Course.replay(events)
            val want = expected.filterKeys { it != "ending" }
            checkSubset(want, Json.parse(c.statusJson()))
            val s = c.status()
            checkEq(expected["phase"], s.phase.name.lowercase(), "typed phase")
            (expected["attended"] as Double?)?.let { checkEq(it.toLong(), s.attended, "typed attended") }
            if (expected.containsKey("ending")) checkEq(expected["ending"], when (s.ending) {
                null -> null
                is CourseEnding.Completed -> "completed"
                is CourseEnding.NonResponse -> "non_response"
                is CourseEnding.EndedEarly -> "ended_early"
                is CourseEnding.Referred -> "referred"
            }, "ending")
            checkEq(c.toJson(), Course.fromJson(c.toJson()).toJson())
        }
    }
    for (case in vectorCases("course/suggestions.json")) {
        t.test("vectors course/suggestions.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val events = (input["events"] as List<Map<String, Any?>>).map { e ->
                LifeEvent(LifeEventKind.valueOf((e["kind"] as String).uppercase()), LocalDate.parse(e["date"] as String),
                    e["person"] as String?, (e["contested"] as Boolean?) ?: false, (e["chronic"] as Boolean?) ?: false, e["note"] as String?)
            }
            val s = suggestProblemAreas(events, (input["onset"] as String?)?.let(LocalDate::parse), Taxonomy.valueOf((input["taxonomy"] as String).uppercase()))
            val json = Json.parse(s.json) as Map<String, Any?>
            checkSubset(expected["candidates"], json["candidates"], "$.candidates")
            expected["rhythm_disruptors"]?.let { checkSubset(it, json["rhythm_disruptors"], "$.rhythm_disruptors") }
            // The typed records carry the same candidates.
            val want = expected["candidates"] as List<Map<String, Any?>>
            checkEq(want.size, s.candidates.size, "candidates")
            for ((w, g) in want.zip(s.candidates)) {
                checkEq(w["area"], g.area.name.lowercase(), "area")
                w["rank"]?.let { checkEq(it, g.rank.name.lowercase(), "rank") }
                w["event_index"]?.let { checkEq((it as Double).toLong(), g.eventIndex, "event index") }
                (w["timing"] as Map<String, Any?>?)?.let { tm ->
                    val days = (tm["days"] as Double?)?.toLong()
                    val typed = when (tm["relation"]) {
                        "proximal_before_onset" -> EventTiming.ProximalBeforeOnset(days!!)
                        "distant_before_onset" -> EventTiming.DistantBeforeOnset(days!!)
                        "after_onset" -> EventTiming.AfterOnset(days!!)
                        else -> EventTiming.OnsetUnknown
                    }
                    checkEq(typed, g.timing, "timing")
                }
                check(g.explanation.isNotBlank() && g.source.key.isNotEmpty())
            }
            (expected["rhythm_disruptors"] as List<Map<String, Any?>>?)?.let { rd ->
                checkEq(rd.map { it["kind"] }, s.rhythmDisruptors.map { it.kind.name.lowercase() }, "rhythm disruptors")
            }
        }
    }

    // --- IPSRT life chart ------------------------------------------------------------------------
    for (case in vectorCases("ipsrt/life_chart.json")) {
        t.test("vectors ipsrt/life_chart.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val chart = LifeChart()
            val r = expectOutcome(expected) {
                for (e in input["episodes"] as List<Map<String, Any?>>) {
                    chart.addEpisode(MoodEpisode(EpisodePolarity.valueOf((e["polarity"] as String).uppercase()), LocalDate.parse(e["start"] as String),
                        (e["end"] as String?)?.let(LocalDate::parse), (e["hospitalised"] as Boolean?) ?: false, (e["note"] as String?) ?: ""))
                }
                for (e in input["events"] as List<Any?>) chart.addEventJson(Json.write(e))
                chart
            }
            if (r == null) {
                // The rejected episode was not added.
                check(chart.episodes().size < (input["episodes"] as List<Any?>).size) { "episodes after the rejection: ${chart.episodes()}" }
                return@test
            }
            val look = (input["lookback_days"] as Double).toLong()
            checkEq(expected["counts"], chart.counts().associate { it.polarity.name.lowercase() to it.count.toDouble() }, "counts")
            checkEq(expected["antecedent_counts"], chart.withAntecedents(look).map { it.precededBy.size.toDouble() }, "antecedent counts")
            checkEq(expected["pathway_counts"], chart.pathwayCounts(look).associate { it.pathway.name.lowercase() to it.count.toDouble() }, "pathway counts")
            checkEq(expected["precipitant_counts"], chart.precipitantCounts(look).associate { it.kind.name.lowercase() to it.count.toDouble() }, "precipitant counts")
            checkEq(expected["well_intervals_days"], chart.wellIntervalsDays().map { it.toDouble() }, "well intervals")
            checkEq(chart.toJson(), LifeChart.fromJson(chart.toJson()).toJson())
        }
    }

    // --- IPS bands and caseload size --------------------------------------------------------------
    for (case in vectorCases("ips/fidelity_bands.json")) {
        t.test("vectors ips/fidelity_bands.json: ${case["name"]}") {
            val expected = case["expected"] as Map<String, Any?>
            val b = expectOutcome(expected) { ipsFidelityBand(((case["input"] as Map<String, Any?>)["total"] as Double).toInt()) } ?: return@test
            checkEq(expected["band"], b.name.lowercase())
        }
    }
    for (case in vectorCases("ips/employment_rate_bands.json")) {
        t.test("vectors ips/employment_rate_bands.json: ${case["name"]}") {
            val expected = case["expected"] as Map<String, Any?>
            val b = expectOutcome(expected) { ipsEmploymentRateBand((case["input"] as Map<String, Any?>)["rate"] as Double) } ?: return@test
            checkEq(expected["band"], b.name.lowercase())
        }
    }
    for (case in vectorCases("ips/caseload_size.json")) {
        t.test("vectors ips/caseload_size.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val r = expectOutcome(expected) { ipsCaseloadSizeRating((input["clients"] as Double).toLong(), input["specialists_fte"] as Double) } ?: return@test
            checkEq((expected["rating"] as Double).toInt(), r.toInt())
        }
    }
}
