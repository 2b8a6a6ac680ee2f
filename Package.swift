// swift-tools-version:5.9
// The ipsrt Swift package: the uniffi Swift bindings (module `Ipsrt`) over the Rust core, shipped
// as an XCFramework (`IpsrtFFI`, the static library + C header + module map) in a binaryTarget.
//
// Build the XCFramework and the Swift source first, on macOS with Xcode:
//     bash scripts/build-xcframework.sh
// which writes IpsrtFFI.xcframework (+ .zip and its checksum) into bindings/swift/ and the
// generated Ipsrt.swift into bindings/swift/Sources/Ipsrt/ (both git-ignored). See docs/mobile.md.
//
// For a release, upload IpsrtFFI.xcframework.zip, set `releaseURL` and `releaseChecksum` below
// (the script prints the checksum) and commit the generated Ipsrt.swift on the release tag, so
// apps can depend on the package by its git URL without building Rust.
import PackageDescription

let releaseURL = ""       // e.g. https://github.com/ipsrt/ipsrt/releases/download/v0.1.0/IpsrtFFI.xcframework.zip
let releaseChecksum = ""  // `swift package compute-checksum IpsrtFFI.xcframework.zip`

let swiftDir = "bindings/swift"
let ffi: Target = releaseChecksum.isEmpty
    ? .binaryTarget(name: "IpsrtFFI", path: swiftDir + "/IpsrtFFI.xcframework")
    : .binaryTarget(name: "IpsrtFFI", url: releaseURL, checksum: releaseChecksum)

let package = Package(
    name: "Ipsrt",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Ipsrt", targets: ["Ipsrt"]),
    ],
    targets: [
        ffi,
        .target(
            name: "Ipsrt",
            dependencies: ["IpsrtFFI"],
            path: swiftDir + "/Sources/Ipsrt",
            exclude: ["README.md"]
        ),
        .testTarget(
            name: "IpsrtTests",
            dependencies: ["Ipsrt"],
            path: swiftDir + "/Tests/IpsrtTests"
        ),
    ]
)
