package org.ipsrt.tests

import org.ipsrt.*
import java.io.File
import java.time.LocalDate

// Migration of a patient's stored documents into one care record (careMigrate): the typed
// stored objects go in, and the replayed record holds the same machines as the documents.

@Suppress("UNCHECKED_CAST")
fun careMigrateTests(t: Tests) {
    fun text(path: String) = File(repoRoot, path).readText()
    fun data(json: String) = (Json.parse(json) as Map<String, Any?>)["data"]

    t.test("care migrate: every stored document replays to its own state") {
        val plan = RelapsePlan.fromJson(text("examples/plan.json"))
        val episode = EpisodeCourse.fromJson(text("test-vectors/persist/ipsrt.episode_course.v2.json"))
        val rhythm = RhythmPlan.fromJson(text("examples/ipsrt/rhythm_plan.json"))
        val meds = MedicationLog.fromJson(text("examples/ipsrt/medication_log.json"))
        val diary = SrmDiary.fromJson(text("test-vectors/persist/ipsrt.srm_diary.v1.json"))
        val schedule = scheduleFromJson(text("test-vectors/persist/ipsrt.schedule.v1.json"))
        val journey = EmploymentJourney.fromJson(text("test-vectors/persist/ipsrt.employment_journey.v2.json"))
        val course = Course.fromJson(text("test-vectors/persist/ipsrt.course.v2.json"))
        val m = careMigrate("p-7", "Europe/Amsterdam", "migration", CareStoredDocuments(
            courses = listOf(CareStoredCourse.Ipt("c1", course)),
            plans = listOf(CareStoredPlan("rp", plan)),
            episode = episode, rhythmPlan = rhythm, medication = meds, diary = diary,
            schedules = listOf(schedule), ipsJourney = journey,
        ))
        check(m.leftOut.isEmpty()) { "left out ${m.leftOut}" }
        val record = Json.parse(m.record.recordJson()) as Map<String, Any?>
        check(record["patient_ref"] == "p-7")
        check(record["episode"] == data(episode.toJson())) { "episode" }
        check(record["medication"] == data(meds.toJson())) { "medication" }
        check(record["rhythm_plan"] == data(rhythm.toJson())) { "rhythm plan" }
        check(record["ips_journey"] == "A") { "journey" }
        check(m.record.courses().map { it.id } == listOf("c1")) { "courses" }
        // Replaying the migrated log twice gives identical JSON.
        check(CareRecord.fromLogJson(m.record.logJson()).recordJson() == m.record.recordJson()) { "replay differs" }
    }

    t.test("care migrate: an IPSRT course migrates whole (protocol, tasks, phases)") {
        val plan = RelapsePlan.fromJson(text("examples/plan.json"))
        val ipsrt = IpsrtCourse.fromJson(text("examples/ipsrt/ipsrt_course.json"))
        val docs = { CareStoredDocuments(
            courses = listOf(CareStoredCourse.Ipsrt("c1", ipsrt)), plans = listOf(CareStoredPlan("rp", plan))) }
        val m = careMigrate("p-7", "Europe/Amsterdam", "m", docs())
        check(m.leftOut.isEmpty()) { "${m.leftOut}" }
        val course = m.record.courses().single()
        check(course.id == "c1")
        checkEq(ipsrt.phase(), course.ipsrtPhase, "IPSRT phase")
        check(m.record.entries().any { it.kind == CareEntryKind.IPSRT_COURSE_STARTED }) { "entries" }
        // A score computed with another missing-data policy is refused.
        val score = measureScoreFromJson(text("test-vectors/persist/ipsrt.measure_score.v2.json"))
        expectThrows<IpsrtException.InvalidInput> {
            careMigrate("p-7", "Europe/Amsterdam", "m",
                CareStoredDocuments(measures = listOf(CareStoredScore(LocalDate.parse("2026-03-02"), score))))
        }
    }
}
