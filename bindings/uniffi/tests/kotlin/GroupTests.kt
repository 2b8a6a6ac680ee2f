package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalDate

@Suppress("UNCHECKED_CAST")
fun groupTests(t: Tests) {
    val doc = Json.parse(vectorFile("group/membership.json").readText()) as Map<String, Any?>
    for (case in doc["cases"] as List<Map<String, Any?>>) {
        t.test("vectors group/membership.json: ${case["name"]}") {
            val input = case["input"] as Map<String, Any?>
            val expected = case["expected"] as Map<String, Any?>
            val type = when (input["group_type"]) {
                "process_group" -> GroupType.PROCESS_GROUP
                "ipt_g" -> GroupType.IPT_G
                "ipsrt_group" -> GroupType.IPSRT_GROUP
                else -> throw AssertionError("unknown group type ${input["group_type"]}")
            }
            val result = runCatching {
                val g = (input["min_members"] as Double?)?.let { min ->
                    Group.withSize(type, min.toLong(), Group(type).size().maxMembers, "vector")
                } ?: Group(type)
                for (e in input["events"] as List<Any?>) g.applyJson(Json.write(e))
                g
            }
            val err = expected["error"] as String?
            if (err != null) {
                val e = result.exceptionOrNull() ?: throw AssertionError("expected error $err")
                checkEq(err, kindOf(e), "error kind (${e.message})")
            } else {
                val g = result.getOrThrow()
                checkEq(expected["status"], g.status().name.lowercase(), "status")
                checkEq(expected["members"], g.members(), "members")
                checkEq(expected["waitlist"], g.waitlist(), "waitlist")
                checkEq((expected["sessions_held"] as Double).toLong(), g.sessionsHeld(), "sessions held")
                for ((who, status) in expected["statuses"] as Map<String, Any?>) {
                    checkEq(status, g.person(who).status.name.lowercase(), "status of $who")
                }
            }
        }
    }

    t.test("group: typed events, waitlist admission, illegal transition leaves the state unchanged") {
        val g = Group(GroupType.IPSRT_GROUP)
        checkEq(GroupStatus.FORMING, g.status())
        val d = LocalDate.of(2026, 1, 5)
        for (i in 0 until 9) {
            val p = "b$i"
            g.apply(GroupEvent.Referred(p, d, false))
            g.apply(GroupEvent.IntakeCompleted(p, IntakeStep.GROUP_THERAPIST_INTAKE, d))
            g.apply(GroupEvent.Waitlisted(p, d))
        }
        checkEq(8L, g.memberCount())
        checkEq(listOf("b8"), g.waitlist())
        val before = g.toJson()
        expectThrows<IpsrtException.NotFound> { g.apply(GroupEvent.SessionHeld(d.plusDays(7), listOf("nobody"))) }
        checkEq(before, g.toJson(), "state after a rejected event")
        // A leaver frees a place: the head of the waitlist is admitted, reported by apply().
        val admitted = g.apply(GroupEvent.Left("b0", d.plusDays(1), LeaveReason.WITHDREW))
        checkEq(listOf("b8"), admitted)
        checkEq(MembershipStatus.MEMBER, g.person("b8").status)
        // Snapshot round trip, and replay from the typed event log.
        val back = Group.fromJson(g.toJson())
        checkEq(g.toJson(), back.toJson())
        val replayed = Group.replay(GroupType.IPSRT_GROUP, g.events())
        checkEq(g.toJson(), replayed.toJson())
        checkEq(6L, g.size().minMembers)
        check(g.size().minSource.key.isNotEmpty())
    }
}

@Suppress("UNCHECKED_CAST")
fun groupDeparturesTests(t: Tests) {
    t.test("group: leaving records why (note by default argument), rejoining, IPT-G midway deviation, GP referral per group") {
        val d = LocalDate.of(2026, 1, 5)
        val g = Group(GroupType.PROCESS_GROUP)
        checkEq(true, g.gpReferralRule().required)
        checkEq("S3", g.gpReferralRule().source.key)
        for (i in 0 until 10) {
            val p = "p$i"
            g.apply(GroupEvent.Referred(p, d, true))
            g.apply(GroupEvent.IntakeCompleted(p, IntakeStep.INDIVIDUAL_THERAPIST_INTAKE, d))
            g.apply(GroupEvent.IntakeCompleted(p, IntakeStep.GROUP_THERAPIST_INTAKE, d))
            g.apply(GroupEvent.Waitlisted(p, d))
        }
        val before = g.toJson()
        // `Other` needs a note; the note parameter defaults to null.
        expectThrows<IpsrtException.InvalidInput> { g.apply(GroupEvent.Left("p0", d.plusDays(1), LeaveReason.OTHER)) }
        checkEq(before, g.toJson(), "state after a rejected event")
        checkEq(listOf("p9"), g.apply(GroupEvent.Left("p0", d.plusDays(1), LeaveReason.OTHER, note = "evening shifts")))
        val dep = g.person("p0").departures.single()
        checkEq("evening shifts", dep.note)
        checkEq(MembershipStatus.MEMBER, dep.from)
        expectThrows<IpsrtException.IllegalTransition> { g.apply(GroupEvent.Rejoined("p1", d.plusDays(2))) }
        g.apply(GroupEvent.Rejoined("p0", d.plusDays(30)))
        checkEq(listOf("p0"), g.waitlist())
        checkEq(listOf("p0"), g.apply(GroupEvent.Left("p1", d.plusDays(31), LeaveReason.FINISHED)))
        // The clinic's own referral rule for another format.
        val own = Group.withGpReferral(GroupType.IPSRT_GROUP, true, "clinic pathway")
        checkEq("local", own.gpReferralRule().source.key)
        checkEq("clinic pathway", own.gpReferralRule().source.locator)
        expectThrows<IpsrtException.InvalidInput> { own.apply(GroupEvent.Referred("x", d, false)) }
        // IPT-G: a midway meeting away from sessions 10-11 needs a deviation.
        val ipt = Group(GroupType.IPT_G)
        for (i in 0 until 6) {
            ipt.apply(GroupEvent.Referred("m$i", d, false))
            ipt.apply(GroupEvent.IntakeCompleted("m$i", IntakeStep.PRE_GROUP_MEETING, d))
            ipt.apply(GroupEvent.Waitlisted("m$i", d))
        }
        ipt.apply(GroupEvent.SessionHeld(d.plusDays(1), ipt.members()))
        expectThrows<IpsrtException.IllegalTransition> {
            ipt.apply(GroupEvent.IndividualMeeting("m0", IndividualMeetingKind.MIDWAY, d.plusDays(2)))
        }
        ipt.apply(GroupEvent.IndividualMeeting("m0", IndividualMeetingKind.MIDWAY, d.plusDays(2), deviation = "moves abroad"))
        checkEq("moves abroad", ipt.person("m0").midwayDeviation)
        // Process group: S3's admission criteria, shown at admission; unmet ones need a reason.
        val pg = Group(GroupType.PROCESS_GROUP)
        pg.apply(GroupEvent.Referred("a", d, true))
        pg.apply(GroupEvent.IntakeCompleted("a", IntakeStep.INDIVIDUAL_THERAPIST_INTAKE, d))
        pg.apply(GroupEvent.IntakeCompleted("a", IntakeStep.GROUP_THERAPIST_INTAKE, d))
        checkEq(null, pg.admissionFindings("a", LabelLocale.EN))
        val unmet = listOf(AdmissionCriterion.ROOM_FOR_PATTERNS)
        expectThrows<IpsrtException.InvalidInput> { pg.apply(GroupEvent.Waitlisted("a", d, unmetCriteria = unmet)) }
        checkEq(listOf("a"), pg.apply(GroupEvent.Waitlisted("a", d, unmetCriteria = unmet, reason = "review after 3 months")))
        val findings = pg.admissionFindings("a", LabelLocale.NL)!!
        checkEq(7, findings.size)
        val notMet = findings.single { !it.met }
        checkEq(AdmissionCriterion.ROOM_FOR_PATTERNS, notMet.criterion)
        checkEq(CriterionKind.CONTRA_INDICATION, notMet.kind)
        check(notMet.label.contains("alledaagse problemen")) { notMet.label }
        checkEq(unmet, pg.person("a").unmetCriteria)
        checkEq("review after 3 months", pg.person("a").admissionReason)
        checkEq(ipt.toJson(), Group.fromJson(ipt.toJson()).toJson())
    }
}

/** The shared vectors' error-kind name of an IpsrtException. */
fun kindOf(e: Throwable): String = when (e) {
    is IpsrtException.InvalidInput -> "invalid_input"
    is IpsrtException.IllegalTransition -> "illegal_transition"
    is IpsrtException.NotScorable -> "not_scorable"
    is IpsrtException.NotFound -> "not_found"
    is IpsrtException.Schema -> "schema"
    is IpsrtException.Parse -> "parse"
    is IpsrtException.Internal -> "internal"
    else -> "not an IpsrtException: $e"
}
