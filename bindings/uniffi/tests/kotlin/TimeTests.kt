package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneId

fun timeTests(t: Tests) {
    t.test("time: clock times are strict HH:MM") {
        checkEq(LocalTime.of(7, 5), parseClockTime("07:05"))
        checkEq(LocalTime.of(23, 59), clockTimeFromMinutes(1439))
        checkEq(LocalTime.MIDNIGHT, clockTimeFromHm(0, 0))
        checkEq(425, clockTimeMinutes(LocalTime.of(7, 5)))
        for (bad in listOf("24:00", "7:05", "07:60", "07:05:00", "")) {
            expectThrows<IpsrtException.InvalidInput> { parseClockTime(bad) }
        }
        expectThrows<IpsrtException.InvalidInput> { clockTimeFromMinutes(1440) }
    }
    t.test("time: a clock time is a java.time.LocalTime; its constructor validates, and seconds are refused, never cut") {
        // LocalTime.of validates the hour and minute (there is no 24:00, as in the core).
        expectThrows<java.time.DateTimeException> { LocalTime.of(24, 0) }
        expectThrows<java.time.DateTimeException> { LocalTime.of(7, 60) }
        // The core keeps minutes: a LocalTime with seconds or nanos is an InvalidInput naming it.
        val e = expectThrows<IpsrtException.InvalidInput> { clockTimeMinutes(LocalTime.of(7, 5, 30)) }
        check(e.message!!.contains("07:05:30") && e.message!!.contains("HH:MM")) { "message was: ${e.message}" }
        expectThrows<IpsrtException.InvalidInput> { SrmDiary(SrmFormKind.SRM5).add(java.time.LocalDate.of(2026, 1, 5), SrmItem.TO_BED, SrmStatus.Done(LocalTime.of(23, 0, 0, 1)), null) }
        checkEq(SrmStatus.Done(LocalTime.of(7, 5)), SrmStatus.Done(parseClockTime("07:05")))
    }
    t.test("time: zoned moments are java.time values and convert with the core's DST rules") {
        val gap = parseZonedDateTime("2026-03-29T02:30", "Europe/Amsterdam")
        checkEq(LocalDateTime.of(2026, 3, 29, 2, 30), gap.local)
        checkEq(ZoneId.of("Europe/Amsterdam"), gap.zone)
        // 02:30 does not exist that night: strict conversion refuses; lenient moves it later by the
        // gap's length (03:30 CEST), exactly as java.time resolves it.
        val e = expectThrows<IpsrtException.InvalidInput> { zonedToInstant(gap) }
        check(e.message!!.contains("daylight saving")) { "message was: ${e.message}" }
        checkEq(Instant.parse("2026-03-29T01:30:00Z"), zonedToInstantLenient(gap))
        for ((local, zone) in listOf(
            "2026-03-29T02:30" to "Europe/Amsterdam", "2026-03-08T02:15" to "America/New_York",
            "2026-10-04T02:15" to "Australia/Lord_Howe", "2026-10-25T02:30" to "Europe/Amsterdam",
            "2026-11-01T01:30" to "America/New_York",
        )) {
            val javaTime = java.time.ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone)).toInstant()
            checkEq(javaTime, zonedToInstantLenient(parseZonedDateTime(local, zone)))
        }
        // Autumn overlap: the earlier instant.
        val overlap = ZonedDateTime(LocalDateTime.of(2026, 10, 25, 2, 30), ZoneId.of("Europe/Amsterdam"))
        checkEq(Instant.parse("2026-10-25T00:30:00Z"), zonedToInstant(overlap))
    }
    t.test("time: lossless round trips (seconds and nanoseconds survive)") {
        val local = LocalDateTime.of(2026, 11, 22, 13, 45, 7, 123_456_789)
        val z = ZonedDateTime(local, ZoneId.of("America/New_York"))
        val instant = zonedToInstant(z)
        checkEq(Instant.parse("2026-11-22T18:45:07.123456789Z"), instant)
        checkEq(z, zonedFromInstant(instant, ZoneId.of("America/New_York")))
        checkEq(LocalDateTime.of(2026, 11, 23, 3, 45, 7, 123_456_789), zonedFromInstant(instant, ZoneId.of("Asia/Tokyo")).local)
    }
    t.test("time: an unknown zone is an InvalidInput that names IANA") {
        val e = expectThrows<IpsrtException.InvalidInput> { parseZonedDateTime("2026-01-01T00:00", "Mars/Olympus") }
        check(e.message!!.contains("IANA")) { "message was: ${e.message}" }
    }
}
