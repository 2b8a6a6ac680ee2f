package org.ipsrt.tests

import org.ipsrt.*

fun sourceTests(t: Tests) {
    t.test("source: the bibliography crosses the boundary") {
        val refs = references()
        check(refs.size >= 5) { "only ${refs.size} references" }
        checkEq("S0", refs.first().key)
        val s2 = referenceFor("S2")
        checkEq(2018, s2.year)
        check(s2.citation.contains("Spaarne")) { s2.citation }
    }
}
