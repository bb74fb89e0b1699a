#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shapesmith_fuzz_cases::model_graph(data));
