//! The structure-aware model target on stable: a sweep of models built from
//! pseudo-random bytes (a fixed seed, so a failure reproduces), each through
//! the model reader and the resolver, which may refuse it but never panic.
//! `cargo +nightly fuzz run model_graph` explores further where nightly is
//! available; this keeps the target exercised in every test run.

/// xorshift64*: enough to spread the bytes, and the same on every machine.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.max(1);
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

#[test]
fn two_thousand_arbitrary_shape_graphs_never_panic_the_resolver() {
    // `MODEL_GRAPH_SWEEP=200000` for a longer run.
    let count: u64 = std::env::var("MODEL_GRAPH_SWEEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let started = std::time::Instant::now();
    let mut built = 0;
    let mut resolved = 0;
    // How far models get: refused for what (the message up to its first
    // backtick-quoted name), to see that the resolver's later checks are
    // reached, not only the first ones.
    let mut refusals = std::collections::BTreeMap::<String, u32>::new();
    for seed in 1..=count {
        let data = bytes(seed, 64 + (seed as usize % 700));
        let mut u = arbitrary::Unstructured::new(&data);
        let Ok(model) = shapesmith_fuzz_cases::model_graph::model(&mut u) else {
            continue;
        };
        built += 1;
        match shapesmith_fuzz_cases::read_model(&model.to_string()) {
            Ok(()) => resolved += 1,
            Err(message) => {
                let reason = message.split(": ").nth(1).unwrap_or(&message);
                let reason: String = reason.split('`').step_by(2).collect::<Vec<_>>().join("_");
                *refusals.entry(reason.chars().take(70).collect()).or_default() += 1;
            }
        }
    }
    eprintln!(
        "{resolved} of {built} models resolved; {} kinds of refusal",
        refusals.len()
    );
    let mut common: Vec<_> = refusals.into_iter().collect();
    common.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    for (reason, n) in common.iter().take(12) {
        eprintln!("{n:>7}  {reason}");
    }
    // Nearly every input makes a model; a generator that stopped making
    // them would pass vacuously.
    assert!(built * 100 > count * 95, "only {built} of {count} models built");
    eprintln!("{count} shape graphs ({built} models) in {:?}", started.elapsed());
}
