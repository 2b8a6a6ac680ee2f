// The typed API an app screen uses: inventory editing, the problem-area taxonomy and guide,
// questionnaire definitions, the episode course driven by measured change, recurrence risk,
// and concurrent use of one course from several threads.
package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

@Suppress("UNCHECKED_CAST")
fun appApiTests(t: Tests) {
    t.test("inventory: typed people added, edited with copy(), removed; bad input changes nothing") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val sam = newPerson("partner", "Sam", "partner")
        // Not assessed is null, never a default: no circle, no "no conflict", no "does not confide".
        checkEq(null, sam.circle); checkEq(null, sam.conflict); checkEq(null, sam.confiding)
        checkEq(listOf(PersonFact.CIRCLE, PersonFact.CONFLICT, PersonFact.CONFIDING), personNotAssessed(sam))
        checkEq(ContactFrequency.UNKNOWN, sam.contact); checkEq(null, sam.supportPotential)
        // Default arguments: a Person built in Kotlin leaves them null too.
        val built = Person(id = "x", name = "X", role = "friend", status = RelationshipStatus.CURRENT,
            contact = ContactFrequency.UNKNOWN, sharedActivities = listOf(), satisfying = listOf(), unsatisfying = listOf(),
            expectations = listOf(), reciprocity = null, supportPotential = null, changes = listOf(), desiredChanges = listOf())
        checkEq(null, built.conflict)
        checkEq(listOf(PersonFact.CONFIDING), personNotAssessed(built.copy(circle = Circle.OUTER, conflict = RelationshipConflict.NONE)))
        c.addPerson(d0, sam.copy(circle = Circle.INNER, contact = ContactFrequency.DAILY,
            expectations = listOf(Expectation(Holder.PATIENT, "shares the housework", Met.NO))))
        c.addPerson(d0, newPerson("mother", "Ann", "mother"))
        checkEq(listOf("partner", "mother"), c.inventory().map { it.id })
        val stored = c.person("partner")
        checkEq(Circle.INNER, stored.circle)
        checkEq(Met.NO, stored.expectations.single().met)
        // The same person in the core's JSON form (the one Rust and Python write).
        val json = Json.parse(c.inventoryJson()) as Map<String, Any?>
        val people = json["people"] as List<Map<String, Any?>>
        checkEq("inner", people[0]["circle"]); checkEq("daily", people[0]["contact"])
        // Not assessed is an absent field in the JSON; an assessed "no conflict" is "none".
        check(!people[1].containsKey("circle") && !people[1].containsKey("conflict") && !people[1].containsKey("confiding")) { "${people[1]}" }
        // Edit: the core validates; an out-of-range support potential is refused and nothing changes.
        val before = c.toJson()
        val e = expectThrows<IpsrtException.InvalidInput> { c.updatePerson(d0, stored.copy(supportPotential = 5)) }
        check(e.message!!.contains("support_potential")) { e.message!! }
        expectThrows<IpsrtException.InvalidInput> { c.addPerson(d0, sam) }          // duplicate id
        expectThrows<IpsrtException> { newPerson("x", "  ", "friend") }             // empty name
        checkEq(before, c.toJson(), "course after rejected edits")
        c.updatePerson(d0.plusDays(7), stored.copy(supportPotential = 2, conflict = RelationshipConflict.OVERT, reciprocity = Reciprocity.PATIENT_GIVES_MORE))
        checkEq(2, c.person("partner").supportPotential)
        checkEq(RelationshipConflict.OVERT, c.person("partner").conflict)
        c.removePerson(d0.plusDays(7), "mother")
        expectThrows<IpsrtException.NotFound> { c.person("mother") }
        checkEq(1, c.inventory().size)
        // Life events with all their fields, read back typed; a contested conflict points at a dispute.
        c.recordLifeEventFull(d0.plusDays(7), LifeEvent(LifeEventKind.CONFLICT, d0.minusMonths(1), "partner", true, false, "about moving"))
        checkEq("partner", c.lifeEvents().single().person)
        checkEq(Taxonomy.WMK4, c.taxonomy())
        check(c.suggestProblemAreas().candidates.any { it.area == ProblemAreaKind.ROLE_DISPUTE })
        // Replay reproduces the edits.
        checkEq(c.toJson(), Course.replay(c.eventsJson()).toJson())
    }

    t.test("problem areas: taxonomies, labels, guides with sources, dispute stages") {
        val wmk = taxonomyInfo(Taxonomy.WMK4)
        checkEq(listOf(ProblemAreaKind.GRIEF, ProblemAreaKind.ROLE_DISPUTE, ProblemAreaKind.ROLE_TRANSITION, ProblemAreaKind.INTERPERSONAL_DEFICITS), wmk.areas.map { it.kind })
        checkEq(false, wmk.griefCoversNonDeathLoss)
        val sr3 = taxonomyInfo(Taxonomy.SR3)
        checkEq(3, sr3.areas.size); checkEq(true, sr3.griefCoversNonDeathLoss)
        checkEq("grief and loss", sr3.areas.first { it.kind == ProblemAreaKind.GRIEF }.label)
        checkEq(5, taxonomyInfo(Taxonomy.IPSRT5).areas.size)
        for (tx in Taxonomy.values()) for (a in taxonomyInfo(tx).areas) {
            val g = problemAreaGuide(a.kind, tx)
            check(g.goals.isNotEmpty() && g.strategies.isNotEmpty() && g.appliesWhen.isNotBlank()) { "$tx ${a.kind}" }
            checkEq(a.label, g.label)
            check(referenceFor(g.source.key).citation.isNotBlank()) { "source ${g.source.key}" }
        }
        val e = expectThrows<IpsrtException.InvalidInput> { problemAreaGuide(ProblemAreaKind.INTERPERSONAL_DEFICITS, Taxonomy.SR3) }
        check(e.message!!.contains("sr3")) { e.message!! }
        checkEq(emptyList<DisputeStage>(), disputeStageInfo(DisputeStage.DISSOLUTION).canMoveTo)
        checkEq(listOf(DisputeStage.IMPASSE, DisputeStage.DISSOLUTION), disputeStageInfo(DisputeStage.RENEGOTIATION).canMoveTo)
        check(disputeStageInfo(DisputeStage.IMPASSE).therapistAim.isNotBlank())
    }

    t.test("measures: typed definitions render every questionnaire, JSON agrees") {
        for (id in InstrumentId.values()) {
            val d = instrumentDefinition(id)
            checkEq(id, d.instrument)
            check(d.items.isNotEmpty() && d.title.isNotBlank() && d.source.key.isNotEmpty()) { "$id" }
            checkEq(d.items.map { it.number.toInt() }, (1..d.items.size).toList(), "$id item numbers")
            val json = Json.parse(d.json) as Map<String, Any?>
            checkEq(d.items.map { it.id }, (json["items"] as List<Map<String, Any?>>).map { it["id"] }, "$id items in JSON")
            checkJsonEq(instrumentDefinitionJson(id), d.json, "$id definition JSON")
            // Scoring the lowest answers gives the lowest total.
            val low = scoreMeasure(id, d.items.map { it.min }, null, null)
            checkEq(d.totalMin, low.total, "$id minimum total")
            if (!d.itemTextShipped) check(d.items.all { it.text == null }) { "$id ships no copyrighted text" }
        }
        val phq9 = instrumentDefinition(InstrumentId.PHQ9)
        checkEq(0, phq9.totalMin); checkEq(27, phq9.totalMax)
        check(phq9.itemTextShipped)
        val item9 = phq9.items.first { it.id == "phq9_9" }
        check(item9.text != null && item9.options.size == 4 && item9.options.all { it.label != null }) { "$item9" }
        check(phq9.flags.any { it.id == "item9_positive" })
        checkEq("kroenke_2001", phq9.bandSchemes.first().id)
        checkEq(false, instrumentDefinition(InstrumentId.YMRS).itemTextShipped)
    }

    t.test("episode course: measured change suggests, the clinician applies; illegal moves refused") {
        val start = LocalDate.of(2026, 1, 5)
        val ep = EpisodeCourse(start)
        checkEq(EpisodeState.EPISODE, ep.state()); checkEq(1L, ep.episodeNumber())
        checkEq(182L, ep.recoveryAfterDays()); check(ep.recoveryAfterDaysSource().key.isNotEmpty())
        val baseline = scoreMeasure(InstrumentId.PHQ9, listOf(3, 3, 2, 2, 2, 2, 1, 1, 0), null, null)
        val follow = scoreMeasure(InstrumentId.PHQ9, listOf(1, 1, 1, 0, 0, 0, 0, 0, 0), null, null)
        val change = compareMeasures(baseline, follow)
        checkEq(-13, change.difference); checkEq(InstrumentId.PHQ9, change.instrument)
        checkEq(true, change.remission?.met); checkEq(true, change.response?.met)
        val s = ep.suggest(change, start.plusWeeks(12)) ?: throw AssertionError("no suggestion")
        checkEq(EpisodeEvent.REMIT, s.event)
        check(s.reasons.isNotEmpty())
        checkEq(EpisodeState.EPISODE, ep.state(), "a suggestion is never applied")
        val tr = ep.apply(s.event, s.on)
        checkEq(EpisodeState.EPISODE, tr.from); checkEq(EpisodeState.REMISSION, tr.to)
        // Recovery before the protocol's duration is refused; nothing changes.
        val before = ep.toJson()
        expectThrows<IpsrtException> { ep.apply(EpisodeEvent.RECOVER, s.on.plusDays(30)) }
        expectThrows<IpsrtException.IllegalTransition> { ep.apply(EpisodeEvent.RESPOND, s.on.plusDays(30)) }
        checkEq(before, ep.toJson())
        ep.apply(EpisodeEvent.RECOVER, s.on.plusDays(200))
        ep.apply(EpisodeEvent.RECUR, s.on.plusDays(400))
        checkEq(2L, ep.episodeNumber())
        checkEq(listOf(EpisodeEvent.REMIT, EpisodeEvent.RECOVER, EpisodeEvent.RECUR), ep.history().map { it.event })
        checkEq(ep.toJson(), EpisodeCourse.fromJson(ep.toJson()).toJson())
        checkEq(120L, EpisodeCourse.withRecoveryAfterDays(start, 120L, "clinic protocol 2026").recoveryAfterDays())
        // A recurrence may have a new polarity; after remission only absolute criteria count.
        val ep2 = EpisodeCourse(start)
        checkEq(EpisodePolarity.DEPRESSIVE, ep2.polarity()); checkEq(0L, ep2.priorEpisodes())
        ep2.apply(EpisodeEvent.REMIT, start.plusDays(30))
        ep2.apply(EpisodeEvent.RECOVER, start.plusDays(230))
        val manic = ep2.recurWith(EpisodePolarity.MANIC, start.plusDays(300))
        checkEq(EpisodePolarity.MANIC, manic.polarity); checkEq(EpisodePolarity.MANIC, ep2.polarity())
        val ep3 = EpisodeCourse(start)
        ep3.apply(EpisodeEvent.REMIT, start.plusDays(30))
        val first = scoreMeasure(InstrumentId.PHQ9, listOf(3, 3, 3, 3, 3, 3, 3, 3, 0), null, null) // 24
        val eleven = scoreMeasure(InstrumentId.PHQ9, listOf(2, 2, 2, 2, 2, 1, 0, 0, 0), null, null)
        checkEq(EpisodeEvent.RELAPSE, ep3.suggest(compareMeasures(first, eleven), start.plusDays(60))?.event, "24 -> 11 after remission is a relapse")
    }

    t.test("relapse: every recurrence figure carries a source in the bibliography") {
        val all = recurrenceFigures()
        check(all.size >= 8) { "${all.size} figures" }
        for (f in all) {
            check(f.percent.toInt() in 0..100 && f.text.contains("%"))
            check(referenceFor(f.source.key).citation.isNotBlank()) { f.source.key }
        }
        checkEq(emptyList<RecurrenceRisk>(), recurrenceRisks(0L))
        expectThrows<IpsrtException.InvalidInput> { recurrenceRisk(RiskBasis.LITERATURE, 0L) }
    }

    t.test("threads: one course edited from 6 threads; every accepted event is in the log exactly once") {
        val d0 = LocalDate.of(2026, 9, 1)
        val c = Course.create(d0, ProtocolId.WMK_ACUTE, Taxonomy.WMK4)
        val go = CountDownLatch(1)
        val errors = AtomicInteger()
        val workers = (0 until 6).map { w ->
            thread {
                go.await()
                try {
                    for (i in 0 until 10) {
                        c.addPerson(d0, newPerson("p$w-$i", "Person $w/$i", "friend"))
                        c.inventory(); c.status()                        // readers interleave
                        try { c.addPerson(d0, newPerson("p$w-$i", "again", "friend")); errors.incrementAndGet() }
                        catch (e: IpsrtException.InvalidInput) { }         // the duplicate is refused
                    }
                } catch (e: Throwable) { errors.incrementAndGet(); println("      thread $w: $e") }
            }
        }
        go.countDown(); workers.forEach { it.join() }
        checkEq(0, errors.get(), "errors")
        checkEq(60, c.inventory().size, "people")
        checkEq(61, c.eventsJson().size, "events (created + 60)")
        checkEq(c.toJson(), Course.replay(c.eventsJson()).toJson())
    }
}
