package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime

fun errorTests(t: Tests) {
    t.test("errors: one exception class per kind, carrying the core's message") {
        val e = expectThrows<IpsrtException.InvalidInput> { parseClockTime("24:00") }
        check(e.message!!.contains("24-hour clock")) { "message was: ${e.message}" }
        check(e.message!!.contains("\"24:00\"")) { "message was: ${e.message}" }
        val nf = expectThrows<IpsrtException.NotFound> { referenceFor("NO-SUCH-KEY") }
        check(nf.message!!.contains("references()")) { "message was: ${nf.message}" }
    }
    t.test("errors: a panic inside Rust becomes IpsrtException.Internal, and the library keeps working") {
        checkEq(50, panicProbe(2), "100 / 2")
        // Rust prints its panic message on stderr before the guard catches it; say it is expected.
        System.err.println(
            "(expected) the panic probe panics on purpose: the next line, " +
                "\"panicked at ... attempt to divide by zero\", is not a failure",
        )
        System.err.flush()
        val e = expectThrows<IpsrtException.Internal> { panicProbe(0) }
        check(e.message!!.contains("caught a panic")) { "message was: ${e.message}" }
        check(e.message!!.contains("divide by zero")) { "message was: ${e.message}" }
        // The JVM and the library are still fine after the caught panic.
        checkEq(25, panicProbe(4), "100 / 4")
        checkEq(425, clockTimeMinutes(parseClockTime("07:05")), "minutes")
    }
    t.test("errors: a custom-type argument the core refuses is an InvalidInput, not a crash") {
        // ClockTime is java.time.LocalTime; one with seconds is refused on the Rust side.
        val e = expectThrows<IpsrtException.InvalidInput> { clockTimeMinutes(LocalTime.of(7, 5, 1)) }
        check(e.message!!.contains("HH:MM")) { "message was: ${e.message}" }
    }
    t.test("errors: a 10 MB value gives a message under 1 KB (its start and its length)") {
        val huge = "7".repeat(10_000_000)
        val e = expectThrows<IpsrtException.InvalidInput> { parseClockTime(huge) }
        check(e.message!!.length < 1024) { "message of ${e.message!!.length} characters" }
        check(e.message!!.contains("(10000000 bytes)")) { "message was: ${e.message!!.take(300)}" }
        val s = expectThrows<IpsrtException.Schema> { SrmDiary.fromJson("{\"schema\":\"$huge\",\"version\":1,\"data\":{}}") }
        check(s.message!!.length < 1024) { "message of ${s.message!!.length} characters" }
        check(s.message!!.contains("(10000000 bytes)")) { "message was: ${s.message!!.take(300)}" }
    }
    t.test("errors: a message names operations as Kotlin calls them (addPerson, not person_added)") {
        val names = operationNames()
        checkEq("addPerson", names["person_added"], "person_added in Kotlin")
        // Every name in the table is a real method of Course, or (outside the course) the
        // function or event case named here by reference: renaming one breaks this test, most
        // at compile time.
        val methods = Course::class.java.methods.map { it.name }.toSet()
        val outsideTheCourse = mapOf(
            "termination_started" to Course::startTermination.name,
            "intermediate_started" to IpsrtCourse::startIntermediate.name,
            "task_done" to IpsrtCourse::recordTaskDone.name,
            "correct" to MedicationLog::correct.name,
            "recurrence_risks" to ::recurrenceRisks.name,
            "to_json" to Course::toJson.name,
            "referred" to "GroupEvent." + GroupEvent.Referred::class.java.simpleName,
            "re_entered" to "IpsJourneyEvent." + IpsJourneyEvent.ReEntered::class.java.simpleName,
            "anchor_added" to "RhythmPlanEvent." + RhythmPlanEvent.AnchorAdded::class.java.simpleName,
        )
        for ((json, kotlin) in names) {
            val expected = outsideTheCourse[json]
            if (expected != null) checkEq(expected, kotlin, "$json in Kotlin")
            else check(kotlin in methods) { "$json -> $kotlin is not a method of Course" }
        }
        check(outsideTheCourse.keys.all { it in names }) { "${outsideTheCourse.keys - names.keys} are not operations" }
        // The same refusals outside the course name the Kotlin calls.
        val risk = expectThrows<IpsrtException.NotFound> { recurrenceRisk(RiskBasis.SEED_S2, 3L) }
        check(risk.message!!.contains("use recurrenceRisks to list")) { "message was: ${risk.message}" }
        val g = Group(GroupType.PROCESS_GROUP)
        val stranger = expectThrows<IpsrtException.NotFound> {
            g.apply(GroupEvent.Left("ann", java.time.LocalDate.of(2026, 1, 5), LeaveReason.WITHDREW))
        }
        check(stranger.message!!.contains("refer them first (GroupEvent.Referred)")) { "message was: ${stranger.message}" }
        val stored = expectThrows<IpsrtException.Schema> { AlertMachine.fromJson("{}") }
        check(stored.message!!.contains("write it with toJson")) { "message was: ${stored.message}" }
        val d0 = java.time.LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val e = expectThrows<IpsrtException.NotFound> { c.removePerson(d0, "nobody") }
        check(e.message!!.contains("add them first (addPerson)")) { "message was: ${e.message}" }
        check(!e.message!!.contains("person_added")) { "message was: ${e.message}" }
        val m = expectThrows<IpsrtException.IllegalTransition> { c.startMiddlePhase(d0) }
        for (kotlin in listOf("recordDiagnosis", "recordSickRole", "addPerson", "chooseProblemArea", "setContract")) {
            check(m.message!!.contains("($kotlin)")) { "message lacks ($kotlin): ${m.message}" }
        }
    }
    t.test("errors: a course refusal inside an IPSRT course or a care record names addPerson") {
        val d0 = java.time.LocalDate.of(2026, 1, 5)
        val ipsrt = IpsrtCourse.create(d0)
        val nested = expectThrows<IpsrtException.InvalidInput> { ipsrt.applyIptEvent(d0, IptEvent.PersonRemoved("anna")) }
        check(nested.message!!.startsWith("the course model rejected the event: person anna")) { "message was: ${nested.message}" }
        check(nested.message!!.endsWith("add them first (${Course::addPerson.name})")) { "message was: ${nested.message}" }
        check(!nested.message!!.contains("person_added")) { "message was: ${nested.message}" }
        val record = CareRecord()
        val at = ZonedDateTime(d0.atTime(9, 0), java.time.ZoneId.of("Europe/Amsterdam"))
        record.append("e-1", at, d0, "dr", CareEvent.PatientRegistered("P-1", java.time.ZoneId.of("Europe/Amsterdam")))
        record.append("e-2", at, d0, "dr", CareEvent.CourseStarted("c1", null, ProtocolId.WMK_ACUTE, Taxonomy.WMK4))
        val care = expectThrows<IpsrtException.NotFound> {
            record.append("e-3", at, d0, "dr", CareEvent.CourseEvent("c1", IptEvent.PersonRemoved("anna")))
        }
        check(care.message!!.endsWith("add them first (${Course::addPerson.name})")) { "message was: ${care.message}" }
        check(!care.message!!.contains("person_added")) { "message was: ${care.message}" }
        checkEq(2, record.entries().size)
        // A stored course whose log no longer replays: the loader keeps the replay's error too.
        @Suppress("UNCHECKED_CAST")
        val stored = Json.parse(vectorFile("persist/ipsrt.course.v6.json").readText()) as MutableMap<String, Any?>
        @Suppress("UNCHECKED_CAST")
        val events = (stored["data"] as MutableMap<String, Any?>)["events"] as MutableList<Any?>
        @Suppress("UNCHECKED_CAST")
        val last = (events.last() as Map<String, Any?>)["date"]
        events.add(mapOf("date" to last, "event" to mapOf("type" to "person_removed", "person_id" to "anna")))
        val loaded = expectThrows<IpsrtException.InvalidInput> { Course.fromJson(Json.write(stored)) }
        check(loaded.message!!.contains("add them first (${Course::addPerson.name})")) { "message was: ${loaded.message}" }
        check(!loaded.message!!.contains("person_added")) { "message was: ${loaded.message}" }
        // A stored IPSRT course replays inside the JSON reader (text only): the load runs with
        // the Kotlin names installed, so its message names addPerson as well.
        @Suppress("UNCHECKED_CAST")
        val storedIpsrt = Json.parse(vectorFile("persist/ipsrt.ipsrt_course.v3.json").readText()) as MutableMap<String, Any?>
        @Suppress("UNCHECKED_CAST")
        val ipsrtData = storedIpsrt["data"] as MutableMap<String, Any?>
        @Suppress("UNCHECKED_CAST")
        val ipsrtEvents = ipsrtData["events"] as MutableList<Any?>
        val removal = mapOf("date" to ipsrtData["created"], "event" to mapOf("type" to "person_removed", "person_id" to "anna"))
        ipsrtEvents.add(0, mapOf("type" to "course", "record" to removal))
        val loadedIpsrt = expectThrows<IpsrtException> { IpsrtCourse.fromJson(Json.write(storedIpsrt)) }
        check(loadedIpsrt.message!!.contains("add them first (${Course::addPerson.name})")) { "message was: ${loadedIpsrt.message}" }
        check(!loadedIpsrt.message!!.contains("person_added")) { "message was: ${loadedIpsrt.message}" }
    }
}
