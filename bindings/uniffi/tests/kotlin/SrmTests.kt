package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId

/** Scoring options of the shared vectors (the core's serde form) as the typed SrmScoringOptions:
 *  every field the vector gives, the standard defaults for the rest. */
fun srmOptions(o: Map<String, Any?>): SrmScoringOptions {
    fun <T : Enum<T>> enumOf(values: Array<T>, v: Any?): T =
        values.firstOrNull { it.name.lowercase() == v } ?: throw AssertionError("unknown value $v")
    val known = setOf("hit_window_min", "trim_factor", "sd", "sd_floor_min", "min_occurrences", "reference", "hit_values", "windows", "week_anchor")
    check(o.keys.all { it in known }) { "options field without a typed field: ${o.keys - known}" }
    var r = srmDefaultScoringOptions()
    if ("hit_window_min" in o) r = r.copy(hitWindowMin = (o["hit_window_min"] as Double).toInt())
    if ("trim_factor" in o) r = r.copy(trimFactor = o["trim_factor"] as Double?)
    if ("sd" in o) r = r.copy(sd = enumOf(SrmSdKind.values(), o["sd"]))
    if ("sd_floor_min" in o) r = r.copy(sdFloorMin = (o["sd_floor_min"] as Double?)?.toInt())
    if ("min_occurrences" in o) r = r.copy(minOccurrences = (o["min_occurrences"] as Double).toInt())
    if ("reference" in o) r = r.copy(reference = enumOf(SrmHitReference.values(), o["reference"]))
    if ("hit_values" in o) r = r.copy(hitValues = enumOf(SrmHitValues.values(), o["hit_values"]))
    if ("windows" in o) r = r.copy(windows = enumOf(SrmWindows.values(), o["windows"]))
    if ("week_anchor" in o) r = r.copy(weekAnchor = enumOf(SrmWeekAnchor.values(), o["week_anchor"]))
    return r
}

fun srmTypedTests(t: Tests) {
    val monday = LocalDate.of(2026, 1, 5)
    t.test("srm: typed scoring options (the core's defaults), range-checked by the core") {
        val std = srmDefaultScoringOptions()
        checkEq(SrmScoringOptions(sd = SrmSdKind.SAMPLE, reference = SrmHitReference.HABITUAL, hitValues = SrmHitValues.KEPT,
            windows = SrmWindows.BLOCKS, weekAnchor = SrmWeekAnchor.FIRST_DIARY_DAY), std, "default arguments are the core's defaults")
        checkEq(45, std.hitWindowMin); checkEq(1.5, std.trimFactor); checkEq(null, std.sdFloorMin); checkEq(3, std.minOccurrences)
        val diary = SrmDiary(SrmFormKind.SRM5)
        val times = listOf("06:00", "05:50", "08:01", "07:55", "05:45", "05:50", "05:50").map(LocalTime::parse)
        for (d in 0 until 7) diary.add(monday.plusDays(d.toLong()), SrmItem.OUT_OF_BED, SrmStatus.Done(times[d]))
        val trimmed = diary.scoreWeek(monday).items.first { it.item == SrmItem.OUT_OF_BED }
        checkEq(listOf(LocalTime.of(8, 1)), trimmed.excluded, "excluded with the standard trimming")
        val plain = diary.scoreWeek(monday, std.copy(trimFactor = null)).items.first { it.item == SrmItem.OUT_OF_BED }
        checkEq(emptyList<LocalTime>(), plain.excluded, "no trimming")
        checkEq(diary.scoreWeek(monday).json, diary.scoreWeek(monday, std).json, "null options = the defaults")
        for (d in 7L..8L) diary.add(monday.plusDays(d), SrmItem.OUT_OF_BED, SrmStatus.Done(LocalTime.of(6, 0)))
        checkEq(2, diary.scoreWeeks().size, "9 diary days in 7-day blocks")
        checkEq(3, diary.scoreWeeks(std.copy(windows = SrmWindows.ROLLING)).size, "rolling windows: every full 7-day window")
        val before = diary.toJson()
        for ((bad, says) in listOf(
            std.copy(minOccurrences = 9) to "min_occurrences",
            std.copy(hitWindowMin = -1) to "hit_window_min -1 is out of range",
            std.copy(hitWindowMin = 721) to "hit_window_min",
            std.copy(sdFloorMin = 70_000) to "sd_floor_min 70000 is out of range",
            std.copy(trimFactor = 1.2345) to "trim_factor",
            std.copy(trimFactor = 0.0) to "trim_factor",
        )) {
            val e = expectThrows<IpsrtException.InvalidInput> { diary.scoreWeek(monday, bad) }
            check(e.message!!.contains(says)) { "expected \"$says\" in: ${e.message}" }
            expectThrows<IpsrtException.InvalidInput> { diary.scoreWeeks(bad) }
        }
        checkEq(before, diary.toJson(), "diary after refused options")
    }

    t.test("srm: typed forms with write-in names and target times") {
        val srm17 = SrmForm.Srm17(activityA = "guitar practice")
        val d17 = SrmDiary.withForm(srm17)
        checkEq(srm17, d17.form())
        d17.add(monday, SrmItem.ACTIVITY_A, SrmStatus.Done(LocalTime.of(19, 0)))
        checkEq(srm17, SrmDiary.fromJson(d17.toJson()).form(), "form after a snapshot round trip")
        checkEq(SrmForm.Srm5, SrmDiary(SrmFormKind.SRM5).form())
        checkEq(SrmForm.Srm17(), SrmDiary(SrmFormKind.SRM17).form())
        for ((form, says) in listOf(
            SrmForm.Srm17(activityA = "   ") to "activity_a is blank",
            SrmForm.Srm17(activityB = "x".repeat(201)) to "activity_b \"xxx",
        )) {
            val e = expectThrows<IpsrtException.InvalidInput> { SrmDiary.withForm(form) }
            check(e.message!!.contains(says)) { "expected \"$says\" in: ${e.message}" }
        }
        // SRM-II-5 targets: the (non-standard) target reference measures against them.
        val targets = SrmTargets(outOfBed = LocalTime.of(7, 0), toBed = LocalTime.of(23, 0))
        val d = SrmDiary.withForm(SrmForm.SrmIi5(targets))
        checkEq(SrmForm.SrmIi5(targets), d.form())
        for (k in 0L until 7L) {
            d.add(monday.plusDays(k), SrmItem.OUT_OF_BED, SrmStatus.Done(LocalTime.of(7, 30)))
            d.add(monday.plusDays(k), SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(0, 30)))
        }
        val s = d.scoreWeek(monday, srmDefaultScoringOptions().copy(reference = SrmHitReference.TARGET))
        val oob = s.items.first { it.item == SrmItem.OUT_OF_BED }
        checkEq(LocalTime.of(7, 0), oob.target); checkEq(7, oob.hits, "07:30 is within 45 min of the 07:00 target")
        val bed = s.items.first { it.item == SrmItem.TO_BED }
        checkEq(LocalTime.of(23, 0), bed.target); checkEq(0, bed.hits, "00:30 is 90 min after the 23:00 target")
    }
}

@Suppress("UNCHECKED_CAST")
fun srmTests(t: Tests) {
    t.test("scenario: an SRM week, entered day by day, scored with per-item detail") {
        val diary = SrmDiary(SrmFormKind.SRM5)
        val monday = LocalDate.of(2026, 1, 5)
        val outOfBed = listOf("06:00", "05:50", "08:01", "07:55", "05:45", "05:50", "05:50").map(LocalTime::parse)
        val toBed = listOf("23:30", "23:50", "00:10", "00:30", "23:40", "00:05", "01:30").map(LocalTime::parse)
        val zone = ZoneId.of("Europe/Amsterdam")
        for (d in 0 until 7) {
            val day = monday.plusDays(d.toLong())
            // Written down the next morning: not late.
            val written = ZonedDateTime(day.plusDays(1).atTime(9, 0), zone)
            diary.add(day, SrmItem.OUT_OF_BED, SrmStatus.Done(outOfBed[d]), written)
            diary.add(day, SrmItem.TO_BED, SrmStatus.Done(toBed[d]), written)
            diary.add(day, SrmItem.DINNER, if (d < 2) SrmStatus.Done(LocalTime.of(18, 30)) else SrmStatus.NotDone, null)
            diary.setMood(day, (d - 3).toLong())
        }
        checkEq(21L, diary.entryCount())
        val s = diary.scoreWeek(monday, null)
        checkEq(monday, s.start)
        checkEq(2L, s.countedItems, "counted items (dinner was done on 2 days only)")
        val oob = s.items.first { it.item == SrmItem.OUT_OF_BED }
        checkEq(LocalTime.of(6, 12), oob.habitual, "habitual out of bed (docs/srm.md#golden-cases)")
        checkEq(listOf(LocalTime.of(8, 1)), oob.excluded, "excluded")
        checkEq(5, oob.hits)
        checkEq(7, oob.days.size)
        checkEq(DayOutcome.EXCLUDED, oob.days[2])
        val bed = s.items.first { it.item == SrmItem.TO_BED }
        checkEq(LocalTime.of(23, 58), bed.habitual, "habitual bedtime across midnight")
        checkEq(listOf(LocalTime.of(1, 30)), bed.excluded)
        val dinner = s.items.first { it.item == SrmItem.DINNER }
        check(!dinner.counted && dinner.days.all { it == DayOutcome.NOT_COUNTED || it == DayOutcome.NO_OCCURRENCE }) { "$dinner" }
        checkEq(11.0 / 2.0, s.score!!, "score = hits / counted items")
        // Bad input changes nothing.
        expectThrows<IpsrtException.InvalidInput> { diary.setMood(monday, 6) }
        expectThrows<IpsrtException.InvalidInput> { diary.add(monday, SrmItem.LUNCH, SrmStatus.Done(LocalTime.of(12, 0)), null) }
        checkEq(21L, diary.entryCount())
        // Snapshot round trip, and the same score from the reloaded diary.
        val back = SrmDiary.fromJson(diary.toJson())
        checkEq(diary.toJson(), back.toJson())
        checkJsonEq(s.json, back.scoreWeek(monday, null).json)
        // A week with nothing counted is not scorable: score is absent, never 0.
        val empty = SrmDiary(SrmFormKind.SRM5).scoreWeek(monday, null)
        checkEq(null, empty.score)
    }

    t.test("diary: a correction replaces the cell, remove deletes it, entries/moods/late read back") {
        val diary = SrmDiary(SrmFormKind.SRM5)
        val day = LocalDate.of(2026, 1, 5)
        val zone = ZoneId.of("Europe/Amsterdam")
        diary.add(day, SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(23, 3)))
        diary.add(day, SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(18, 30)))
        // Written two days later: late under the default 12-hour grace.
        diary.add(day, SrmItem.OUT_OF_BED, SrmStatus.Done(LocalTime.of(7, 0)), ZonedDateTime(day.plusDays(2).atTime(9, 0), zone), SrmPeople.ALONE)
        checkEq(SrmStatus.Done(LocalTime.of(23, 3)), diary.status(day, SrmItem.TO_BED), "first done wins")
        val replaced = diary.replace(day, SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(22, 30)))
        checkEq(listOf(LocalTime.of(23, 3), LocalTime.of(18, 30)), replaced.map { (it.status as SrmStatus.Done).time })
        checkEq(SrmStatus.Done(LocalTime.of(22, 30)), diary.status(day, SrmItem.TO_BED), "the correction wins")
        checkEq(1, diary.entriesFor(day, SrmItem.TO_BED).size)
        val late = diary.lateEntries()
        checkEq(1, late.size)
        checkEq(SrmItem.OUT_OF_BED, late[0].item)
        checkEq(SrmPeople.ALONE, late[0].people)
        check(late[0].late)
        diary.setMood(day, -2)
        checkEq(listOf(SrmMood(day, -2)), diary.moods())
        // Nothing to correct or remove: NotFound, and nothing changed.
        val before = diary.toJson()
        expectThrows<IpsrtException.NotFound> { diary.replace(day, SrmItem.DINNER, SrmStatus.NotDone) }
        expectThrows<IpsrtException.NotFound> { diary.remove(day.plusDays(1), SrmItem.TO_BED) }
        expectThrows<IpsrtException.InvalidInput> { diary.setLateGraceHours(-1) }
        checkEq(before, diary.toJson())
        checkEq(1, diary.remove(day, SrmItem.OUT_OF_BED).size)
        checkEq(-2, diary.removeMood(day))
        checkEq(null, diary.removeMood(day))
        checkEq(1, diary.entries().size)
    }

    t.test("limits across the FFI: a 100 MB participant id is refused right after the lift, with a short message") {
        val huge = "x".repeat(100_000_000)
        val e = expectThrows<IpsrtException.InvalidInput> { EmploymentJourney.enrol(huge, LocalDate.of(2026, 1, 5)) }
        val m = e.message ?: ""
        check(m.contains("limit of 200 bytes") && m.contains("(100000000 bytes)") && m.length < 400) { m.take(500) }
    }

    val doc = Json.parse(vectorFile("srm/spec_golden.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors srm/spec_golden.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val tol = (expected["tolerance"] as Double?) ?: 1e-9
            val r = runCatching { srmScoreWeekJson(Json.write(input["week"]), (input["options"] as Map<String, Any?>?)?.let(::srmOptions)) }
            val err = expected["error"] as String?
            if (err != null) { checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected $err"))); return@test }
            val s = r.getOrThrow()
            (expected["hits"] as Double?)?.let { checkEq(it.toLong(), s.hits, "hits") }
            (expected["counted_items"] as Double?)?.let { checkEq(it.toLong(), s.countedItems, "counted_items") }
            (expected["ali"] as Double?)?.let { checkEq(it.toLong(), s.ali, "ali") }
            if (expected.containsKey("score")) {
                val want = expected["score"] as Double?
                if (want == null) checkEq(null, s.score, "score") else check(Math.abs(want - s.score!!) <= 1e-9) { "score $want vs ${s.score}" }
            }
            for ((id, exp) in (expected["items"] as Map<String, Map<String, Any?>>?) ?: emptyMap()) {
                val item = s.items.firstOrNull { it.item.name.lowercase() == id } ?: throw AssertionError("no item $id")
                exp["habitual"]?.let { checkEq(it, item.habitual?.toString(), "$id habitual") }
                (exp["hits"] as Double?)?.let { checkEq(it.toInt(), item.hits.toInt(), "$id hits") }
                (exp["counted"] as Boolean?)?.let { checkEq(it, item.counted, "$id counted") }
                (exp["habitual_minutes"] as Double?)?.let { want ->
                    val got = item.habitualMinutes ?: throw AssertionError("$id: no habitual minutes")
                    check(Math.abs(want - got) <= maxOf(tol, 0.05)) { "$id habitual minutes $want vs $got" }
                }
                (exp["kept"] as Double?)?.let { checkEq(it.toInt(), item.kept.toInt(), "$id kept") }
                (exp["excluded"] as List<Any?>?)?.let { checkEq(it, item.excluded.map { x -> x.toString() }, "$id excluded") }
                (exp["sd_minutes"] as Double?)?.let { want ->
                    val got = item.sdMinutes ?: throw AssertionError("$id: no sd")
                    check(Math.abs(want - got) <= maxOf(tol, 0.05)) { "$id sd $want vs $got" }
                }
            }
        }
    }
}
