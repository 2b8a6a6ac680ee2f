#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ipsrt_fuzz::long_input(data));
