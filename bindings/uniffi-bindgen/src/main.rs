//! `uniffi-bindgen` pinned to the workspace's uniffi version, so that the generator and the
//! scaffolding compiled into `ipsrt-ffi` always match. Usage (see `docs/mobile.md`):
//!
//! ```sh
//! cargo run -p uniffi-bindgen -- generate target/debug/libipsrt_ffi.so \
//!     --language kotlin --language swift --out-dir target/uniffi --no-format
//! ```
//!
//! After uniffi has written the files, [`kotlin`] polishes the generated Kotlin in two places
//! uniffi 0.32 does not let us configure (see `docs/mobile.md`, "Kotlin polish"): a data-less
//! case of a sealed class becomes a `data object` (so it prints as `Complete`, not
//! `TotalStatus$Complete@34c4973`), and an object used after `close()` throws
//! `IpsrtException.Closed` instead of `IllegalStateException`. Every build script generates
//! through this binary, so the JVM jar, the Android AAR and the test suite get the same code.

mod kotlin;

fn main() {
    // Exits the process with status 1 on its own errors.
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = kotlin::polish_generated(&args) {
        eprintln!("uniffi-bindgen: {message}");
        std::process::exit(1);
    }
}
