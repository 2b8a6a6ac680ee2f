// Kotlin that reads like Kotlin: typed clock times, readable data-less cases, IpsrtException.Closed
// after close(), signed integers with range checks, and the thread-safety rule in every object's
// KDoc. Some checks read the generated Kotlin itself (path from -Dipsrt.generated, set by
// scripts/test-kotlin.sh).
package org.ipsrt.tests

import org.ipsrt.*
import java.io.File
import java.time.LocalDate
import java.time.LocalTime

/** The generated bindings' source, as the test script generated them. */
private fun generatedKotlin(): List<String> {
    val path = System.getProperty("ipsrt.generated")
        ?: File(repoRoot, "target/uniffi/org/ipsrt/ipsrt_ffi.kt").path
    return File(path).readLines()
}

/** The declaration a line of the generated Kotlin belongs to: its function, or its class. */
private fun ownerOf(lines: List<String>, i: Int): String {
    Regex("fun `(\\w+)`").find(lines[i])?.let { return it.groupValues[1] }
    for (j in i downTo 0) {
        Regex("^\\s*(?:data class|class|sealed class|open class|enum class) `?(\\w+)").find(lines[j])?.let { return it.groupValues[1] }
    }
    return "?"
}

fun kotlinIdiomTests(t: Tests) {
    t.test("kotlin: a data-less case prints its name, not Class\$Case@hash") {
        checkEq("Complete", TotalStatus.Complete.toString())
        checkEq("NotDone", SrmStatus.NotDone.toString())
        checkEq("NotRecorded", SrmStatus.NotRecorded.toString())
        checkEq("Missed", OccurrenceState.Missed.toString())
        checkEq("Completed", CourseEnding.Completed.toString())
        checkEq("CheckIn", Observed.CheckIn.toString())
        checkEq("Missed", DoseOutcome.Missed.toString())
        // A case with data keeps its data class form.
        checkEq("Done(time=07:05)", SrmStatus.Done(LocalTime.of(7, 5)).toString())
        // Every data-less case of every sealed class is a `data object` (uniffi writes `object`;
        // bindings/uniffi-bindgen turns them into data objects).
        val plain = generatedKotlin().filter { Regex("^\\s{4}object \\w+ : \\w+\\(\\)\\s*$").matches(it) }
        checkEq(emptyList<String>(), plain, "data-less cases that are not data objects")
    }

    t.test("kotlin: an object used after close() throws IpsrtException.Closed, also as an argument") {
        val diary = SrmDiary(SrmFormKind.SRM5)
        diary.close()
        val e = expectThrows<IpsrtException.Closed> { diary.entries() }
        check(e.message!!.contains("SrmDiary") && e.message!!.contains("close()")) { "message was: ${e.message}" }
        val plan = RelapsePlan(LocalDate.of(2026, 1, 1), Region.NL)
        val machine = AlertMachine()
        plan.close()
        expectThrows<IpsrtException.Closed> { machine.observe(plan, LocalDate.of(2026, 3, 1), Observed.CheckIn) }
        checkEq(AlertLevel.GREEN, machine.level(), "the machine is unchanged")
        val course = Course.create(LocalDate.of(2026, 1, 5), ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        course.use { it.phase() }
        expectThrows<IpsrtException.Closed> { course.phase() }
        // It is an IpsrtException like every other error of the library.
        check(e is IpsrtException)
    }

    t.test("kotlin: counts are Int/Long; out of range is InvalidInput naming the argument and range") {
        val r = expectThrows<IpsrtException.InvalidInput> { recurrenceRisks(-1L) }
        check(r.message!!.contains("prior_episodes -1") && r.message!!.contains("0 to 4294967295")) { "message was: ${r.message}" }
        val g = expectThrows<IpsrtException.InvalidInput> { Group.withSize(GroupType.IPT_G, -2L, 8L, "clinic") }
        check(g.message!!.contains("min_members")) { "message was: ${g.message}" }
        val o = expectThrows<IpsrtException.InvalidInput> {
            AlertMachine().observe(RelapsePlan(LocalDate.of(2026, 1, 1), Region.NL), LocalDate.of(2026, 3, 1), Observed.Phq9(300, null))
        }
        // A field inside a tagged sealed class is not named (serde cannot track the path through
        // the tag); the value and the range are.
        check(o.message!!.contains("300") && o.message!!.contains("0 to 255")) { "message was: ${o.message}" }
        val d = expectThrows<IpsrtException.InvalidInput> { classifyDose(LocalTime.of(8, 0), LocalTime.of(9, 0), 70000) }
        check(d.message!!.contains("late_after_minutes") && d.message!!.contains("0 to 65535")) { "message was: ${d.message}" }
        checkEq(1L, EpisodeCourse(LocalDate.of(2026, 1, 5)).episodeNumber())
    }

    t.test("kotlin: no unsigned types in the generated API") {
        val lines = generatedKotlin()
        val found = lines.indices
            .filter { Regex("kotlin\\.U(Int|Long|Byte|Short)\\b").containsMatchIn(lines[it]) }
            .filter { Regex("^\\s*(val|var) `|fun `").containsMatchIn(lines[it]) }
            .map { ownerOf(lines, it) to lines[it].trim() }
        checkEq(emptyList<Pair<String, String>>(), found, "declarations with UInt/ULong/UByte/UShort")
    }

    t.test("kotlin: every object's KDoc says whether it is safe to share between threads") {
        val lines = generatedKotlin()
        val objects = lines.indices.filter { Regex("^open class \\w+\\s*:.*Disposable, AutoCloseable").containsMatchIn(lines[it]) }
        check(objects.size >= 12) { "found ${objects.size} object classes" }
        val missing = objects.filter { i -> (maxOf(0, i - 30) until i).none { lines[it].contains("**Threads:**") } }
            .map { lines[it] }
        checkEq(emptyList<String>(), missing, "object classes without a Threads: paragraph")
    }
}
