// The list of suites run by Main.kt. Add a suite here when you add a test file.
package org.ipsrt.tests

val suites: List<(Tests) -> Unit> = listOf(
    ::errorTests,
    ::timeTests,
    ::sourceTests,
    ::persistTests,
    ::groupTests,
    ::groupDeparturesTests,
    ::relapseMeasuresTests,
    ::srmTests,
    ::courseTests,
    ::threadTests,
    ::rhythmTests,
    ::ipsTests,
    ::vectorFamiliesTests,
    ::appApiTests,
    ::scheduleTests,
    ::badInputTests,
    ::careTests,
    ::appScenarioTests,
    ::seriesTests,
    ::i18nTests,
    ::kotlinIdiomTests,
)
