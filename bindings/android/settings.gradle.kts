// The ipsrt Android library (AAR): the uniffi Kotlin bindings of ipsrt-ffi plus the native
// library for the four Android ABIs. Not buildable on the project's CI machine (no Android SDK,
// NDK or Maven Central there); see docs/mobile.md, "Android library module".
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "ipsrt-android"
