package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.io.File
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId

// The care record: the six-month IPSRT patient of examples/care_record.json against the shared
// vectors test-vectors/care/status.json (the same values as Rust and Python), then the app
// continues the story with typed entries. The app code makes no clinical decision: it relays
// what happened and shows what the core concluded.

private val AMS: ZoneId = ZoneId.of("Europe/Amsterdam")
private fun at(local: String) = ZonedDateTime(LocalDateTime.parse(local), AMS)
private fun levelName(l: AlertLevel) = l.name.lowercase()

@Suppress("UNCHECKED_CAST")
fun careTests(t: Tests) {
    val doc = Json.parse(vectorFile("care/status.json").readText()) as Map<String, Any?>
    val logText = File(repoRoot, doc["log"] as String).readText()

    t.test("care: the shared log replays to the shared values") {
        val record = CareRecord.fromLogJson(logText)
        val want = doc["record"] as Map<String, Any?>
        check(record.patientRef() == want["patient_ref"]) { "patient ${record.patientRef()}" }
        check(levelName(record.alertLevel()) == want["alert_level"]) { "level ${record.alertLevel()}" }
        check(record.entries().size == (want["entries"] as Double).toInt()) { "entries" }
        check(record.entries().filter { it.late }.map { it.id } == want["late"]) { "late entries" }
        val alerts = record.alerts().map {
            mapOf("date" to it.date.toString(), "from" to levelName(it.from), "to" to levelName(it.to),
                "plan_version" to it.planVersion.toDouble(), "evidence" to it.evidence)
        }
        check(alerts == want["alerts"]) { "alerts $alerts" }
        // Replaying the stored log twice gives identical JSON.
        check(CareRecord.fromLogJson(record.logJson()).recordJson() == record.recordJson()) { "replay differs" }
    }

    t.test("care: status on the shared dates, as known then") {
        val record = CareRecord.fromLogJson(logText)
        for (case in doc["cases"] as List<Map<String, Any?>>) {
            val want = case["expected"] as Map<String, Any?>
            val s = record.status(LocalDate.parse(case["on"] as String), (case["at"] as String?)?.let(LocalTime::parse))
            val got = mapOf(
                "alert_level" to levelName(s.alertLevel),
                "plan_id" to s.planId,
                "plan_version" to s.planVersion?.toDouble(),
                "since" to s.since?.toString(),
                "evidence" to s.evidence,
                "due" to s.due.map { it.id },
                "overdue" to s.overdue.map { it.id },
                "missed" to s.missed.map { it.id },
                "safety_warnings" to s.safetyWarnings.map {
                    mapOf("kind" to it.kind.name.lowercase(), "entry" to it.entry, "date" to it.date.toString())
                },
                "courses" to s.courses.map { mapOf("id" to it.id, "previous" to it.previous, "phase" to it.phase.name.lowercase()) },
                "episode" to s.episode?.name?.lowercase(),
                "late_entries" to s.lateEntries,
                "adherence" to mapOf(
                    "from" to s.adherence.from.toString(),
                    "to" to s.adherence.to.toString(),
                    "tasks" to s.adherence.tasks.map {
                        mapOf("task" to it.task, "on_time" to it.onTime.toDouble(), "late" to it.late.toDouble(),
                            "missed" to it.missed.toDouble(), "excused" to it.excused.toDouble(),
                            "pending" to it.pending.toDouble(), "expected" to it.expected.toDouble(),
                            "completion_rate" to it.completionRate)
                    },
                ),
            )
            check(got == want) { "${case["about"]}: $got != $want" }
        }
    }

    t.test("care: score series of the record, against the shared vectors (care/series.json)") {
        val sdoc = Json.parse(vectorFile("care/series.json").readText()) as Map<String, Any?>
        val record = CareRecord.fromLogJson(File(repoRoot, sdoc["log"] as String).readText())
        val ids = mapOf("phq9" to InstrumentId.PHQ9, "asrm" to InstrumentId.ASRM)
        check(record.seriesInstruments() == (sdoc["instruments"] as List<String>).map { ids.getValue(it) }) {
            "instruments ${record.seriesInstruments()}"
        }
        for (case in sdoc["cases"] as List<Map<String, Any?>>) {
            val on = (case["on"] as String?)?.let { LocalDate.parse(it) }
            val rec = if (on != null) record.knownBy(on, null) else record
            val baseline = (case["baseline"] as String?)?.let { LocalDate.parse(it) }
            val series: ScoreSeries = rec.scoreSeries(ids.getValue(case["instrument"] as String), baseline)
            val report = series.evaluate(null, null)
            val want = case["expected"] as Map<String, Any?>
            check(report.baseline.date.toString() == want["baseline_date"]) { "$case: baseline ${report.baseline}" }
            check(report.baseline.total == (want["baseline_total"] as Double).toInt()) { "$case: baseline total" }
            val got = report.points.map {
                mapOf("date" to it.date.toString(), "total" to it.total.toDouble(),
                    "response" to it.response.name.lowercase(), "remission" to it.remission.name.lowercase(),
                    "reliable_change" to it.reliableChange.name.lowercase())
            }
            check(got == want["points"]) { "$case: $got" }
            check(rec.seriesUnscored(ids.getValue(case["instrument"] as String)).isEmpty()) { "unscored" }
        }
        val e = expectThrows<IpsrtException.InvalidInput> { record.scoreSeries(InstrumentId.GAD7, null) }
        check("phq9, asrm" in e.message.orEmpty()) { "${e.message}" }
    }

    t.test("care: the app continues the six-month patient with typed entries") {
        // The stored log is the one document loaded here; every entry below is a typed CareEvent.
        val record = CareRecord.fromLogJson(logText)
        // 2026-06-30 at noon: item 9 of 2026-06-22 is open, the level is Crisis under plan v2.
        val s = record.status(LocalDate.of(2026, 6, 30), LocalTime.NOON)
        check(s.alertLevel == AlertLevel.CRISIS && s.planId == "rp" && s.planVersion == 2) { "$s" }
        check(s.safetyWarnings.single().kind == CareWarningKind.SAFETY_ANSWER) { "${s.safetyWarnings}" }
        check(s.missed.size == 5 && s.due.map { it.id } == listOf("srm/2026-06-30/21:00")) { "${s.missed} ${s.due}" }
        checkEq(2, record.planOn(LocalDate.of(2026, 6, 30))?.version, "the plan version in force that day")
        // Adherence per task over the last 28 days, as the core counts it (shown as is).
        checkEq(LocalDate.of(2026, 6, 3), s.adherence.from, "the adherence window's first day")
        val srm = s.adherence.tasks.single { it.task == "srm" }
        checkEq(listOf(22L, 0L, 5L, 0L, 1L, 27L), listOf(srm.onTime, srm.late, srm.missed, srm.excused, srm.pending, srm.expected),
            "srm adherence")
        check(srm.what == "srm_diary" && Math.abs(srm.completionRate!! - 22.0 / 27.0) < 1e-12) { "$srm" }
        check(s.adherence.tasks.filter { it.task != "srm" }.all { it.completionRate == 1.0 }) { "${s.adherence}" }

        // The patient fills in the diary and the next PHQ-9 on schedule; the core scores it.
        val diaryDay = CareEvent.DiaryDay(listOf(CareDiaryItem(SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(23, 15)))), -2)
        record.append("k-1", at("2026-07-04T21:30"), LocalDate.of(2026, 7, 4), "patient app", diaryDay,
            occurrence = OccurrenceId("srm", LocalDate.of(2026, 7, 4), LocalTime.of(21, 0)))
        val answers = (1..8).associate { "phq9_$it" to 1 } + ("phq9_9" to 0)
        record.append("k-2", at("2026-07-06T09:40"), LocalDate.of(2026, 7, 6), "patient app",
            CareEvent.MeasureAnswered(InstrumentId.PHQ9, answers), at("2026-07-06T09:30"),
            OccurrenceId("phq9", LocalDate.of(2026, 7, 6), LocalTime.of(9, 0)))
        check(record.entries().last().kind == CareEntryKind.MEASURE_ANSWERED) { "last entry" }
        // A missed evening dose, a session of the new course, and a holiday abroad.
        record.append("k-3", at("2026-07-06T22:00"), LocalDate.of(2026, 7, 6), "patient app",
            CareEvent.DoseRecorded("lithium-pm", DoseOutcome.Missed))
        record.append("k-4", at("2026-07-07T10:00"), LocalDate.of(2026, 7, 7), "M. Jansen (IPSRT therapist)",
            CareEvent.CourseEvent("ipsrt-2", IptEvent.SessionRecorded(2L, Attendance.ATTENDED, null, DeliveryMode.IN_PERSON)))
        record.append("k-5", at("2026-07-08T08:00"), LocalDate.of(2026, 7, 8), "patient app",
            CareEvent.ZoneChanged(ZoneId.of("Europe/Lisbon")))
        checkEq(ZoneId.of("Europe/Lisbon"), record.status(LocalDate.of(2026, 7, 8), null).zone)

        // A bad entry is refused and changes nothing.
        val before = record.logJson()
        expectThrows<IpsrtException.InvalidInput> {
            record.append("k-1", at("2026-07-06T10:00"), LocalDate.of(2026, 7, 6), "dr", CareEvent.Acknowledged("duplicate id"))
        }
        expectThrows<IpsrtException.NotFound> {
            record.append("k-9", at("2026-07-06T10:00"), LocalDate.of(2026, 7, 6), "dr", CareEvent.Retraction("nope", "typo"))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("k-9", at("2026-07-07T21:30"), LocalDate.of(2026, 7, 7), "patient app", CareEvent.DiaryDay(emptyList(), 9))
        }
        check(record.logJson() == before) { "a refused entry changed the log" }

        // A retraction keeps the entry and marks it; an acknowledgement closes the warnings.
        record.append("k-6", at("2026-07-08T11:00"), LocalDate.of(2026, 7, 6), "dr", CareEvent.Retraction("k-2", "another patient's form"))
        val k2 = record.entries().first { it.id == "k-2" }
        check(k2.state == CareEntryState.RETRACTED && k2.stateRef == "k-6") { "$k2" }
        val alerts = record.alerts()
        check(alerts.any { it.to == AlertLevel.CRISIS && it.planVersion == 1 && it.evidence.isNotEmpty() }) { "crisis v1" }
        check(record.courses().map { it.previous } == listOf(null, "ipsrt-1")) { "${record.courses()}" }
        record.append("k-7", at("2026-07-08T12:00"), LocalDate.of(2026, 7, 8), "dr. R. de Vries",
            CareEvent.Acknowledged("reviewed the retracted form with the patient"))
        val after = record.status(LocalDate.of(2026, 7, 8), null)
        check(after.safetyWarnings.isEmpty()) { "${after.safetyWarnings}" }

        // Save and load: the stored log gives back the same record.
        checkEq(record.recordJson(), CareRecord.fromLogJson(record.logJson()).recordJson(), "saved and loaded")

        // This test writes no JSON: no JSON literal, and no *Json call but loading and saving the log.
        val source = File(repoRoot, "bindings/uniffi/tests/kotlin/CareTests.kt").readText()
        val body = source.substringAfter("the app continues the six-month patient").substringBefore("// This test writes no JSON")
        check(!body.contains("{\"") && !body.contains("\"\"\"")) { "a JSON literal in the scenario" }
        val calls = Regex("""\b([A-Za-z]+Json)\(""").findAll(body).map { it.groupValues[1] }.toSet()
        checkEq(setOf("fromLogJson", "logJson", "recordJson"), calls, "JSON calls in the scenario")
    }
}
