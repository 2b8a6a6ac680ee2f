package org.ipsrt.tests

import org.ipsrt.*
import java.time.LocalTime
import java.time.LocalDate
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

fun threadTests(t: Tests) {
    t.test("threads: one diary written and scored from 8 threads at once") {
        val diary = SrmDiary(SrmFormKind.SRM17)
        val items = SrmItem.values().take(8)
        val start = LocalDate.of(2026, 2, 2)
        val go = CountDownLatch(1)
        val errors = AtomicInteger()
        val rejected = AtomicInteger()
        val workers = items.mapIndexed { i, item ->
            thread {
                go.await()
                try {
                    for (d in 0 until 28) {
                        val time = LocalTime.of(6 + i, (d * 7) % 60)
                        diary.add(start.plusDays(d.toLong()), item, SrmStatus.Done(time), null)
                        if (d % 7 == 0) diary.scoreWeeks(null)          // readers interleave with writers
                        try { diary.setMood(start, 9) } catch (e: IpsrtException.InvalidInput) { rejected.incrementAndGet() }
                    }
                } catch (e: Throwable) { errors.incrementAndGet(); println("      thread $i: $e") }
            }
        }
        go.countDown()
        workers.forEach { it.join() }
        checkEq(0, errors.get(), "errors in threads")
        checkEq(8 * 28, rejected.get(), "rejected moods")
        checkEq((8 * 28).toLong(), diary.entryCount(), "entries")
        val weeks = diary.scoreWeeks(null)
        checkEq(4, weeks.size, "weeks")
        check(weeks.all { w -> w.items.count { it.counted } == 8 }) { "every week counts the 8 items" }
    }
}
