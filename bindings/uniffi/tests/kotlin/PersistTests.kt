package org.ipsrt.tests

import org.ipsrt.*

/** Loaders by schema name: every persisted type the binding wraps. */
val loaders: Map<String, (String) -> String> = mapOf(
    "ipsrt.group" to { j -> Group.fromJson(j).toJson() },
    "ipsrt.relapse_plan" to { j -> RelapsePlan.fromJson(j).toJson() },
    "ipsrt.alert_machine" to { j -> AlertMachine.fromJson(j).toJson() },
    "ipsrt.srm_diary" to { j -> SrmDiary.fromJson(j).toJson() },
    "ipsrt.course" to { j -> Course.fromJson(j).toJson() },
    "ipsrt.rhythm_plan" to { j -> RhythmPlan.fromJson(j).toJson() },
    "ipsrt.medication_log" to { j -> MedicationLog.fromJson(j).toJson() },
    "ipsrt.employment_journey" to { j -> EmploymentJourney.fromJson(j).toJson() },
    "ipsrt.episode_course" to { j -> EpisodeCourse.fromJson(j).toJson() },
    "ipsrt.life_chart" to { j -> LifeChart.fromJson(j).toJson() },
    "ipsrt.score_series" to { j -> ScoreSeries.fromJson(j).toJson() },
    "ipsrt.ipsrt_course" to { j -> IpsrtCourse.fromJson(j).toJson() },
    "ipsrt.observation_log" to { j -> ObservationLog.fromJson(j).toJson() },
    "ipsrt.ips_caseload" to { j -> ipsCaseloadRoundtrip(j) },
    "ipsrt.ips_fidelity_review" to { j -> ipsFidelityReviewRoundtrip(j) },
)

fun persistTests(t: Tests) {
    val dir = vectorFile("persist")
    val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
    check(files.isNotEmpty()) { "no fixtures in $dir" }
    var covered = 0
    fun versionOfFile(f: java.io.File) = f.name.substringAfterLast(".v").substringBefore(".json").toLong()
    val newestVersion = files.groupBy { it.name.substringBefore(".v") }.mapValues { (_, fs) -> fs.maxOf { versionOfFile(it) } }
    for (f in files) {
        val schema = f.name.substringBefore(".v")
        val load = loaders[schema] ?: continue
        covered++
        t.test("vectors persist/${f.name}: Kotlin loads it and writes the same JSON (an older version: the migrated JSON)") {
            val text = f.readText()
            if (versionOfFile(f) == newestVersion[schema]) checkJsonEq(text, load(text), f.name)
            else checkJsonEq(normalizeSnapshot(text), load(text), "${f.name} migrated")
        }
    }
    val missing = files.map { it.name.substringBefore(".v") }.filter { it !in loaders }
    println("      persist fixtures: $covered loaded by their object, ${missing.size} only through normalizeSnapshot: ${missing.joinToString()}")
    // A schema's newest fixture is its current version: it normalises to itself. An older one
    // (ipsrt.srm_scoring_options.v1 next to v2) migrates to the current version (the migration's
    // rule is the core's, tested in crates/ipsrt/tests/persist_*.rs), and that form is stable.
    fun versionOf(f: java.io.File) = f.name.substringAfterLast(".v").substringBefore(".json").toLong()
    val newest = files.groupBy { it.name.substringBefore(".v") }.mapValues { (_, fs) -> fs.maxOf { versionOf(it) } }
    for (f in files) {
        t.test("vectors persist/${f.name}: normalizeSnapshot gives back the same JSON (or the current version's); snapshotInfo reads the envelope") {
            val text = f.readText()
            val schema = f.name.substringBefore(".v")
            val normal = normalizeSnapshot(text)
            if (versionOf(f) == newest[schema]) checkJsonEq(text, normal, f.name)
            else {
                checkEq(newest[schema], snapshotInfo(normal).version, "version after migrating ${f.name}")
                checkJsonEq(normal, normalizeSnapshot(normal), "${f.name} migrated, normalised again")
            }
            val info = snapshotInfo(text)
            checkEq(schema, info.schema); checkEq(versionOf(f), info.version); checkEq(true, info.readable)
        }
    }
    t.test("snapshot: unknown schema and newer version") {
        checkEq(false, snapshotInfo("""{"schema":"ipsrt.course","version":99,"data":{}}""").readable)
        checkEq(false, snapshotInfo("""{"schema":"ipsrt.nothing","version":1,"data":{}}""").readable)
        expectThrows<IpsrtException.Schema> { normalizeSnapshot("""{"schema":"ipsrt.nothing","version":1,"data":{}}""") }
        expectThrows<IpsrtException.Schema> { normalizeSnapshot("""{"data":{}}""") }
        expectThrows<IpsrtException.Parse> { normalizeSnapshot("[") }
    }
    t.test("persist: a newer version is refused with Schema, garbage with Parse") {
        val e = expectThrows<IpsrtException.Schema> { Group.fromJson("""{"schema":"ipsrt.group","version":99,"data":{}}""") }
        check(e.message!!.contains("upgrade ipsrt")) { e.message!! }
        expectThrows<IpsrtException.Schema> { Group.fromJson("""{"schema":"ipsrt.other","version":1,"data":{}}""") }
        expectThrows<IpsrtException.Parse> { Group.fromJson("{\"schema\":") }
    }
}
