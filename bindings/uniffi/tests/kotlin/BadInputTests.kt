// The bad-input catalogue (test-vectors/bad-input/catalogue.json, docs/bad-input.md) through the
// Kotlin API. Each row's `call` is dispatched to the Kotlin entry point that reaches the same core
// entry point as crates/ipsrt/tests/vectors_bad_input.rs (the reference for what a call means).
// A row must fail with the exception class of its error kind, with a message containing every
// `says` phrase and an actionable phrase (the catalogue's `actionable` list, shared with Rust and Python),
// and nothing else may escape: no IpsrtException.Internal (a caught panic), no other Throwable.
// A rejected step on an object must leave it unchanged (its JSON before and after). Rows marked
// `accepted` must succeed. Rows whose input cannot be written through the Kotlin API are listed in
// NOT_IN_KOTLIN with the reason; the catalogue's covered_by must say "kotlin" for exactly the rest.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.LocalDate
import java.io.File

/** Catalogue rows Kotlin cannot express, with the reason (the same rows as the generator's
 *  `not_in: {"kotlin": ...}` in scripts/dev/gen_bad_input.py). */
val NOT_IN_KOTLIN: Map<String, String> = buildMap {
    val enumItem = "SrmItem is a closed enum in Kotlin: an unknown item id or number cannot be written (the CSV rows reach the same parser)"
    put("unknown SRM item", enumItem)
    put("SRM item number 18", enumItem)
    for (n in listOf("measure answer 1.5 read as a number", "measure answer 1e10 read as a number"))
        put(n, "Kotlin answers are Int (Answers.set(item, Int)): a fractional or float answer cannot be written")
    put("unknown instrument", "InstrumentId is a closed enum in Kotlin: an unknown instrument id cannot be written")
    put("JSON of another type", "Kotlin's scoring options are the typed SrmScoringOptions record, which has no loader of its own, and normalizeSnapshot loads a document as the schema it names: loading a diary as scoring options cannot be asked (the typed fromJson loaders reject other types)")
    put("care migration of two diaries", "the binding takes one diary (a keyword argument, a record field), so a second diary cannot be passed")
    put("week day 7", "Kotlin has no Week object: SrmDiary.add takes a LocalDate, so a day index outside 0..6 cannot be written")
    val batch = "the columnar batch scorer (srm::batch, caller-allocated buffers) is not in the mobile API: apps score diaries with SrmDiary.scoreWeek(s)"
    for (n in listOf("batch minute infinity", "batch minute minus infinity", "batch minute negative minutes",
                     "batch minute minute 1440", "batch minute huge minutes", "batch minute fractional minute",
                     "batch minute -2 (integers)", "batch array of the wrong length", "batch output of the wrong length")) put(n, batch)
    val measureFile = "reading a file is the `ipsrt` command's job; an app builds a ScoreSeries from SeriesPoint values and scores answers with scoreMeasure"
    for (n in listOf("series CSV with an unknown column", "series CSV with two scores on one day", "series CSV with two instruments",
                     "answers CSV with a gap in the item columns", "answers CSV answer 1.5",
                     "answers CSV answer beyond the instrument's items")) put(n, measureFile)
    val file = "reading a file (encoding, delimiter, record limits) is the `ipsrt` command's job; an app receives rows already split into fields (srmReadLongFormat)"
    for (n in listOf("CSV file in Latin-1",
                     "CSV file in Latin-1 read with --encoding latin1",
                     "CSV file in UTF-16 with a byte-order mark",
                     "CSV file in UTF-16 without a byte-order mark",
                     "empty CSV file",
                     "CSV file with only a header",
                     "CSV file separated by semicolons (Dutch Excel)",
                     "CSV semicolons read with --delimiter comma",
                     "CSV row with more fields than the header",
                     "CSV record over 1 MiB (a 2 MB time)",
                     "CSV field over 64 KiB",
                     "CSV header with 2 000 000 columns",
                     "CSV rows sorted by date",
                     "CSV rows sorted by date read with --order any",
                     "CSV conflicting duplicates with --duplicates last",
                     "CSV day-first dates",
                     "CSV day-first dates with --date-format dmy")) put(n, file)
}

private val day0: LocalDate = LocalDate.of(2026, 1, 5)

/** The phrases that say what to do: the catalogue's top-level `actionable` list, the one list
 *  that the Rust and Python runners read too. */
@Suppress("UNCHECKED_CAST")
private fun actionablePhrases(doc: Map<String, Any?>): List<String> =
    (doc["actionable"] as? List<String>) ?: throw AssertionError("catalogue.json has no actionable list")

/** A catalogue phrase with each `{op:NAME}` written as Kotlin names the operation (`operationNames()`). */
private fun operationsNamed(phrase: String): String =
    Regex("""\{op:([a-z_]+)\}""").replace(phrase) { m ->
        operationNames()[m.groupValues[1]] ?: throw AssertionError("{op:${m.groupValues[1]}} is not in operationNames()")
    }

private fun str(v: Any?): String = v as? String ?: throw AssertionError("expected a string, got $v")
private fun int(v: Any?): Int = (v as? Double)?.toInt() ?: throw AssertionError("expected a number, got $v")

/** Runs `step` on an object; if it throws, the object's JSON must be what it was before. */
private fun <T> unchangedOnError(what: String, json: () -> String, step: () -> T): T {
    val before = json()
    try { return step() } catch (e: Throwable) { checkEq(before, json(), "$what after the rejected step"); throw e }
}

/** The document a `load` row describes (the same construction as the Rust test). */
@Suppress("UNCHECKED_CAST")
private fun loadText(input: Map<String, Any?>): String {
    val schema = str(input["schema"])
    val fixture = { vectorFile("persist/$schema.v1.json").readText() }
    return when {
        "text" in input -> str(input["text"])
        "json" in input -> Json.write(input["json"])
        "fixture" in input -> fixture()
        "fixture_prefix" in input -> fixture().take(int(input["fixture_prefix"]))
        "fixture_replace" in input -> {
            val (from, to) = (input["fixture_replace"] as List<String>)
            val f = fixture()
            check(f.contains(from)) { "$schema fixture has no $from" }
            f.replaceFirst(from, to)
        }
        "nested_depth" in input -> int(input["nested_depth"]).let { n ->
            "{\"schema\":\"$schema\",\"version\":1,\"data\":" + "[".repeat(n) + "]".repeat(n) + "}"
        }
        "size_bytes" in input -> {
            val n = int(input["size_bytes"])
            val head = "{\"schema\":\"$schema\",\"version\":1,\"data\":{},\"pad\":\""
            val t = head + " ".repeat(maxOf(0, n - head.length - 2)) + "\"}"
            check(t.length > 64 * 1024 * 1024) { "the document must exceed the 64 MiB limit" }
            t
        }
        else -> throw AssertionError("load: unknown input $input")
    }
}

/** `load`: the typed loader of the row's schema where the row is about it; ipsrt.srm_scoring_options
 *  has no Kotlin type (options cross as bare JSON), so its snapshots, like those of the other
 *  schemas, go through normalizeSnapshot, which loads a document with the core's registered
 *  loader of its schema. */
private fun load(input: Map<String, Any?>) {
    val text = loadText(input)
    when (val schema = str(input["schema"])) {
        "ipsrt.srm_diary" -> SrmDiary.fromJson(text)
        "ipsrt.course" -> Course.fromJson(text)
        "ipsrt.srm_scoring_options" -> normalizeSnapshot(text)
        "ipsrt.schedule" -> scheduleFromJson(text)
        "ipsrt.zone_history" -> zoneHistoryFromJson(text)
        "ipsrt.schedule_records" -> scheduleRecordsFromJson(text)
        "ipsrt.relapse_plan" -> RelapsePlan.fromJson(text)
        "ipsrt.alert_machine" -> AlertMachine.fromJson(text)
        "ipsrt.observation_log" -> normalizeSnapshot(text)
        // Scores, definitions and episode logs: the core's registered loader of the schema.
        "ipsrt.measure_score", "ipsrt.instrument", "ipsrt.episode_course" -> normalizeSnapshot(text)
        // The other persisted types (groups, IPS, IPSRT plans and logs): normalizeSnapshot loads
        // them with the core's registered loader, with the same validation as their fromJson.
        else -> normalizeSnapshot(text)
    }
}

/** `schedule_evaluate`: the frozen schedule and zone-history fixtures, the row's completions,
 *  range and now. */
@Suppress("UNCHECKED_CAST")
private fun scheduleEvaluateRow(input: Map<String, Any?>) {
    val tasks = scheduleFromJson(vectorFile("persist/ipsrt.schedule.v1.json").readText())
    val zones = zoneHistoryFromJson(vectorFile("persist/ipsrt.zone_history.v1.json").readText())
    val completions = (input["completions"] as List<Map<String, Any?>>? ?: emptyList()).map { c ->
        val o = c["occurrence"] as Map<String, Any?>
        val at = c["at"] as Map<String, Any?>
        Completion(OccurrenceId(str(o["task"]), LocalDate.parse(str(o["date"])), parseClockTime(str(o["slot"]))),
            ZonedDateTime(java.time.LocalDateTime.parse(str(at["local"])), java.time.ZoneId.of(str(at["zone"]))))
    }
    scheduleEvaluate(tasks, zones, ScheduleRecords(emptyList(), completions, emptyList()),
        LocalDate.parse(str(input["from"])), LocalDate.parse(str(input["to"])), java.time.Instant.parse(str(input["now"])))
}

private fun hex(text: String): ByteArray = ByteArray(text.length / 2) { text.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

private fun entryJson(item: String, status: String, people: Int? = null): String =
    "{\"date\":\"$day0\",\"item\":\"$item\",\"status\":${Json.write(status)}" + (people?.let { ",\"people\":$it" } ?: "") + "}"

/** `group_rules`: a format's default rules (typed) with the values of `set`, each written into the
 *  typed rule of that name. */
@Suppress("UNCHECKED_CAST")
private fun groupRulesRow(input: Map<String, Any?>): GroupRules {
    val type = GroupType.values().first { it.name.lowercase() == input["group_type"] }
    var r = groupDefaultRules(type)
    val src = SourceRef("local", "catalogue row", Evidence.DESIGN)
    fun count(v: Any?) = CitedCount((v as Double).toLong(), src)
    fun range(v: Any?) = (v as List<Double>).let { CitedRange(it[0].toLong(), it[1].toLong(), src) }
    for ((field, v) in input["set"] as Map<String, Any?>) {
        r = when (field) {
            "min_members" -> r.copy(minMembers = count(v))
            "max_members" -> r.copy(maxMembers = count(v))
            "typical" -> r.copy(typical = range(v))
            "session_minutes" -> r.copy(sessionMinutes = count(v))
            "planned_sessions" -> r.copy(plannedSessions = count(v))
            "membership_months" -> r.copy(membershipMonths = range(v))
            "midway_after_session" -> r.copy(midwayAfterSession = count(v))
            else -> throw AssertionError("group_rules: no typed rule $field")
        }
    }
    return r
}

/** `srm_form`: the core's form (serde form) as the typed SrmForm. */
@Suppress("UNCHECKED_CAST")
private fun srmFormRow(f: Map<String, Any?>): SrmForm = when (f["type"]) {
    "srm_17" -> SrmForm.Srm17(f["activity_a"] as String?, f["activity_b"] as String?)
    "srm_5" -> SrmForm.Srm5
    "srm_ii_5" -> ((f["targets"] as Map<String, Any?>?) ?: emptyMap()).let { t ->
        fun at(k: String) = (t[k] as String?)?.let(::parseClockTime)
        SrmForm.SrmIi5(SrmTargets(at("out_of_bed"), at("first_contact"), at("start_work"), at("dinner"), at("to_bed")))
    }
    else -> throw AssertionError("srm_form: unknown form ${f["type"]}")
}

/** One catalogue row as a Kotlin call; null = the call has no Kotlin entry point (then the row
 *  must be in NOT_IN_KOTLIN). */
@Suppress("UNCHECKED_CAST")
private fun kotlinCall(call: String, input: Any?): (() -> Unit)? = when (call) {
    "clock_time" -> { -> parseClockTime(str(input)) }
    "clock_minutes" -> { -> clockTimeFromMinutes((input as Double).toLong()) }
    "clock_hm" -> { -> (input as List<Any?>).let { clockTimeFromHm(int(it[0]), int(it[1])) } }
    "clock_time_value" -> { -> (input as List<Any?>).let { clockTimeMinutes(LocalTime.of(int(it[0]), int(it[1]), int(it[2]))) } }
    "date" -> { -> parseLocalDate(str(input)) }
    "zone" -> { -> parseZonedDateTime("2026-01-01T00:00", str(input)) }
    "locale" -> { -> parseLocale(str(input)) }
    "zoned_datetime" -> { -> (input as Map<String, Any?>).let { parseZonedDateTime(str(it["local"]), str(it["zone"])) } }
    "zoned_to_utc" -> { -> (input as Map<String, Any?>).let { zonedToInstant(parseZonedDateTime(str(it["local"]), str(it["zone"]))) } }
    "load" -> { -> load(input as Map<String, Any?>) }
    "group_rules" -> { -> Group.withRules(groupRulesRow(input as Map<String, Any?>)) }
    "srm_scoring_options" -> { -> SrmDiary(SrmFormKind.SRM5).scoreWeek(day0, srmOptions(input as Map<String, Any?>)) }
    "srm_form" -> { -> SrmDiary.withForm(srmFormRow(input as Map<String, Any?>)) }
    "schedule_evaluate" -> { -> scheduleEvaluateRow(input as Map<String, Any?>) }
    "occurrence_id" -> { -> parseOccurrenceId(str(input)) }
    "load_any" -> { -> normalizeSnapshot(str(input)) }
    "load_bytes" -> { -> checkSnapshotBytes(hex(str((input as Map<String, Any?>)["hex"]))) }
    "srm_status" -> { ->
        // Status text reaches the core's Status parser through the entry JSON.
        val d = SrmDiary(SrmFormKind.SRM5)
        unchangedOnError("diary", d::toJson) { d.addJson(entryJson("out_of_bed", str(input))) }
    }
    "srm_mood" -> { ->
        val d = SrmDiary(SrmFormKind.SRM5)
        unchangedOnError("diary", d::toJson) { d.setMood(day0, (input as Double).toLong()) }
    }
    "srm_people" -> { ->
        val d = SrmDiary(SrmFormKind.SRM5)
        unchangedOnError("diary", d::toJson) { d.addJson(entryJson("dinner", "18:00", int(input))) }
    }
    "srm_week_set" -> { ->
        // The day is a date in Kotlin (a day index cannot be written; see NOT_IN_KOTLIN); an item
        // not on the form is rejected by SrmDiary.add, as Week::set rejects it.
        val m = input as Map<String, Any?>
        val d = SrmDiary(SrmFormKind.SRM5)
        d.add(day0, SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(23, 0)), null)
        val item = SrmItem.valueOf(str(m["item"]).uppercase())
        unchangedOnError("diary", d::toJson) {
            d.add(day0.plusDays(int(m["day"]).toLong()), item, SrmStatus.Done(parseClockTime(str(m["status"]))), null)
        }
    }
    "srm_score_week" -> { ->
        val d = SrmDiary(SrmFormKind.SRM5)
        for (c in (input as Map<String, Any?>)["cells"] as List<List<Any?>>) {
            d.add(day0.plusDays(int(c[1]).toLong()), SrmItem.valueOf(str(c[0]).uppercase()), SrmStatus.Done(parseClockTime(str(c[2]))), null)
        }
        val w = d.scoreWeek(day0, null)
        checkEq(null, w.score, "score of a week that is not scorable (absent, never 0)")
    }
    "srm_long_format" -> { ->
        val m = input as Map<String, Any?>
        srmReadLongFormat(SrmFormKind.SRM5, str(m["header"]).split(","),
            (m["rows"] as List<Any?>).map { str(it).split(",") })
    }
    "srm_diary_duplicate" -> { ->
        val m = input as Map<String, Any?>
        val d = SrmDiary(SrmFormKind.SRM5)
        d.add(day0, SrmItem.OUT_OF_BED, SrmStatus.Done(parseClockTime(str(m["first"]))), null)
        d.add(day0, SrmItem.OUT_OF_BED, SrmStatus.Done(parseClockTime(str(m["second"]))), null)
        checkEq(2L, d.entryCount(), "entries (the duplicate is kept for audit)")
        // Two more days at the first time make the item count: its habitual time is the first
        // entry's, so the first done entry of the day won.
        for (k in 1L..2L) d.add(day0.plusDays(k), SrmItem.OUT_OF_BED, SrmStatus.Done(parseClockTime(str(m["first"]))), null)
        val item = d.scoreWeek(day0, null).items.first { it.item == SrmItem.OUT_OF_BED }
        checkEq(3, item.n, "days out_of_bed was done")
        checkEq(str(m["first"]), item.habitual?.toString(), "habitual time (the first done entry of a day wins)")
    }
    "srm_diary_correct" -> { ->
        val m = input as Map<String, Any?>
        val d = SrmDiary(SrmFormKind.SRM5)
        d.add(day0, SrmItem.OUT_OF_BED, SrmStatus.Done(LocalTime.of(7, 0)))
        val item = SrmItem.valueOf(str(m["item"]).uppercase())
        unchangedOnError("diary", d::toJson) {
            if (m["op"] == "replace") d.replace(day0, item, SrmStatus.NotDone) else d.remove(day0, item)
        }
    }
    "measure_values" -> { ->
        val m = input as Map<String, Any?>
        val policy = (m["policy"] as Map<String, Any?>?)?.let { p ->
            when (p["kind"]) {
                "strict" -> MissingPolicy.Strict
                "treat_as_zero" -> MissingPolicy.TreatAsZero
                "prorate_up_to" -> MissingPolicy.ProrateUpTo(int(p["max_missing"]))
                else -> throw AssertionError("unknown policy $p")
            }
        }
        scoreMeasure(InstrumentId.valueOf(str(m["instrument"]).uppercase()),
            (m["values"] as List<Any?>).map { (it as Double?)?.toInt() }, policy, null)
    }
    "measure_answers" -> { ->
        val m = input as Map<String, Any?>
        scoreMeasureItems(InstrumentId.valueOf(str(m["instrument"]).uppercase()),
            (m["answers"] as Map<String, Any?>).map { (k, v) -> ItemAnswer(k, int(v)) }, null, null)
    }
    "care_migrate" -> { ->
        // Stored files, each loaded by the kind its envelope names, migrated strictly.
        val m = input as Map<String, Any?>
        val courses = mutableListOf<CareStoredCourse>()
        val plans = mutableListOf<CareStoredPlan>()
        val scores = mutableListOf<CareStoredScore>()
        var diary: SrmDiary? = null
        var meds: MedicationLog? = null
        for (d in m["documents"] as List<Map<String, Any?>>) {
            var text = File(repoRoot, str(d["file"])).readText()
            (d["replace"] as List<String>?)?.let { (from, to) -> check(from in text); text = text.replaceFirst(from, to) }
            when (val schema = (Json.parse(text) as Map<String, Any?>)["schema"]) {
                "ipsrt.ipsrt_course" -> courses += CareStoredCourse.Ipsrt(str(d["id"]), IpsrtCourse.fromJson(text))
                "ipsrt.relapse_plan" -> plans += CareStoredPlan(str(d["id"]), RelapsePlan.fromJson(text))
                "ipsrt.measure_score" -> scores += CareStoredScore(LocalDate.parse(str(d["date"])), measureScoreFromJson(text))
                "ipsrt.srm_diary" -> { check(diary == null); diary = SrmDiary.fromJson(text) }
                "ipsrt.medication_log" -> { check(meds == null); meds = MedicationLog.fromJson(text) }
                else -> error("care_migrate: no kind $schema in the runner")
            }
        }
        careMigrate(str(m["patient"]), str(m["zone"]), "bad-input",
            CareStoredDocuments(courses = courses, plans = plans, diary = diary, medication = meds, measures = scores))
    }
    "care_score_series" -> { ->
        val m = input as Map<String, Any?>
        CareRecord.fromLogJson(loadText(m)).scoreSeries(InstrumentId.valueOf(str(m["instrument"]).uppercase()),
            (m["baseline"] as String?)?.let { LocalDate.parse(it) })
    }
    "score_series" -> { ->
        val m = input as Map<String, Any?>
        val points = (m["points"] as List<Map<String, Any?>>).map { SeriesPoint(LocalDate.parse(str(it["date"])), int(it["total"])) }
        val figures = (m["reliable_change"] as Map<String, Any?>?)?.let { rc ->
            val sd = rc["sd"] as Map<String, Any?>
            val r = rc["reliability"] as Map<String, Any?>
            val src = SourceRef("local", "x", Evidence.DESIGN)
            ReliableChangeFigures(sd["value"] as Double, src, r["value"] as Double, src,
                if (rc["kind"] == "test_retest") ReliabilityKind.TEST_RETEST else ReliabilityKind.INTERNAL_CONSISTENCY)
        }
        ScoreSeries(InstrumentId.valueOf(str(m["instrument"]).uppercase()), points, (m["baseline"] as String?)?.let { LocalDate.parse(it) })
            .evaluate(null, figures)
    }
    "recurrence_risk" -> { -> recurrenceRisk(RiskBasis.LITERATURE, (input as Double).toLong()) }
    "course_replay" -> { -> Course.replay((input as List<Any?>).map { Json.write(it) }) }
    "relapse_observe_typed" -> { ->
        // The typed case, as an app builds it: Observed.Phq9(total = 28, item9 = null).
        val o = input as Map<String, Any?>
        check(o["type"] == "phq9") { "relapse_observe_typed: only phq9 rows are written typed here" }
        val machine = AlertMachine()
        val plan = RelapsePlan(LocalDate.of(2026, 3, 1), Region.NL)
        unchangedOnError("alert machine", machine::toJson) {
            machine.observe(plan, LocalDate.of(2026, 3, 5), Observed.Phq9(int(o["total"]), (o["item9"] as Double?)?.toInt()), null)
        }
    }
    "relapse_observe" -> { ->
        val plan = RelapsePlan(LocalDate.of(2026, 3, 1), Region.NL)
        val machine = AlertMachine()
        for (o in input as List<Any?>) unchangedOnError("alert machine", machine::toJson) { machine.observeJson(plan, Json.write(o)) }
    }
    else -> null
}

@Suppress("UNCHECKED_CAST")
fun badInputTests(t: Tests) {
    val doc = Json.parse(vectorFile("bad-input/catalogue.json").readText()) as Map<String, Any?>
    val cases = doc["cases"] as List<Map<String, Any?>>
    val actionable = actionablePhrases(doc)
    val ran = mutableListOf<String>()
    val listed = mutableListOf<String>()
    for (case in cases) {
        val name = str(case["name"])
        val expected = case["expected"] as Map<String, Any?>
        if ("kotlin" in (case["covered_by"] as List<Any?>)) listed += name
        if (name in NOT_IN_KOTLIN) continue
        val call = kotlinCall(str(case["call"]), case["input"])
        ran += name
        t.test("vectors bad-input/catalogue.json: $name") {
            if (call == null) throw AssertionError("call ${case["call"]} has no Kotlin dispatch: add one, or list the row in NOT_IN_KOTLIN with the reason")
            val e = try { call(); null } catch (e: Throwable) { e }
            val err = expected["error"] as String?
            if (err == null) {
                checkEq(true, expected["accepted"], "a row without an error is accepted")
                if (e != null) throw AssertionError("expected acceptance, got ${kindOf(e)}: ${e.message}", e)
                return@test
            }
            if (e == null) throw AssertionError("expected $err, nothing was thrown")
            if (e is IpsrtException.Internal) throw AssertionError("a panic or binding bug reached Kotlin: ${e.message}", e)
            if (e !is IpsrtException) throw AssertionError("not an IpsrtException escaped: $e", e)
            checkEq(err, kindOf(e), "error kind (${e.message})")
            val msg = e.message ?: ""
            for (said in expected["says"] as List<String>) {
                val phrase = operationsNamed(said)
                check(msg.contains(phrase)) { "the message lacks \"$phrase\": $msg" }
            }
            check(actionable.any { msg.contains(it) }) { "the message does not say what to do: $msg" }
        }
    }
    t.test("bad-input catalogue: the rows Kotlin runs are exactly those listing kotlin in covered_by") {
        check(actionable.size >= 20) { "actionable list not read: $actionable" }
        val names = cases.map { str(it["name"]) }.toSet()
        val unknown = NOT_IN_KOTLIN.keys - names
        check(unknown.isEmpty()) { "NOT_IN_KOTLIN names rows the catalogue lacks: $unknown" }
        checkEq(listed, ran, "rows (regenerate with scripts/dev/gen_bad_input.py after changing NOT_IN_KOTLIN or not_in)")
        for (case in cases.filter { str(it["name"]) in NOT_IN_KOTLIN }) {
            val reason = ((case["not_in"] as Map<String, Any?>?)?.get("kotlin")) as String?
            checkEq(NOT_IN_KOTLIN[str(case["name"])], reason, "not_in.kotlin of ${case["name"]} in the catalogue")
        }
        check(ran.size + NOT_IN_KOTLIN.size == cases.size) { "every row is run or excluded with a reason" }
    }
    println("      bad-input catalogue: ${ran.size} of ${cases.size} rows run from Kotlin; ${NOT_IN_KOTLIN.size} not expressible (NOT_IN_KOTLIN)")
}
