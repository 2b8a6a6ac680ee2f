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
                    Group.withSize(type, min.toUInt(), Group(type).size().maxMembers, "vector")
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
                checkEq((expected["sessions_held"] as Double).toUInt(), g.sessionsHeld(), "sessions held")
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
        checkEq(8u, g.memberCount())
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
        checkEq(6u, g.size().minMembers)
        check(g.size().minSource.key.isNotEmpty())
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
