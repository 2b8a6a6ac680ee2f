// The ipsrt Android library: an AAR with the uniffi Kotlin bindings (package org.ipsrt), the
// native library libipsrt_ffi.so for arm64-v8a, armeabi-v7a, x86_64 and x86 (16 KB-aligned),
// JNA's Android AAR as an `api` dependency and consumer R8 rules. Published as
// org.ipsrt:ipsrt-android:<version> with `./gradlew publishToMavenLocal` (or any repository).
//
// Everything native comes from build-native.sh (cargo-ndk + uniffi-bindgen), run by the task
// `ipsrtNative` before every build. Not buildable on the project's CI machine (no Android SDK,
// NDK or Maven Central there); see docs/mobile.md, "Android library module".

plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.1.0"
    `maven-publish`
}

val ipsrtVersion = providers.gradleProperty("ipsrt.version").get()
val cargoProfile = providers.gradleProperty("ipsrt.cargoProfile").getOrElse("release")
val generated = layout.buildDirectory.dir("generated/ipsrt")

// The AAR and the Rust crates share one version: refuse to build when they disagree.
val workspaceVersion = Regex("""(?m)^\[workspace\.package\][^\[]*?^version\s*=\s*"([^"]+)"""")
    .find(rootDir.resolve("../../Cargo.toml").readText())?.groupValues?.get(1)
check(workspaceVersion == ipsrtVersion) {
    "gradle.properties says ipsrt.version=$ipsrtVersion but the workspace Cargo.toml says " +
        "$workspaceVersion: make them equal"
}

group = providers.gradleProperty("ipsrt.group").get()
version = ipsrtVersion

android {
    namespace = "org.ipsrt"
    compileSdk = 35
    // ndkVersion: any r27+ works (r28+ aligns to 16 KB by default; build-native.sh passes the
    // flag anyway). The NDK is used by cargo-ndk, not by Gradle's externalNativeBuild.
    ndkVersion = "28.0.13004108"

    defaultConfig {
        minSdk = 26 // java.time without core-library desugaring; keep equal to build-native.sh
        consumerProguardFiles("consumer-rules.pro")
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64", "x86") }
    }

    buildTypes {
        release {
            isMinifyEnabled = false
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    sourceSets["main"].apply {
        java.srcDir(generated.map { it.dir("kotlin") })
        jniLibs.srcDir(generated.map { it.dir("jniLibs") })
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    // Uncompressed, page-aligned native libraries in APKs (AGP >= 8.5.1 aligns them to 16 KB).
    packaging { jniLibs { useLegacyPackaging = false } }

    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

kotlin {
    compilerOptions { jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17) }
}

dependencies {
    // JNA's Android AAR (libjnidispatch.so for every ABI). 5.17.0 is the first release whose
    // Android libraries load on devices with 16 KB pages. `api`: the bindings' public
    // signatures do not expose JNA, but apps need it at run time and in R8.
    api("net.java.dev.jna:jna:5.17.0@aar")
    // The Android flavour of the bindings (android = true) annotates its SystemCleaner with
    // androidx.annotation.RequiresApi.
    implementation("androidx.annotation:annotation:1.9.1")
}

val ipsrtNative by tasks.registering(Exec::class) {
    description = "Builds libipsrt_ffi.so for the four ABIs (cargo-ndk) and generates the Kotlin bindings."
    group = "build"
    workingDir = projectDir
    commandLine("bash", "build-native.sh", cargoProfile)
    inputs.files(fileTree("../../crates") { include("**/*.rs", "**/Cargo.toml") })
    inputs.files(fileTree("../uniffi") { include("src/**", "Cargo.toml", "uniffi.toml") })
    inputs.files("../../Cargo.lock", "uniffi-android.toml", "build-native.sh")
    outputs.dir(generated)
}

tasks.named("preBuild") { dependsOn(ipsrtNative) }

publishing {
    publications {
        register<MavenPublication>("release") {
            groupId = project.group.toString()
            artifactId = "ipsrt-android"
            version = ipsrtVersion
            afterEvaluate { from(components["release"]) }
            pom {
                name.set("ipsrt for Android")
                description.set(
                    "Interpersonal Psychotherapy (IPT) and IPSRT as a library: the ipsrt Rust core " +
                        "with Kotlin bindings (uniffi) for arm64-v8a, armeabi-v7a, x86_64 and x86.",
                )
                url.set("https://github.com/ipsrt/ipsrt")
                licenses {
                    license {
                        name.set("MIT")
                        url.set("https://opensource.org/license/mit")
                    }
                    license {
                        name.set("Apache-2.0")
                        url.set("https://www.apache.org/licenses/LICENSE-2.0")
                    }
                }
                scm { url.set("https://github.com/ipsrt/ipsrt") }
            }
        }
    }
}
