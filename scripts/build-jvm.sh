#!/usr/bin/env bash
# Builds the JVM distribution of the Kotlin bindings into target/jvm/ and tests it as an app
# would use it:
#   * ipsrt-jvm-<version>.jar: the generated Kotlin (package org.ipsrt), compiled, plus the
#     native library at linux-x86-64/libipsrt_ffi.so, where JNA looks for it on the classpath;
#   * ipsrt-jvm-<version>-sources.jar (the generated Kotlin) and ipsrt-jvm-<version>.pom (Maven
#     coordinates org.ipsrt:ipsrt-jvm:<version>; depends on JNA and the Kotlin standard library).
# The library is a release build of ipsrt-ffi WITHOUT the `panic-probe` test hook, and the
# Kotlin is generated from that very library; the script refuses to package if the hook is in
# either. Then the downstream test (bindings/jvm/downstream/Main.kt) is compiled with only the
# jar and JNA on the classpath and run from an empty folder with no library path.
# Installs what it needs like scripts/test-kotlin.sh (scripts/kotlin-tools.sh).
# Usage: bash scripts/build-jvm.sh       (IPSRT_JVM_PROFILE=debug for a faster, unoptimised build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-target}
profile=${IPSRT_JVM_PROFILE:-release}
out=$target_dir/jvm
start=$SECONDS
step() { printf -- '--> jvm: %s (%ss)\n' "$*" "$((SECONDS - start))"; }
fail() { echo "jvm: FAILED: $*" >&2; exit 1; }

case $profile in
  release) cargo_flags=(--release); libdir=$target_dir/release ;;
  debug) cargo_flags=(); libdir=$target_dir/debug ;;
  *) fail "IPSRT_JVM_PROFILE must be release or debug, not '$profile'" ;;
esac
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] \
  || fail "this script packages the linux-x86-64 library; on $(uname -s)-$(uname -m) change the resource folder (JNA's Platform.RESOURCE_PREFIX)"

step "tools"
. scripts/kotlin-tools.sh

version=$(cargo metadata --no-deps --format-version 1 --locked \
  | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "ipsrt-ffi"))')

step "cargo build -p uniffi-bindgen (debug, the same command as scripts/test-kotlin.sh)"
# The generator is built exactly as the test suite builds it, so after that suite this is a
# no-op (built alone, cargo would unify features differently and rebuild it). The debug test
# library it also builds is never packaged.
cargo build --locked -q -p ipsrt-ffi --features panic-probe -p uniffi-bindgen
step "cargo build $profile -p ipsrt-ffi (the shipped library: no test hooks)"
cargo build --locked -q "${cargo_flags[@]}" -p ipsrt-ffi
lib=$libdir/libipsrt_ffi.so
if nm -D --defined-only "$lib" | grep -q panic_probe; then
  fail "$lib exports the panic probe: it was built with the panic-probe feature (a test-only hook)"
fi

rm -rf "$out" && mkdir -p "$out/gen" "$out/classes/linux-x86-64"
step "uniffi-bindgen generate kotlin (from the shipped library)"
"$target_dir/debug/uniffi-bindgen" generate "$lib" --language kotlin --out-dir "$out/gen" --no-format
kt=$out/gen/org/ipsrt/ipsrt_ffi.kt
if grep -q 'panicProbe\|panic_probe' "$kt"; then fail "the generated Kotlin has the panic probe"; fi

# The Android library module generates its Kotlin with bindings/android/uniffi-android.toml
# merged over the crate's uniffi.toml; check here (no Android SDK needed) that the merge works.
step "uniffi-bindgen generate kotlin, Android flavour (bindings/android/uniffi-android.toml)"
"$target_dir/debug/uniffi-bindgen" generate "$lib" --language kotlin --out-dir "$out/gen-android" \
  --config bindings/android/uniffi-android.toml --no-format
grep -q 'android.system.SystemCleaner' "$out/gen-android/org/ipsrt/ipsrt_ffi.kt" \
  || fail "the Android config (bindings/android/uniffi-android.toml) did not switch on android = true"
grep -q 'java.time.LocalDate' "$out/gen-android/org/ipsrt/ipsrt_ffi.kt" \
  || fail "the Android flavour lost the java.time mappings of bindings/uniffi/uniffi.toml"
if grep -q 'android.system.SystemCleaner' "$kt"; then fail "the JVM Kotlin is the Android flavour"; fi

step "kotlinc (the generated bindings)"
"$KOTLINC" -nowarn -d "$out/classes" -classpath "$JNA_JAR" "$kt" 2>&1 | grep -v '^warning: ' || true
[ -f "$out/classes/org/ipsrt/Ipsrt_ffiKt.class" ] || fail "kotlinc did not compile the bindings"
cp "$lib" "$out/classes/linux-x86-64/libipsrt_ffi.so"
[ "$profile" = release ] && strip --strip-debug "$out/classes/linux-x86-64/libipsrt_ffi.so"

jar=$out/ipsrt-jvm-$version.jar
step "packaging $jar, the sources jar and the POM"
python3 - "$out" "$version" "$kt" "$KOTLIN_VERSION" <<'PY'
import pathlib, sys, zipfile
out, version, kt, kotlin = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]
manifest = (
    "Manifest-Version: 1.0\r\n"
    f"Implementation-Title: ipsrt-jvm\r\nImplementation-Version: {version}\r\n"
    "Implementation-Vendor: the ipsrt developers\r\n"
    "Automatic-Module-Name: org.ipsrt\r\n\r\n"
)
def add_common(z):
    z.writestr("META-INF/MANIFEST.MF", manifest)
    for lic in ("LICENSE-MIT", "LICENSE-APACHE"):
        z.write(lic, f"META-INF/{lic}")
with zipfile.ZipFile(out / f"ipsrt-jvm-{version}.jar", "w", zipfile.ZIP_DEFLATED) as z:
    add_common(z)
    classes = out / "classes"
    for f in sorted(classes.rglob("*")):
        if f.is_file() and f.name != "MANIFEST.MF":
            z.write(f, f.relative_to(classes).as_posix())
with zipfile.ZipFile(out / f"ipsrt-jvm-{version}-sources.jar", "w", zipfile.ZIP_DEFLATED) as z:
    add_common(z)
    z.write(kt, "org/ipsrt/ipsrt_ffi.kt")
(out / f"ipsrt-jvm-{version}.pom").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.ipsrt</groupId>
  <artifactId>ipsrt-jvm</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <name>ipsrt (JVM, linux-x86-64)</name>
  <description>Kotlin bindings of the ipsrt core (IPT and IPSRT as a library) with the Linux x86-64 native library.</description>
  <url>https://github.com/ipsrt/ipsrt</url>
  <licenses>
    <license><name>MIT</name><url>https://opensource.org/license/mit</url></license>
    <license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license>
  </licenses>
  <scm><url>https://github.com/ipsrt/ipsrt</url></scm>
  <dependencies>
    <dependency><groupId>net.java.dev.jna</groupId><artifactId>jna</artifactId><version>5.13.0</version></dependency>
    <dependency><groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-stdlib</artifactId><version>{kotlin}</version></dependency>
  </dependencies>
</project>
""")
PY
python3 - "$jar" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ["linux-x86-64/libipsrt_ffi.so", "org/ipsrt/Ipsrt_ffiKt.class", "META-INF/LICENSE-MIT"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"jvm: FAILED: the jar lacks {missing}")
print(f"    {len(names)} entries, including {', '.join(need)}")
PY

# --- the downstream test: only the jar (+ JNA, + the Kotlin stdlib an app has anyway) ----------
step "downstream test: kotlinc with only the jar and JNA on the classpath"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cp "$jar" "$app/"
"$KOTLINC" -nowarn -d "$app/downstream.jar" -classpath "$app/$(basename "$jar"):$JNA_JAR" \
  bindings/jvm/downstream/Main.kt 2>&1 | grep -v '^warning: ' || true
[ -f "$app/downstream.jar" ] || fail "the downstream test does not compile against the jar"
step "downstream test: run from an empty folder, no library path (JNA loads the library from the jar)"
(cd "$app" && env -u LD_LIBRARY_PATH RUST_BACKTRACE=0 java \
  -cp "downstream.jar:$(basename "$jar"):$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  com.example.downstream.MainKt "$version")

ls -l "$out"/ipsrt-jvm-*
echo "jvm: $(basename "$jar") built and its downstream test passed in $((SECONDS - start)) s"
