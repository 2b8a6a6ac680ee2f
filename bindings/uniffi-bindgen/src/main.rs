//! `uniffi-bindgen` pinned to the workspace's uniffi version, so that the generator and the
//! scaffolding compiled into `ipsrt-ffi` always match. Usage (see `docs/mobile.md`):
//!
//! ```sh
//! cargo run -p uniffi-bindgen -- generate target/debug/libipsrt_ffi.so \
//!     --language kotlin --language swift --out-dir target/uniffi --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
