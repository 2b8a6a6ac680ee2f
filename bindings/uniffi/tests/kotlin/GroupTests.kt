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
            // Typed events only: every vector event becomes a GroupEvent case (the typed API
            // covers every core group event); applyJson must give the same group.
            val rules = (input["min_members"] as Double?)?.let { min ->
                groupDefaultRules(type).copy(minMembers = CitedCount(min.toLong(), SourceRef("local", "vector", Evidence.DESIGN)))
            } ?: groupDefaultRules(type)
            val events = (input["events"] as List<Map<String, Any?>>)
            val result = runCatching {
                val g = Group.withRules(rules)
                for (e in events) g.apply(groupEvent(e))
                g
            }
            val viaJson = runCatching {
                val g = Group.withRules(rules)
                for (e in events) g.applyJson(Json.write(e))
                g
            }
            checkEq(result.isSuccess, viaJson.isSuccess, "typed and JSON events agree")
            if (result.isSuccess) checkEq(viaJson.getOrThrow().toJson(), result.getOrThrow().toJson(), "typed and JSON events give the same group")
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

/** A group event of the shared vectors (the core's serde form) as the typed GroupEvent. */
@Suppress("UNCHECKED_CAST")
fun groupEvent(e: Map<String, Any?>): GroupEvent {
    val person = { e["person"] as String }
    val date = { LocalDate.parse(e["date"] as String) }
    fun <T : Enum<T>> enumOf(values: Array<T>, v: Any?): T =
        values.firstOrNull { it.name.lowercase() == v } ?: throw AssertionError("unknown value $v")
    return when (val type = e["type"]) {
        "referred" -> GroupEvent.Referred(person(), date(), (e["gp_referral"] as Boolean?) ?: false)
        "intake_completed" -> GroupEvent.IntakeCompleted(person(), enumOf(IntakeStep.values(), e["step"]), date())
        "not_admitted" -> GroupEvent.NotAdmitted(person(), date())
        "waitlisted" -> GroupEvent.Waitlisted(person(), date(),
            ((e["unmet_criteria"] as List<Any?>?) ?: emptyList()).map { enumOf(AdmissionCriterion.values(), it) }, e["reason"] as String?)
        "session_held" -> GroupEvent.SessionHeld(date(), (e["present"] as List<Any?>).map { it as String })
        "left" -> GroupEvent.Left(person(), date(), enumOf(LeaveReason.values(), e["reason"]), e["note"] as String?)
        "rejoined" -> GroupEvent.Rejoined(person(), date())
        "individual_meeting" -> GroupEvent.IndividualMeeting(person(), enumOf(IndividualMeetingKind.values(), e["kind"]), date(), e["deviation"] as String?)
        "closed" -> GroupEvent.Closed(date())
        else -> throw AssertionError("group event type $type has no typed case")
    }
}

fun groupRulesTests(t: Tests) {
    t.test("group: typed rules, every number with its source; the clinic's own rules; bad rules refused in the core") {
        for (type in GroupType.values()) {
            checkEq(groupDefaultRules(type), Group(type).rules(), "default rules of $type")
        }
        val iptg = groupDefaultRules(GroupType.IPT_G)
        checkEq(20L, iptg.plannedSessions?.value, "IPT-G planned sessions")
        checkEq("WILFLEY-2000", iptg.plannedSessions?.source?.key)
        checkEq(10L, iptg.midwayAfterSession?.value, "IPT-G midway meeting after session 10")
        checkEq(AdmissionPolicy.Closed(0L), iptg.admission.policy)
        checkEq(listOf(IntakeStep.PRE_GROUP_MEETING), iptg.intake.steps)
        val process = groupDefaultRules(GroupType.PROCESS_GROUP)
        checkEq(AdmissionPolicy.Rolling, process.admission.policy)
        checkEq(12L, process.membershipMonths?.low); checkEq(18L, process.membershipMonths?.high)
        checkEq(90L, process.sessionMinutes?.value)
        checkEq(7, process.admissionCriteria?.criteria?.size)
        checkEq(true, process.gpReferralRequired.value)
        // A clinic's own process group: ten places, 75-minute sessions, no GP letter needed.
        val clinic = SourceRef("local", "clinic policy 2026", Evidence.DESIGN)
        val own = process.copy(
            maxMembers = CitedCount(10, clinic),
            typical = CitedRange(8, 10, clinic),
            sessionMinutes = CitedCount(75, clinic),
            gpReferralRequired = CitedFlag(false, clinic),
        )
        val g = Group.withRules(own)
        checkEq(own, g.rules(), "rules read back")
        checkEq(10L, g.size().maxMembers)
        checkEq(clinic, g.size().maxSource)
        checkEq(false, g.gpReferralRule().required)
        g.apply(GroupEvent.Referred("a", LocalDate.of(2026, 1, 5), false))
        checkEq(own, Group.fromJson(g.toJson()).rules(), "rules after a snapshot round trip")
        // Rules that cannot work: InvalidInput naming the rule, from the core.
        val bad = listOf(
            own.copy(minMembers = CitedCount(-1, clinic)) to "min_members -1 is out of range",
            own.copy(maxMembers = CitedCount(5_000_000_000L, clinic)) to "max_members 5000000000 is out of range",
            own.copy(typical = CitedRange(10, 8, clinic)) to "invalid group rule typical",
            own.copy(membershipMonths = CitedRange(18, 12, clinic)) to "invalid group rule membership_months",
            own.copy(sessionMinutes = CitedCount(0, clinic)) to "invalid group rule session_minutes",
            own.copy(minMembers = CitedCount(11, clinic)) to "invalid group size",
            iptg.copy(midwayAfterSession = CitedCount(20, clinic)) to "invalid midway_after_session 20",
            iptg.copy(admission = CitedAdmission(AdmissionPolicy.Closed(-2), clinic)) to "admission.admit_through_session -2 is out of range",
        )
        for ((rules, says) in bad) {
            val e = expectThrows<IpsrtException.InvalidInput> { Group.withRules(rules) }
            check(e.message!!.contains(says)) { "expected \"$says\" in: ${e.message}" }
        }
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
