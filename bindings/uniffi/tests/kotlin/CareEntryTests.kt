// Every kind of care entry through the typed CareEvent, driven from the shared vectors: the
// six-month log named in test-vectors/care/entry_kinds.json (examples/care_record.json, the log
// the Rust and Python care tests replay) and the extra entries of that file. Each entry is turned
// into the typed Kotlin value (CareEvent, IptEvent, Observed, DoseOutcome, ...) and
// appended with CareRecord.append; the stored log must then equal the vectors entry by entry,
// one test per kind. The record built this way must derive what the shared vectors say (data
// gaps with their evidence, plan versions by date). The relapse plans and the schedule inside
// the vectors are documents and are read with their document doors (fromPlanJson,
// scheduleFromJson); everything else is typed.
package org.ipsrt.tests

import org.ipsrt.*
import java.io.File
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZoneId

@Suppress("UNCHECKED_CAST")
private fun obj(v: Any?) = v as Map<String, Any?>
@Suppress("UNCHECKED_CAST")
private fun list(v: Any?) = (v as List<Any?>?).orEmpty()
private fun str(v: Any?) = v as String
private fun strs(v: Any?) = list(v).map { it as String }
private fun day(v: Any?): LocalDate = LocalDate.parse(v as String)
private fun clock(v: Any?): LocalTime = LocalTime.parse(v as String)
private fun long(v: Any?) = (v as Double).toLong()
private fun zoned(v: Any?): ZonedDateTime =
    obj(v).let { ZonedDateTime(LocalDateTime.parse(str(it["local"])), ZoneId.of(str(it["zone"]))) }
private inline fun <reified T : Enum<T>> enumOf(v: Any?): T = enumValueOf(str(v).uppercase())

private fun srmStatus(v: Any?): SrmStatus = when (val s = str(v)) {
    "not_done" -> SrmStatus.NotDone
    "not_recorded" -> SrmStatus.NotRecorded
    else -> SrmStatus.Done(clock(s))
}

private fun diaryItems(v: Any?) = list(v).map { obj(it) }.map {
    CareDiaryItem(enumOf<SrmItem>(it["item"]), srmStatus(it["status"]), it["people"]?.let { p -> enumOf<SrmPeople>(p) })
}

private fun dose(v: Any?): DoseOutcome = obj(v).let {
    when (str(it["status"])) {
        "missed" -> DoseOutcome.Missed
        "taken" -> DoseOutcome.Taken(it["at"]?.let(::clock))
        "late" -> DoseOutcome.Late(it["at"]?.let(::clock))
        else -> throw AssertionError("dose outcome $it")
    }
}

private fun observed(o: Map<String, Any?>): Observed = when (str(o["type"])) {
    "warning_sign" -> Observed.WarningSign(str(o["sign"]))
    "trigger" -> Observed.Trigger(enumOf<LifeEventKind>(o["kind"]), o["note"] as String?)
    "check_in" -> Observed.CheckIn
    else -> throw AssertionError("no typed form in this test for the observation ${o["type"]}")
}

private fun contract(v: Any?) = obj(v).let { Contract(long(it["sessions"]), enumOf<Frequency>(it["frequency"]), long(it["minutes"])) }

private fun person(v: Any?): Person = obj(v).let {
    newPerson(str(it["id"]), str(it["name"]), str(it["role"])).copy(
        // Circle, conflict and confiding are absent when not assessed.
        circle = it["circle"]?.let { c -> enumOf<Circle>(c) }, status = enumOf(it["status"]), contact = enumOf(it["contact"]),
        conflict = it["conflict"]?.let { c -> enumOf<RelationshipConflict>(c) }, confiding = it["confiding"] as Boolean?,
        sharedActivities = strs(it["shared_activities"]), satisfying = strs(it["satisfying"]),
        unsatisfying = strs(it["unsatisfying"]), desiredChanges = strs(it["desired_changes"]),
    )
}

private fun courseEvent(e: Map<String, Any?>): IptEvent = when (str(e["type"])) {
    "diagnosis_recorded" -> IptEvent.DiagnosisRecorded(str(e["diagnosis"]), e["note"] as String?)
    "sick_role_recorded" -> IptEvent.SickRoleRecorded(e["note"] as String?)
    "person_added" -> IptEvent.PersonAdded(person(e["person"]))
    "problem_area_chosen" -> IptEvent.ProblemAreaChosen(
        enumOf(e["area"]), e["dispute_stage"]?.let { enumOf<DisputeStage>(it) }, e["person"] as String?, e["deviation"] as String?)
    "formulation_accepted" -> IptEvent.FormulationAccepted(str(e["summary"]))
    "contract_set" -> IptEvent.ContractSet(contract(e["contract"]), e["deviation"] as String?)
    "middle_phase_started" -> IptEvent.MiddlePhaseStarted
    "session_recorded" -> IptEvent.SessionRecorded(
        long(e["number"]), enumOf(e["attendance"]), e["at"]?.let(::zoned), e["mode"]?.let { enumOf<DeliveryMode>(it) })
    "termination_started" -> IptEvent.TerminationStarted(e["deviation"] as String?)
    "relapse_prevention_plan_recorded" -> IptEvent.RelapsePreventionPlanRecorded(e["plan_ref"] as String?, e["summary"] as String?)
    "maintenance_started" -> IptEvent.MaintenanceStarted(contract(e["contract"]), e["deviation"] as String?)
    "ended_early" -> IptEvent.EndedEarly(enumOf(e["reason"]), e["detail"] as String?)
    else -> throw AssertionError("no typed form in this test for the course event ${e["type"]}")
}

internal fun rhythmEvent(e: Map<String, Any?>): RhythmPlanEvent = when (str(e["type"])) {
    "anchors_chosen" -> RhythmPlanEvent.AnchorsChosen(day(e["date"]), list(e["anchors"]).map { enumOf<Anchor>(it) })
    "targets_set" -> RhythmPlanEvent.TargetsSet(day(e["date"]), list(e["targets"]).map { list(it) }.map {
        RhythmTargetSetting(enumOf(it[0]), clock(it[1]), clock(it[2]))
    })
    "step_taken" -> RhythmPlanEvent.StepTaken(day(e["date"]), enumOf(e["anchor"]))
    "maintenance_started" -> RhythmPlanEvent.MaintenanceStarted(day(e["date"]))
    else -> throw AssertionError("no typed form in this test for the rhythm-plan event ${e["type"]}")
}

/** The typed form of an IPSRT event of the vectors. */
private fun ipsrtEvent(e: Map<String, Any?>): IpsrtEvent = when (str(e["type"])) {
    "task_done" -> IpsrtEvent.TaskDone(day(e["date"]), enumOf(e["task"]))
    "intermediate_started" -> IpsrtEvent.IntermediateStarted(day(e["date"]))
    "final_started" -> IpsrtEvent.FinalStarted(day(e["date"]))
    "ended" -> IpsrtEvent.Ended(day(e["date"]))
    else -> throw AssertionError("no typed form in this test for the IPSRT event ${e["type"]}")
}

/** The typed form of one entry's event (the vectors hold the core's form). */
fun typedCareEvent(e: Map<String, Any?>): CareEvent = when (str(e["type"])) {
    "patient_registered" -> CareEvent.PatientRegistered(str(e["patient_ref"]), ZoneId.of(str(e["zone"])))
    "zone_changed" -> CareEvent.ZoneChanged(ZoneId.of(str(e["zone"])))
    // The schedule in the vector is a document: read it with the schedule's document door.
    "schedule_set" -> CareEvent.ScheduleSet(scheduleFromJson(
        Json.write(mapOf("schema" to "ipsrt.schedule", "version" to 1.0, "data" to e["schedule"]))))
    "course_started" -> CareEvent.CourseStarted(
        str(e["course"]), e["previous"] as String?, enumOf(obj(e["protocol"])["key"]), enumOf(e["taxonomy"]))
    "course_event" -> CareEvent.CourseEvent(str(e["course"]), courseEvent(obj(e["event"])))
    // The vector's IPSRT protocol is the default one (checked by the comparison of the stored log).
    "ipsrt_course_started" -> CareEvent.IpsrtCourseStarted(str(e["course"]), e["previous"] as String?)
    "ipsrt_course_event" -> CareEvent.IpsrtCourseEvent(str(e["course"]), ipsrtEvent(obj(e["event"])))
    // The vector's protocol is the default one (checked by the comparison of the stored log).
    "episode_started" -> CareEvent.EpisodeStarted(enumOf(e["polarity"]), long(e["prior_episodes"]), null, null)
    "episode_changed" -> CareEvent.EpisodeChanged(enumOf(e["event"]), e["polarity"]?.let { enumOf<EpisodePolarity>(it) })
    // The plan in the vector is a document (signs, contacts, crisis plan): its document door.
    "relapse_plan_version" -> CareEvent.RelapsePlanVersion(str(e["plan_id"]), RelapsePlan.fromPlanJson(Json.write(e["plan"])))
    "observation" -> CareEvent.Observation(observed(obj(e["observed"])))
    "measure_answered" -> CareEvent.MeasureAnswered(
        enumOf(e["instrument"]), obj(e["answers"]).mapValues { (it.value as Double).toInt() })
    "diary_started" -> CareEvent.DiaryStarted(
        mapOf("srm_5" to SrmFormKind.SRM5, "srm_17" to SrmFormKind.SRM17).getValue(str(obj(e["form"])["type"])))
    "diary_day" -> CareEvent.DiaryDay(diaryItems(e["items"]), (e["mood"] as Double?)?.toInt())
    "medication_plan_set" -> CareEvent.MedicationPlanSet(list(e["doses"]).map { obj(it) }.map {
        ScheduledDose(str(it["id"]), str(it["medication"]), clock(it["time"]), it["anchor"]?.let { a -> enumOf<Anchor>(a) })
    })
    "dose_recorded" -> CareEvent.DoseRecorded(str(e["dose"]), dose(e["outcome"]))
    // The vector's settings are the shipped defaults (checked by the comparison of the stored log).
    "rhythm_plan_started" -> CareEvent.RhythmPlanStarted(day(e["baseline_start"]), null)
    "rhythm_plan_changed" -> CareEvent.RhythmPlanChanged(rhythmEvent(obj(e["event"])))
    "ips_journey_linked" -> CareEvent.IpsJourneyLinked(str(e["journey_id"]))
    "excused" -> CareEvent.Excused(str(e["reason"]))
    "acknowledged" -> CareEvent.Acknowledged(str(e["action"]))
    "correction" -> CareEvent.Correction(str(e["target"]), str(e["reason"]), correctable(typedCareEvent(obj(e["replacement"]))))
    "retraction" -> CareEvent.Retraction(str(e["target"]), str(e["reason"]))
    else -> throw AssertionError("unknown care entry kind ${e["type"]}")
}

private fun correctable(e: CareEvent): CareCorrectable = when (e) {
    is CareEvent.Observation -> CareCorrectable.Observation(e.observed)
    is CareEvent.MeasureAnswered -> CareCorrectable.MeasureAnswered(e.instrument, e.answers)
    is CareEvent.DiaryDay -> CareCorrectable.DiaryDay(e.items, e.mood)
    is CareEvent.DoseRecorded -> CareCorrectable.DoseRecorded(e.dose, e.outcome)
    is CareEvent.Excused -> CareCorrectable.Excused(e.reason)
    is CareEvent.CourseEvent -> CareCorrectable.CourseEvent(e.course, e.event)
    is CareEvent.EpisodeChanged -> CareCorrectable.EpisodeChanged(e.event, e.polarity)
    is CareEvent.IpsrtCourseEvent -> CareCorrectable.IpsrtCourseEvent(e.course, e.event)
    else -> throw AssertionError("$e cannot be corrected")
}

/** Appends one vector entry (core form) through the typed API. */
fun appendTyped(record: CareRecord, entry: Map<String, Any?>) {
    val occurrence = entry["occurrence"]?.let { obj(it) }?.let { OccurrenceId(str(it["task"]), day(it["date"]), clock(it["slot"])) }
    record.append(str(entry["id"]), zoned(entry["recorded_at"]), day(entry["effective"]), str(entry["author"]),
        typedCareEvent(obj(entry["event"])), entry["at"]?.let(::zoned), occurrence)
}

@Suppress("UNCHECKED_CAST")
fun careEntryTests(t: Tests) {
    val doc = obj(Json.parse(vectorFile("care/entry_kinds.json").readText()))
    val logDoc = obj(Json.parse(File(repoRoot, str(doc["log"])).readText()))
    val entries = list(obj(logDoc["data"])["entries"]).map { obj(it) } + list(doc["extra"]).map { obj(it) }
    val kinds = strs(doc["kinds"])

    // Build the record through the typed API, once; the tests below read it.
    var built: CareRecord? = null
    var stored: List<Map<String, Any?>> = emptyList()
    t.test("care typed: the ${entries.size} entries of the shared vectors append through CareRecord.append") {
        val record = CareRecord()
        for (e in entries) {
            try { appendTyped(record, e) } catch (x: Exception) { throw AssertionError("entry ${e["id"]}: $x", x) }
        }
        checkEq(entries.size, record.entries().size, "entries")
        checkEq(kinds.toSet(), entries.map { str(obj(it["event"])["type"]) }.toSet(), "the vectors hold every kind")
        stored = list(obj(Json.parse(record.logJson()))["data"].let { obj(it)["entries"] }).map { obj(it) }
        built = record
    }
    for (kind in kinds) {
        val ofKind = entries.filter { str(obj(it["event"])["type"]) == kind }
        t.test("care typed: $kind (${ofKind.size} entries) stored exactly as in the vectors") {
            check(ofKind.isNotEmpty()) { "the vectors have no $kind entry" }
            val byId = stored.associateBy { str(it["id"]) }
            for (want in ofKind) {
                val got = byId[str(want["id"])] ?: throw AssertionError("entry ${want["id"]} not stored")
                check(jsonEquals(want, got)) { "entry ${want["id"]}:\n want ${Json.write(want)}\n got  ${Json.write(got)}" }
            }
        }
    }

    t.test("care typed: the typed record derives what the shared vectors say (data gaps, alerts, plan versions by date)") {
        val record = built ?: throw AssertionError("the record was not built")
        val status = obj(Json.parse(vectorFile("care/status.json").readText()))
        val want = obj(status["record"])
        // Without the extra entries the record is the shared one: compare with its JSON.
        val shared = CareRecord.fromLogJson(File(repoRoot, str(doc["log"])).readText())
        val derived = shared.derivedObservations().map {
            when (val e = it.evidence) {
                is CareDerivedEvidence.DataGap -> mapOf("id" to it.id, "date" to it.date.toString(), "days" to e.days.toDouble(),
                    "since" to e.since.toString(), "last_entry" to e.lastEntry)
                is CareDerivedEvidence.MissedRun -> mapOf("id" to it.id, "date" to it.date.toString(), "count" to e.count.toDouble(),
                    "ended_by" to e.endedBy, "occurrences" to e.occurrences, "task" to e.task)
                is CareDerivedEvidence.Other -> throw AssertionError("untyped evidence ${e.kind}")
            }
        }
        checkEq(want["derived"], derived, "derived observations")
        shared.derivedObservations().forEach {
            when (val e = it.evidence) {
                is CareDerivedEvidence.DataGap -> {
                    checkEq(e.observedOn, it.date, "observed on")
                    check(e.tasks.isNotEmpty() && e.scheduleEntry.isNotEmpty()) { "$e" }
                    check(it.observed is Observed.NoRecentEntries) { "${it.observed}" }
                }
                is CareDerivedEvidence.MissedRun -> {
                    checkEq(e.observedOn, it.date, "observed on")
                    checkEq(Observed.MissedOccurrences(e.task, e.count.toInt()), it.observed)
                }
                is CareDerivedEvidence.Other -> throw AssertionError("untyped evidence ${e.kind}")
            }
        }
        // Every alert's evidence: entries of the log, or a derived observation's evidence.
        for (a in shared.alerts()) {
            check(a.evidence.isNotEmpty() || a.derivedEvidence.isNotEmpty() || a.to < a.from) { "alert without evidence: $a" }
            checkEq(a.reasons.size, a.rules.size, "a rule per reason")
        }
        // The relapse plan in force on a date, by version.
        // Before the first version's date the earliest version applies; a record without plans has none.
        checkEq(1, record.planOn(LocalDate.of(2026, 1, 4))?.version, "the earliest version before its date")
        checkEq(null, CareRecord().planOn(LocalDate.of(2026, 4, 6)), "no plan in an empty record")
        checkEq(1, record.planOn(LocalDate.of(2026, 4, 5))?.version)
        checkEq(2, record.planOn(LocalDate.of(2026, 4, 6))?.version)
        checkEq(listOf(1, 2), record.relapsePlans().map { it.version })
        checkEq("rp", record.planInForce()?.planId)
        check(record.planInForce()!!.plan.crisisContacts().isNotEmpty()) { "the plan's contacts" }
        // The excusal (corrected) and the retraction of the extra entries.
        checkEq(listOf(Excusal(OccurrenceId("srm", LocalDate.of(2026, 7, 4), LocalTime.of(21, 0)), "inpatient stay (ward 3)")),
            record.excusals())
        check(record.completions().none { it.occurrence.date == LocalDate.of(2026, 7, 3) }) { "the retracted diary day" }
        checkEq(CareEntryState.RETRACTED, record.entries().first { it.id == "e-0269" }.state)
        checkEq("ips-P-0042", record.ipsJourney())
        check(record.decisions().isNotEmpty() && record.decisions().all { it.planId == "rp" }) { "decisions" }
        check(record.unevaluated().isEmpty()) { "${record.unevaluated()}" }
    }

    t.test("care typed: status during the diary gap gives data gaps, missed streaks and the derived observation") {
        val record = CareRecord.fromLogJson(File(repoRoot, str(doc["log"])).readText())
        val s = record.status(LocalDate.of(2026, 6, 13), null)
        val srm = s.dataGaps.single { it.task == "srm" }
        check(srm.days >= 1 && srm.since < LocalDate.of(2026, 6, 13)) { "$srm" }
        check(s.missedStreaks.any { it.task == "srm" && it.current >= 1 && it.lastMissed != null }) { "${s.missedStreaks}" }
        check(s.missed.isNotEmpty()) { "missed" }
        // The data gap and the run of missed diary days, both derived from the log.
        check(s.derivedObservations.any { it.observed is Observed.NoRecentEntries }) { "${s.derivedObservations}" }
        check(s.derivedObservations.any { it.observed == Observed.MissedOccurrences("srm", 3) }) { "${s.derivedObservations}" }
        checkEq(s.reasons.size, s.rules.size, "a rule per reason")
        check(s.historyLevel == s.alertLevel || s.lateEntries.isNotEmpty()) { "history level" }
    }

    t.test("care typed: a bad typed entry is refused and changes nothing") {
        val record = CareRecord.fromLogJson(File(repoRoot, str(doc["log"])).readText())
        val before = record.logJson()
        val at = ZonedDateTime(LocalDateTime.of(2026, 7, 10, 9, 0), ZoneId.of("Europe/Amsterdam"))
        val day = LocalDate.of(2026, 7, 10)
        // A correction of a plan version (not correctable by design) is not expressible: the
        // replacement is a CareCorrectable. Values the core refuses:
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-1", at, day, "dr", CareEvent.EpisodeStarted(EpisodePolarity.DEPRESSIVE, 0L, 120L, null))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-2", at, day, "dr", CareEvent.CourseEvent("ipsrt-2",
                IptEvent.SessionRecorded(-1L, Attendance.ATTENDED, null, null)))
        }
        expectThrows<IpsrtException.NotFound> {
            record.append("b-3", at, day, "dr", CareEvent.CourseEvent("no-such-course", IptEvent.MiddlePhaseStarted))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-4", at, day, "dr", CareEvent.Excused("no occurrence named"))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-5", at, day, "patient app", CareEvent.DiaryDay(emptyList(), 6))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-6", at, day, "dr", CareEvent.RhythmPlanStarted(day, RhythmPlanSettings(holdDays = -3L, decidedBy = "clinic")))
        }
        // IPSRT events: not for an IPT course, dated on the entry's date, never an IPT event.
        val ipsrtError = expectThrows<IpsrtException.InvalidInput> {
            record.append("b-7", at, day, "dr", CareEvent.IpsrtCourseEvent("ipsrt-2", IpsrtEvent.TaskDone(day, IpsrtTask.LIFE_CHART)))
        }
        check("ipsrt_course_started" in ipsrtError.message.orEmpty()) { "${ipsrtError.message}" }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-8", at, day, "dr", CareEvent.IpsrtCourseEvent("ipsrt-2", IpsrtEvent.TaskDone(day.plusDays(1), IpsrtTask.LIFE_CHART)))
        }
        expectThrows<IpsrtException.InvalidInput> {
            record.append("b-9", at, day, "dr", CareEvent.IpsrtCourseEvent("ipsrt-2",
                IpsrtEvent.IptCourse(day, "middle_phase_started", IptEvent.MiddlePhaseStarted, "{}")))
        }
        checkEq(before, record.logJson(), "a refused entry changed the log")
    }
}
