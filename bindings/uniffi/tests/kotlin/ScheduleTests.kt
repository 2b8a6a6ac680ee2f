package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter

// Schedules: the shared vectors test-vectors/schedule/evaluate.json (the same cases as Rust and
// Python), driven through the typed API, plus typed construction across DST and a zone change.

private fun envelope(schema: String, data: Any?): String =
    Json.write(mapOf("schema" to schema, "version" to 1.0, "data" to data))

private val LOCAL: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")

private fun idText(id: OccurrenceId): String = occurrenceIdText(id)

private fun stateName(s: OccurrenceState): String = when (s) {
    is OccurrenceState.Upcoming -> "upcoming"
    is OccurrenceState.Open -> "open"
    is OccurrenceState.Overdue -> "overdue"
    is OccurrenceState.Missed -> "missed"
    is OccurrenceState.CompletedOnTime -> "completed_on_time"
    is OccurrenceState.CompletedLate -> "completed_late"
    is OccurrenceState.Excused -> "excused"
}

private fun adjustmentName(a: SlotAdjustment?): String? = when (a) {
    null -> null
    is SlotAdjustment.MovedLaterByGap -> "moved_later_by_gap"
    is SlotAdjustment.EarlierOfTwo -> "earlier_of_two"
}

@Suppress("UNCHECKED_CAST")
private fun evaluateCase(input: Map<String, Any?>): Map<String, Any?> {
    val tasks = scheduleFromJson(envelope("ipsrt.schedule", input["schedule"]))
    val zones = zoneHistoryFromJson(envelope("ipsrt.zone_history", input["zones"]))
    val records = scheduleRecordsFromJson(envelope("ipsrt.schedule_records", input["records"]))
    val now = Instant.parse(input["now"] as String)
    val occ = scheduleEvaluate(tasks, zones, records, LocalDate.parse(input["from"] as String), LocalDate.parse(input["to"] as String), now)
    val gaps = scheduleDataGaps(tasks, zones, records, now)
    return mapOf(
        "occurrences" to occ.map { o ->
            mapOf(
                "id" to idText(o.id),
                "due" to o.due.toString(),
                "due_local" to o.dueLocal.local.format(LOCAL),
                "zone" to o.zone.id,
                "adjustment" to adjustmentName(o.adjustment),
                "state" to stateName(o.state),
                "at" to when (val s = o.state) {
                    is OccurrenceState.CompletedOnTime -> s.at.toString()
                    is OccurrenceState.CompletedLate -> s.at.toString()
                    else -> null
                },
                "reason" to (o.state as? OccurrenceState.Excused)?.reason,
            )
        },
        "adherence" to scheduleAdherence(occ).associate { a ->
            a.task to mapOf("on_time" to a.onTime.toDouble(), "late" to a.late.toDouble(), "missed" to a.missed.toDouble(),
                "excused" to a.excused.toDouble(), "pending" to a.pending.toDouble())
        },
        "streaks" to scheduleMissedStreaks(occ).map { mapOf("task" to it.task, "current" to it.current.toDouble(), "longest" to it.longest.toDouble()) },
        "gaps" to gaps.map { mapOf("task" to it.task, "since" to it.since.toString(), "days" to it.days.toDouble()) },
    )
}

@Suppress("UNCHECKED_CAST")
fun scheduleTests(t: Tests) {
    val doc = Json.parse(vectorFile("schedule/evaluate.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors schedule/evaluate.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val err = expected["error"] as String?
            val r = runCatching { evaluateCase(input) }
            if (err != null) {
                checkEq(err, kindOf(r.exceptionOrNull() ?: throw AssertionError("expected a $err error")))
                return@test
            }
            val got = r.getOrThrow()
            check(jsonEquals(Json.parse(Json.write(expected)), Json.parse(Json.write(got)))) {
                "${case["name"]}: expected ${Json.write(expected)}\n got ${Json.write(got)}"
            }
        }
    }

    t.test("schedule: typed tasks across the Amsterdam spring change and a move to New York") {
        val start = LocalDate.of(2026, 3, 27)
        val meds = ScheduledTask("meds", "medication", "Lithium", Recurrence.Daily(1L), listOf(LocalTime.of(9, 0), LocalTime.of(2, 30)), start, null,
            60L, 720L, 60L, false, null)
        val tasks = listOf(meds, scheduleDefaultSrmDiary(start))
        val zones = listOf(ZoneChange(LocalDate.of(2026, 1, 1), ZoneId.of("Europe/Amsterdam")),
            ZoneChange(LocalDate.of(2026, 4, 10), ZoneId.of("America/New_York")))
        val done = Completion(parseOccurrenceId("meds/2026-03-29/02:30"), ZonedDateTime(LocalDateTime.parse("2026-03-29T03:40:00"), ZoneId.of("Europe/Amsterdam")))
        val records = ScheduleRecords(emptyList(), listOf(done), listOf(Excusal(OccurrenceId("srm", LocalDate.of(2026, 3, 28), LocalTime.of(21, 0)), "travel")))
        val occ = scheduleEvaluate(tasks, zones, records, LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), Instant.parse("2026-03-29T12:00:00Z"))
        val gap = occ.first { idText(it.id) == "meds/2026-03-29/02:30" }
        checkEq(Instant.parse("2026-03-29T01:30:00Z"), gap.due, "gap slot instant")
        checkEq(LocalDateTime.parse("2026-03-29T03:30:00"), gap.dueLocal.local, "gap slot local")
        checkEq(SlotAdjustment.MovedLaterByGap(60L), gap.adjustment, "adjustment")
        check(gap.state is OccurrenceState.CompletedOnTime) { "state ${gap.state}" }
        checkEq(OccurrenceState.Excused("travel"), occ.first { idText(it.id) == "srm/2026-03-28/21:00" }.state, "excused")
        val ny = scheduleEvaluate(tasks, zones, records, LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 10), Instant.parse("2026-04-10T00:00:00Z"))
        checkEq(Instant.parse("2026-04-10T13:00:00Z"), ny.first { it.id.slot == LocalTime.of(9, 0) }.due, "09:00 in New York")
        // Versioned JSON round trips, and the slots come back sorted.
        checkEq(listOf(LocalTime.of(2, 30), LocalTime.of(9, 0)), scheduleFromJson(scheduleToJson(tasks))[0].slots, "sorted slots")
        checkEq(zones, zoneHistoryFromJson(zoneHistoryToJson(zones)), "zone history")
        checkEq(records, scheduleRecordsFromJson(scheduleRecordsToJson(records)), "records")
        checkEq(Recurrence.AtSessions(listOf(1L, 8L, 12L)), scheduleDefaultPhq9(ProtocolId.SPAARNE, start).recurrence, "Spaarne PHQ-9")
        checkEq("S2", scheduleDefaultPhq9(ProtocolId.SPAARNE, start).source?.key, "source")
    }

    t.test("schedule: records for occurrences that do not exist are refused with NotFound") {
        val start = LocalDate.of(2026, 1, 1)
        val tasks = listOf(scheduleDefaultAsrm(start, Weekday.SUNDAY))
        val zones = listOf(ZoneChange(start, ZoneId.of("Europe/London")))
        val bad = ScheduleRecords(emptyList(), listOf(Completion(parseOccurrenceId("asrm/2026-01-05/20:00"),
            ZonedDateTime(LocalDateTime.parse("2026-01-05T20:00:00"), ZoneId.of("Europe/London")))), emptyList())
        val e = expectThrows<IpsrtException.NotFound> { scheduleCheckRecords(tasks, zones, bad) }
        check(e.message!!.contains("does not recur on 2026-01-05")) { e.message!! }
        expectThrows<IpsrtException.Parse> { parseOccurrenceId("asrm/2026-01-05") }
        expectThrows<IpsrtException.InvalidInput> {
            scheduleEvaluate(listOf(ScheduledTask("x", "x", "x", Recurrence.Daily(0L), listOf(LocalTime.of(9, 0)), start, null, 0L, 60L, 0L, true, null)),
                zones, ScheduleRecords(emptyList(), emptyList(), emptyList()), start, start, Instant.parse("2026-01-02T00:00:00Z"))
        }
        checkEq(listOf("asrm/2026-01-04/20:00", "asrm/2026-01-11/20:00"),
            scheduleOccurrenceIds(tasks, emptyList(), start, LocalDate.of(2026, 1, 11)).map { idText(it) }, "ids")
    }
}
