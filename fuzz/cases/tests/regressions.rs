//! Every input saved under `fuzz/regressions/<target>/` (crashes the fuzzers
//! found, once fixed, and hand-picked seeds) replayed through its target on
//! stable, so CI keeps them fixed without nightly.

use std::path::Path;

#[test]
fn every_saved_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../regressions");
    let mut replayed = 0;
    for (name, target) in shapesmith_fuzz_cases::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            panic!("{} is missing", dir.display());
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let data = std::fs::read(&path).expect("readable input");
            target(&data);
            replayed += 1;
        }
    }
    assert!(
        replayed >= shapesmith_fuzz_cases::TARGETS.len(),
        "only {replayed} inputs replayed"
    );
}
