#!/usr/bin/env bash
# Kotlin/Swift binding suite (uniffi): builds the cdylib, generates Kotlin + Swift (+ C header
# and modulemap) into target/uniffi, checks the Swift output is complete, compiles the Kotlin
# with the tests into one jar and runs them on the JVM. Prints "kotlin: N passed, N failed".
# Installs what it needs by itself (scripts/kotlin-tools.sh): JNA from Debian (libjna-java), kotlinc
# from npm into .tools/. The shipped jar and its downstream test are scripts/build-jvm.sh.
# Usage: bash scripts/test-kotlin.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-target}     # honours CARGO_TARGET_DIR
out=$target_dir/uniffi
start=$SECONDS
step() { printf -- '--> %s (%ss)\n' "$*" "$((SECONDS - start))"; }

# --- tools (JNA_JAR, KOTLINC, KOTLIN_HOME) ------------------------------------------------
step "tools"
. scripts/kotlin-tools.sh

# --- build and generate --------------------------------------------------------------------
step "cargo build -p ipsrt-ffi (with the panic-probe test hook) -p uniffi-bindgen"
cargo build --locked -q -p ipsrt-ffi --features panic-probe -p uniffi-bindgen
lib=$target_dir/debug/libipsrt_ffi.so
rm -rf "$out" && mkdir -p "$out"
step "uniffi-bindgen generate (kotlin, swift)"
"$target_dir/debug/uniffi-bindgen" generate "$lib" --language kotlin --language swift --out-dir "$out" --no-format

# --- Swift: no toolchain here, so check the generated files are complete ----------------------
step "checking the generated Swift, header and modulemap"
swift_fail=0
need() { # file, fixed string
  if ! grep -qF -- "$2" "$1"; then echo "swift check FAILED: $1 lacks: $2" >&2; swift_fail=1; fi
}
need_re() { # file, extended regex (generated spacing around `throws` varies)
  if ! grep -qE -- "$2" "$1"; then echo "swift check FAILED: $1 lacks a match for: $2" >&2; swift_fail=1; fi
}
for f in "$out/Ipsrt.swift" "$out/IpsrtFFI.h" "$out/IpsrtFFI.modulemap"; do
  [ -s "$f" ] || { echo "swift check FAILED: $f missing or empty" >&2; swift_fail=1; }
done
need "$out/IpsrtFFI.modulemap" 'module IpsrtFFI'
need "$out/IpsrtFFI.modulemap" 'header "IpsrtFFI.h"'
need "$out/Ipsrt.swift" 'import IpsrtFFI'
need "$out/Ipsrt.swift" 'enum IpsrtError'
need "$out/IpsrtFFI.h" 'uniffi_ipsrt_ffi_checksum_func_ipsrt_version'
# Dates, times and zones are Foundation types in Swift (uniffi.toml), in the signatures too.
need "$out/Ipsrt.swift" 'public typealias LocalDate = DateComponents'
need "$out/Ipsrt.swift" 'public typealias ClockTime = DateComponents'
need "$out/Ipsrt.swift" 'public typealias LocalDateTime = DateComponents'
need "$out/Ipsrt.swift" 'public typealias TimeZone = Foundation.TimeZone'
need "$out/Ipsrt.swift" 'public typealias Instant = Date'
need_re "$out/Ipsrt.swift" 'func zonedToInstant\(moment: ZonedDateTime\) *throws *-> *Instant\b'
need_re "$out/Ipsrt.swift" 'func zonedFromInstant\(instant: Instant, zone: TimeZone\) *throws *-> *ZonedDateTime\b'
need_re "$out/Ipsrt.swift" 'func parseClockTime\(text: String\) *throws *-> *ClockTime\b'
need_re "$out/Ipsrt.swift" 'public (var|let) local: LocalDateTime\b'
need "$out/Ipsrt.swift" 'return DateComponents(calendar: Calendar(identifier: .gregorian), year: y, month: m, day: d)'
need_re "$out/Ipsrt.swift" 'public func operationNames\(\) *-> *\[String: String\]'
need "$out/Ipsrt.swift" 'case InvalidInput(message: String)'
# Every function, method and type of the Kotlin API must exist in the Swift file too.
kt="$out/org/ipsrt/ipsrt_ffi.kt"
n_checked=0
for fn in $(grep -oE 'fun `[A-Za-z0-9]+`\(' "$kt" | sed -E 's/fun `([A-Za-z0-9]+)`\(/\1/' | sort -u); do
  case $fn in destroy|close|uniffiClonePointer|uniffiCloneHandle) continue ;; esac
  # A Swift keyword (`protocol`) is a back-quoted name in the generated Swift.
  need_re "$out/Ipsrt.swift" "func \`?$fn\`?\\("; n_checked=$((n_checked + 1))
done
for ty in $(grep -oE '^(public )?(open )?(data class|enum class|class) [A-Z][A-Za-z0-9]+' "$kt" | awk '{print $NF}' | sort -u); do
  case $ty in InternalException|*Exception|UniffiLib|IntegrityCheckingUniffiLib|NoPointer|UniffiCleaner*|RustBuffer*|ForeignBytes|UniffiRustCallStatus*|UniffiHandleMap) continue ;; esac
  need "$out/Ipsrt.swift" " $ty"; n_checked=$((n_checked + 1))
done
echo "    Swift: $n_checked Kotlin functions and types found in Ipsrt.swift"
[ "$swift_fail" -eq 0 ] || { echo "kotlin: 0 passed, 1 failed (Swift generation incomplete)"; exit 1; }

# --- Kotlin: compile generated code + tests into one jar, run them ---------------------------
step "kotlinc (generated bindings + tests)"
"$KOTLINC" -nowarn -d "$out/ipsrt-tests.jar" -classpath "$JNA_JAR" \
  "$out/org/ipsrt/ipsrt_ffi.kt" bindings/uniffi/tests/kotlin/*.kt 2>&1 | grep -v '^warning: ' || true
[ -f "$out/ipsrt-tests.jar" ] || { echo "kotlin: 0 passed, 1 failed (compilation failed)"; exit 1; }
step "running the Kotlin tests"
RUST_BACKTRACE=0 java -ea -Djna.library.path="$(cd "$target_dir/debug" && pwd)" -Dipsrt.root="$root" -Dipsrt.generated="$kt" \
  -cp "$out/ipsrt-tests.jar:$KOTLIN_HOME/lib/kotlin-stdlib.jar:$JNA_JAR" org.ipsrt.tests.MainKt
step "done"
