// A tiny test harness for the JVM tests of the ipsrt bindings (no JUnit on this machine):
// test registration with pass/fail counting, and a minimal JSON reader so the tests can read
// the shared test vectors (test-vectors/) and compare JSON structurally.
package org.ipsrt.tests

import java.io.File

class Tests {
    var passed = 0
    var failed = 0
    private val failures = mutableListOf<String>()

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
            println("ok    $name")
        } catch (t: Throwable) {
            failed++
            failures += "$name: $t"
            println("FAIL  $name: $t")
        }
    }

    fun summary(): String = buildString {
        for (f in failures) appendLine("failed: $f")
        append("kotlin: $passed passed, $failed failed")
    }
}

fun check(cond: Boolean, msg: () -> String = { "check failed" }) {
    if (!cond) throw AssertionError(msg())
}

fun <T> checkEq(expected: T, actual: T, what: String = "value") {
    if (expected != actual) throw AssertionError("$what: expected <$expected> but was <$actual>")
}

/** Runs [body], which must throw an exception of type [E]; returns it. */
inline fun <reified E : Throwable> expectThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName} but got $e", e)
    }
    throw AssertionError("expected ${E::class.simpleName} but nothing was thrown")
}

/** The repository root (set by scripts/test-kotlin.sh with -Dipsrt.root). */
val repoRoot: File = File(System.getProperty("ipsrt.root") ?: ".")

fun vectorFile(relative: String): File = File(repoRoot, "test-vectors/$relative")

/** Minimal JSON reader: objects → Map (insertion ordered), arrays → List, numbers → Double,
 *  strings, booleans, null. Enough for the test vectors; strict about syntax. */
object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        val v = p.value()
        p.ws()
        check(p.i == text.length) { "trailing text at ${p.i}" }
        return v
    }

    /** Compact JSON text of a parsed value (numbers that are whole print without ".0"). */
    fun write(v: Any?): String = buildString { write(v, this) }

    private fun write(v: Any?, sb: StringBuilder) {
        when (v) {
            null -> sb.append("null")
            is Boolean -> sb.append(v)
            is Double -> if (v == Math.floor(v) && !v.isInfinite() && Math.abs(v) < 1e15) sb.append(v.toLong()) else sb.append(v)
            is Number -> sb.append(v)
            is String -> { sb.append('"'); for (c in v) when (c) {
                '"' -> sb.append("\\\""); '\\' -> sb.append("\\\\"); '\n' -> sb.append("\\n")
                '\r' -> sb.append("\\r"); '\t' -> sb.append("\\t")
                else -> if (c < ' ') sb.append(String.format("\\u%04x", c.code)) else sb.append(c)
            }; sb.append('"') }
            is Map<*, *> -> { sb.append('{'); var first = true
                for ((k, x) in v) { if (!first) sb.append(','); first = false; write(k as String, sb); sb.append(':'); write(x, sb) }
                sb.append('}') }
            is List<*> -> { sb.append('['); v.forEachIndexed { i, x -> if (i > 0) sb.append(','); write(x, sb) }; sb.append(']') }
            else -> throw IllegalArgumentException("not JSON: $v")
        }
    }

    private class Parser(val s: String) {
        var i = 0
        fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
        fun value(): Any? {
            ws()
            check(i < s.length) { "unexpected end" }
            return when (s[i]) {
                '{' -> obj(); '[' -> arr(); '"' -> str()
                't' -> lit("true", true); 'f' -> lit("false", false); 'n' -> lit("null", null)
                else -> num()
            }
        }
        fun lit(word: String, v: Any?): Any? { check(s.startsWith(word, i)) { "bad literal at $i" }; i += word.length; return v }
        fun num(): Double {
            val st = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            return s.substring(st, i).toDouble()
        }
        fun str(): String {
            i++
            val sb = StringBuilder()
            while (true) {
                val c = s[i++]
                when (c) {
                    '"' -> return sb.toString()
                    '\\' -> { val e = s[i++]; when (e) {
                        'n' -> sb.append('\n'); 't' -> sb.append('\t'); 'r' -> sb.append('\r'); 'b' -> sb.append('\b')
                        'f' -> sb.append('\u000c'); 'u' -> { sb.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> sb.append(e) } }
                    else -> sb.append(c)
                }
            }
        }
        fun obj(): Map<String, Any?> {
            i++
            val m = LinkedHashMap<String, Any?>()
            ws(); if (s[i] == '}') { i++; return m }
            while (true) {
                ws(); val k = str(); ws(); check(s[i] == ':') { "expected : at $i" }; i++
                m[k] = value(); ws()
                when (s[i++]) { ',' -> continue; '}' -> return m; else -> throw IllegalStateException("expected , or } at ${i - 1}") }
            }
        }
        fun arr(): List<Any?> {
            i++
            val l = ArrayList<Any?>()
            ws(); if (s[i] == ']') { i++; return l }
            while (true) {
                l += value(); ws()
                when (s[i++]) { ',' -> continue; ']' -> return l; else -> throw IllegalStateException("expected , or ] at ${i - 1}") }
            }
        }
    }
}

/** Structural JSON equality (key order ignored, numbers compared as doubles within [tol]). */
fun jsonEquals(a: Any?, b: Any?, tol: Double = 1e-9): Boolean = when {
    a is Map<*, *> && b is Map<*, *> -> a.keys == b.keys && a.keys.all { jsonEquals(a[it], b[it], tol) }
    a is List<*> && b is List<*> -> a.size == b.size && a.indices.all { jsonEquals(a[it], b[it], tol) }
    a is Double && b is Double -> Math.abs(a - b) <= tol
    else -> a == b
}

fun checkJsonEq(expected: String, actual: String, what: String = "JSON") {
    val e = Json.parse(expected)
    val a = Json.parse(actual)
    if (!jsonEquals(e, a)) throw AssertionError("$what differs:\n expected ${Json.write(e)}\n actual   ${Json.write(a)}")
}
