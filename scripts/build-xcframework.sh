#!/usr/bin/env bash
# Builds the iOS (and macOS) distribution of the Swift bindings, for the Swift package in
# Package.swift. macOS only: it needs Xcode (xcodebuild, lipo) and Apple's SDKs.
#   * IpsrtFFI.xcframework in bindings/swift/: libipsrt_ffi.a for iOS devices (arm64), the iOS
#     simulator (arm64 + x86_64) and macOS (arm64 + x86_64), each slice with the C header and
#     the module map (module IpsrtFFI);
#   * IpsrtFFI.xcframework.zip next to it, and its SwiftPM checksum (for `releaseChecksum`);
#   * Ipsrt.swift in bindings/swift/Sources/Ipsrt/: the Swift bindings (module Ipsrt).
# Release builds of ipsrt-ffi WITHOUT the `panic-probe` test feature; the Swift is generated from
# the device library, and the script fails if the probe is in it. Then `swift build` and
# `swift test` (the package's downstream test) when SKIP_SWIFT_TEST is not set.
# Usage: bash scripts/build-xcframework.sh      (on macOS with Xcode 15+ and rustup)
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
out=bindings/swift
fail() { echo "xcframework: $*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] \
  || fail "macOS only (xcodebuild and Apple's SDKs): on $(uname -s) use scripts/test-kotlin.sh, which generates and checks the Swift, and see docs/mobile.md"
command -v xcodebuild >/dev/null || fail "xcodebuild is missing: install Xcode 15+ and run xcode-select"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
for t in "${targets[@]}"; do
  rustup target list --installed | grep -qx "$t" || fail "Rust target $t is missing: rustup target add ${targets[*]}"
done

for t in "${targets[@]}"; do
  echo "--> cargo build --release -p ipsrt-ffi --target $t"
  cargo build --locked --release -p ipsrt-ffi --target "$t"
  a=$target_dir/$t/release/libipsrt_ffi.a
  if nm -gU "$a" 2>/dev/null | grep -q panic_probe; then
    fail "$a has the panic probe (built with the panic-probe test feature)"
  fi
done

work=$target_dir/xcframework
rm -rf "$work" "$out/IpsrtFFI.xcframework" "$out/IpsrtFFI.xcframework.zip"
mkdir -p "$work/headers" "$work/sim" "$work/macos" "$out/Sources/Ipsrt"

echo "--> uniffi-bindgen generate swift (from the device library)"
cargo run --locked -q -p uniffi-bindgen -- generate "$target_dir/aarch64-apple-ios/release/libipsrt_ffi.a" \
  --language swift --out-dir "$work/swift" --no-format
if grep -q 'panicProbe' "$work/swift/Ipsrt.swift"; then fail "the generated Swift has the panic probe"; fi
cp "$work/swift/Ipsrt.swift" "$out/Sources/Ipsrt/Ipsrt.swift"
cp "$work/swift/IpsrtFFI.h" "$work/headers/"
cp "$work/swift/IpsrtFFI.modulemap" "$work/headers/module.modulemap"

echo "--> lipo: one simulator library (arm64 + x86_64), one macOS library (arm64 + x86_64)"
lipo -create "$target_dir/aarch64-apple-ios-sim/release/libipsrt_ffi.a" \
  "$target_dir/x86_64-apple-ios/release/libipsrt_ffi.a" -output "$work/sim/libipsrt_ffi.a"
lipo -create "$target_dir/aarch64-apple-darwin/release/libipsrt_ffi.a" \
  "$target_dir/x86_64-apple-darwin/release/libipsrt_ffi.a" -output "$work/macos/libipsrt_ffi.a"

echo "--> xcodebuild -create-xcframework"
xcodebuild -create-xcframework \
  -library "$target_dir/aarch64-apple-ios/release/libipsrt_ffi.a" -headers "$work/headers" \
  -library "$work/sim/libipsrt_ffi.a" -headers "$work/headers" \
  -library "$work/macos/libipsrt_ffi.a" -headers "$work/headers" \
  -output "$out/IpsrtFFI.xcframework"

(cd "$out" && ditto -c -k --sequesterRsrc --keepParent IpsrtFFI.xcframework IpsrtFFI.xcframework.zip)
checksum=$(swift package compute-checksum "$out/IpsrtFFI.xcframework.zip")
echo "$checksum" > "$out/IpsrtFFI.xcframework.zip.checksum"

if [ -z "${SKIP_SWIFT_TEST:-}" ]; then
  echo "--> swift build && swift test (the package, as an app uses it)"
  swift build
  swift test
fi
echo "xcframework: $out/IpsrtFFI.xcframework built; zip checksum $checksum (Package.swift releaseChecksum)"
