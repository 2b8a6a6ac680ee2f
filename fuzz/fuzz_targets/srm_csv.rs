#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ipsrt_fuzz::srm_csv(data));
