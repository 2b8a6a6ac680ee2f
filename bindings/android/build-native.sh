#!/usr/bin/env bash
# Builds what the Android library packages, from the workspace's Rust sources (called by the
# Gradle task `ipsrtNative`, or by hand):
#   1. libipsrt_ffi.so for the four Android ABIs with cargo-ndk (arm64-v8a, armeabi-v7a, x86_64,
#      x86), linked with 16 KB page alignment, into build/generated/ipsrt/jniLibs/<abi>/;
#   2. checks every library's LOAD segments are aligned to at least 16 KB (Android 15+ devices
#      with 16 KB pages refuse to load anything less; Google Play requires it);
#   3. the Kotlin bindings generated from the arm64-v8a library (Android flavour:
#      uniffi-android.toml) into build/generated/ipsrt/kotlin/.
# The shipped build has no test-only hook: ipsrt-ffi is built without the `panic-probe` feature,
# and the script fails if the probe is in the library or the Kotlin.
# Needs: rustup with the four Android targets, cargo-ndk, the Android NDK (r27 or later;
# ANDROID_NDK_HOME or ANDROID_HOME/ndk/<version>). Not runnable on the project's CI machine.
# Usage: bash bindings/android/build-native.sh [release|debug]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
profile=${1:-release}
out=$here/build/generated/ipsrt
min_sdk=26          # java.time without desugaring; keep equal to minSdk in build.gradle.kts
page=16384

fail() { echo "build-native: $*" >&2; exit 1; }
command -v cargo-ndk >/dev/null || fail "cargo-ndk is missing: cargo install cargo-ndk"
for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android; do
  rustup target list --installed | grep -qx "$t" || fail "Rust target $t is missing: rustup target add $t"
done
[ -n "${ANDROID_NDK_HOME:-}" ] || [ -n "${ANDROID_HOME:-}" ] \
  || fail "set ANDROID_NDK_HOME (the Android NDK, r27 or later) or ANDROID_HOME (the SDK, with an NDK under ndk/)"

flags=()
[ "$profile" = release ] && flags+=(--release)
rm -rf "$out" && mkdir -p "$out/jniLibs" "$out/kotlin"

# 16 KB pages: NDK r28+ links with 16 KB alignment by default; r27 needs the flag. Set it for
# the Android targets only (never for the host build of build scripts and proc-macros).
link16k="-C link-arg=-Wl,-z,max-page-size=$page"
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="$link16k"
export CARGO_TARGET_ARMV7_LINUX_ANDROIDEABI_RUSTFLAGS="$link16k"
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS="$link16k"
export CARGO_TARGET_I686_LINUX_ANDROID_RUSTFLAGS="$link16k"

echo "--> cargo ndk build ($profile) -p ipsrt-ffi for arm64-v8a armeabi-v7a x86_64 x86"
(cd "$root" && cargo ndk --platform "$min_sdk" -t arm64-v8a -t armeabi-v7a -t x86_64 -t x86 \
  -o "$out/jniLibs" build --locked "${flags[@]}" -p ipsrt-ffi)

echo "--> checking 16 KB alignment and the absence of test hooks"
readelf=$(command -v llvm-readelf || command -v readelf || true)
[ -n "$readelf" ] || fail "llvm-readelf (from the NDK's toolchain) or readelf is needed to check alignment"
for abi in arm64-v8a armeabi-v7a x86_64 x86; do
  so=$out/jniLibs/$abi/libipsrt_ffi.so
  [ -f "$so" ] || fail "$so was not built"
  # Every PT_LOAD segment's alignment (last column of `readelf -lW`, hex) must be >= 16 KB.
  aligns=$("$readelf" -lW "$so" | awk '$1 == "LOAD" { print $NF }')
  [ -n "$aligns" ] || fail "$so: no LOAD segment found"
  for a in $aligns; do
    [ $((a)) -ge "$page" ] || fail "$so: a LOAD segment is aligned to $((a)) bytes, Android needs $page (16 KB pages)"
  done
  if "$readelf" --dyn-syms -W "$so" | grep -q panic_probe; then
    fail "$so exports the panic probe (built with the panic-probe test feature)"
  fi
done

echo "--> uniffi-bindgen generate kotlin (Android flavour) from the arm64-v8a library"
(cd "$root" && cargo run --locked -q -p uniffi-bindgen -- generate \
  "$out/jniLibs/arm64-v8a/libipsrt_ffi.so" --language kotlin \
  --config "$here/uniffi-android.toml" --out-dir "$out/kotlin" --no-format)
kt=$out/kotlin/org/ipsrt/ipsrt_ffi.kt
[ -f "$kt" ] || fail "uniffi-bindgen wrote no $kt"
if grep -q 'panicProbe' "$kt"; then fail "the generated Kotlin has the panic probe"; fi
echo "build-native: done: $out"
