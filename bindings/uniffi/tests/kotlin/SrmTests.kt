package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId

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
            val r = runCatching { srmScoreWeekJson(Json.write(input["week"]), input["options"]?.let { Json.write(it) }) }
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
