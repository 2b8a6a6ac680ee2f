// Labels and messages in English and Dutch: the shared label vectors (test-vectors/i18n/, also
// read by Rust and Python), band and safety texts, guidance, advice, and refused locales.
package org.ipsrt.tests

import org.ipsrt.*

@Suppress("UNCHECKED_CAST")
private fun labelCases(): List<Map<String, Any?>> =
    (Json.parse(vectorFile("i18n/labels.json").readText()) as Map<String, Any?>)["cases"] as List<Map<String, Any?>>

fun i18nTests(t: Tests) {
    t.test("i18n: the shared label vectors") {
        val cases = labelCases()
        check(cases.size >= 20) { "only ${cases.size} label cases" }
        for (c in cases) {
            val kind = c["kind"] as String
            val code = c["code"] as String
            val expected = c["label"] as String
            val got = when (kind) {
                "locale" -> parseLocale(code).name.lowercase()
                "band" -> {
                    val (instrument, band) = code.split("/")
                    val loc = parseLocale(c["locale"] as String)
                    bandLabel(InstrumentId.valueOf(instrument.uppercase()), band, loc)
                }
                else -> label(kind, code, parseLocale(c["locale"] as String), c["taxonomy"] as String?)
            }
            checkEq(expected, got, c["name"] as String)
        }
    }
    t.test("i18n: safety texts, guidance and advice in Dutch; English unchanged") {
        val nl = safetyDescription(InstrumentId.PHQ9, "phq9_item9", LabelLocale.NL)!!
        check(nl.startsWith("gedachten dat je beter dood zou zijn")) { nl }
        checkEq(null, bandLabel(InstrumentId.PHQ9, "no_such_band", LabelLocale.NL))
        checkEq(listOf("Volg je dagelijkse onderhoudsplan."), defaultGuidance(LabelLocale.NL).green)
        checkEq(listOf("Follow the daily maintenance plan."), defaultGuidance(LabelLocale.EN).green)
        check(errorAdvice("illegal_transition", LabelLocale.NL).startsWith("Er is niets gewijzigd"))
        checkEq(LabelLocale.NL, localeFromEnv(null, null, "nl_BE.UTF-8"))
        checkEq(LabelLocale.EN, localeFromEnv("C", null, "nl_BE.UTF-8"))
        checkEq(LabelLocale.NL, parseLocale(java.util.Locale.forLanguageTag("nl-BE").toLanguageTag()))
        checkEq("Nederland", label("region", "NL", LabelLocale.NL, null))
        val plan = RelapsePlan(java.time.LocalDate.of(2026, 1, 5), Region.NL)
        checkEq(plan.disclaimer(), plan.disclaimerIn(LabelLocale.EN))
        check(plan.disclaimerIn(LabelLocale.NL).contains("In nood, bel (Nederland): 113 Zelfmoordpreventie")) { plan.disclaimerIn(LabelLocale.NL) }
    }
    t.test("i18n: typed default guidance per alert level, set on a plan; the alert shows it") {
        val nl = defaultGuidance(LabelLocale.NL)
        val en = defaultGuidance(LabelLocale.EN)
        for (g in listOf(nl, en)) {
            for (texts in listOf(g.green, g.watch, g.earlyWarning, g.breakingDown, g.crisis, g.manicProdrome, g.depressiveProdrome))
                check(texts.isNotEmpty() && texts.all { it.isNotBlank() }) { "$g" }
            check(g.source.key.isNotEmpty())
        }
        check(nl.crisis != en.crisis) { "Dutch crisis words are translated" }
        // The JSON escape gives the same words.
        val json = Json.parse(defaultGuidanceJson(LabelLocale.NL)) as Map<*, *>
        checkEq(nl.earlyWarning, json["early_warning"])
        // A new plan shows the English defaults; set the Dutch ones for a Dutch-speaking patient.
        val plan = RelapsePlan(java.time.LocalDate.of(2026, 1, 5), Region.NL)
        checkEq(en, plan.guidance())
        plan.setGuidance(nl)
        checkEq(nl, plan.guidance())
        checkEq(nl, RelapsePlan.fromJson(plan.toJson()).guidance(), "guidance after a snapshot round trip")
        // The clinic's own words at Watch, with its own source.
        val own = nl.copy(watch = listOf("Bel je verpleegkundige."), source = SourceRef("local", "kliniek 2026", Evidence.DESIGN))
        plan.setGuidance(own)
        checkEq(own, plan.guidance())
        // The alert machine shows the plan's words: at Crisis, the crisis words.
        val a = AlertMachine().observe(plan, java.time.LocalDate.of(2026, 3, 1), Observed.Phq9(20, 2), null)
        checkEq(AlertLevel.CRISIS, a.level)
        val actions = (a.transition ?: throw AssertionError("no transition")).actions.map { it.text }
        check(nl.crisis.all { it in actions }) { "crisis actions $actions lack the plan's words ${nl.crisis}" }
    }
    t.test("i18n: unsupported locales, kinds and codes are InvalidInput") {
        for (bad in listOf("de", "C", "", "nederlands")) {
            val e = expectThrows<IpsrtException.InvalidInput> { parseLocale(bad) }
            check(e.message!!.contains("give en or nl")) { e.message!! }
        }
        expectThrows<IpsrtException.InvalidInput> { label("colour", "green", LabelLocale.NL, null) }
        expectThrows<IpsrtException.InvalidInput> { label("alert_level", "amber", LabelLocale.NL, null) }
        expectThrows<IpsrtException.InvalidInput> { label("phase", "middle", LabelLocale.NL, "sr3") }
    }
}
