// Entry point of the JVM tests of the ipsrt bindings: runs every suite and prints the line
// "kotlin: N passed, N failed" that CI reads. Exits 1 on any failure.
package org.ipsrt.tests

import kotlin.system.exitProcess

fun main() {
    val t = Tests()
    for (suite in suites) suite(t)
    println(t.summary())
    if (t.failed > 0 || t.passed == 0) exitProcess(1)
}
