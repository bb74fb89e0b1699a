#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shapesmith_fuzz_cases::event_stream(data));
