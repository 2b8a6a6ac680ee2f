package org.ipsrt.tests

import org.ipsrt.*

/** Loaders by schema name: every persisted type the binding wraps. */
val loaders: Map<String, (String) -> String> = mapOf(
    "ipsrt.group" to { j -> Group.fromJson(j).toJson() },
    "ipsrt.relapse_plan" to { j -> RelapsePlan.fromJson(j).toJson() },
    "ipsrt.alert_machine" to { j -> AlertMachine.fromJson(j).toJson() },
)

fun persistTests(t: Tests) {
    val dir = vectorFile("persist")
    val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
    check(files.isNotEmpty()) { "no fixtures in $dir" }
    var covered = 0
    for (f in files) {
        val schema = f.name.substringBefore(".v")
        val load = loaders[schema] ?: continue
        covered++
        t.test("vectors persist/${f.name}: Kotlin loads it and writes the same JSON") {
            val text = f.readText()
            checkJsonEq(text, load(text), f.name)
        }
    }
    val missing = files.map { it.name.substringBefore(".v") }.filter { it !in loaders }
    println("      persist fixtures: $covered wrapped, not wrapped (yet): ${missing.joinToString()}")
    t.test("persist: a newer version is refused with Schema, garbage with Parse") {
        val e = expectThrows<IpsrtException.Schema> { Group.fromJson("""{"schema":"ipsrt.group","version":99,"data":{}}""") }
        check(e.message!!.contains("upgrade ipsrt")) { e.message!! }
        expectThrows<IpsrtException.Schema> { Group.fromJson("""{"schema":"ipsrt.other","version":1,"data":{}}""") }
        expectThrows<IpsrtException.Parse> { Group.fromJson("{\"schema\":") }
    }
}
