// A downstream app in miniature: compiled by scripts/build-jvm.sh with only the shipped jar
// (target/jvm/ipsrt-jvm-<version>.jar) and JNA on the classpath, and run from an empty folder
// with no library path, so the native library must come out of the jar (linux-x86-64/) as it
// does for an app. It also proves the shipped build has no test-only hook (the panic probe).
// Uses only long-stable calls so it does not break when the typed API grows.
package com.example.downstream

import org.ipsrt.IpsrtException
import org.ipsrt.InstrumentId
import org.ipsrt.ipsrtVersion
import org.ipsrt.parseClockTime
import org.ipsrt.references
import org.ipsrt.scoreMeasure

private var failures = 0
private var passed = 0

private fun check(what: String, ok: Boolean, detail: () -> String = { "" }) {
    if (ok) {
        passed++
    } else {
        failures++
        System.err.println("downstream: FAILED: $what ${detail()}")
    }
}

fun main(args: Array<String>) {
    val expectedVersion = args.firstOrNull()
    check("no jna.library.path is set", System.getProperty("jna.library.path") == null)

    // 1. The library loads from the jar and is the version the jar was built from.
    val version = ipsrtVersion()
    check("ipsrtVersion() = $expectedVersion", expectedVersion == null || version == expectedVersion) { "got $version" }

    // 2. A PHQ-9 scores, and its item-9 answer raises the safety flag.
    val score = scoreMeasure(InstrumentId.PHQ9, listOf(1, 2, 0, 1, 1, 0, 0, 1, 1), null, null)
    check("PHQ-9 total is 7", score.total == 7) { "got ${score.total}" }
    check("PHQ-9 item 9 answered 1 raises a safety signal", score.safety.isNotEmpty()) { "json: ${score.json.take(200)}" }

    // 3. A core error arrives as its typed exception with the core's message.
    try {
        parseClockTime("24:00")
        check("parseClockTime(\"24:00\") throws", false)
    } catch (e: IpsrtException.InvalidInput) {
        check("the InvalidInput message quotes the value", e.message.orEmpty().contains("\"24:00\"")) { "message: ${e.message}" }
    }

    // 4. The bibliography is there.
    check("references() lists the bibliography", references().size > 10)

    // 5. The shipped bindings have no test-only hook: no panicProbe in the Kotlin API.
    val api = Class.forName("org.ipsrt.Ipsrt_ffiKt").methods.map { it.name }
    check("the API has scoreMeasure", "scoreMeasure" in api)
    check("the shipped API has no panicProbe (a test-only hook)", api.none { it.startsWith("panicProbe") })

    println("downstream: $passed passed, $failures failed (ipsrt $version, native library loaded from the jar)")
    if (failures > 0) kotlin.system.exitProcess(1)
}
