#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| brief_fuzz::targets::convert_text(data));
