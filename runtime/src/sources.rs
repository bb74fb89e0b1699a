//! The runtime's own source files (feature `sources`), for the generator
//! to copy into crates generated with the vendored runtime. They come from
//! this crate, not from a path outside the generator's package, so
//! `shapesmith` packages and publishes like any crate, and the files it
//! copies are always those of the runtime version it depends on.

/// `(path below src/, text)` of every file a vendored crate may copy.
pub const FILES: &[(&str, &str)] = &[
    ("aws_json.rs", include_str!("aws_json.rs")),
    ("call.rs", include_str!("call.rs")),
    ("checksum.rs", include_str!("checksum.rs")),
    ("compression.rs", include_str!("compression.rs")),
    ("error.rs", include_str!("error.rs")),
    ("event_stream/decoder.rs", include_str!("event_stream/decoder.rs")),
    ("event_stream/error.rs", include_str!("event_stream/error.rs")),
    ("event_stream/events.rs", include_str!("event_stream/events.rs")),
    ("event_stream/frame.rs", include_str!("event_stream/frame.rs")),
    ("event_stream/header.rs", include_str!("event_stream/header.rs")),
    ("event_stream/message.rs", include_str!("event_stream/message.rs")),
    ("event_stream/mod.rs", include_str!("event_stream/mod.rs")),
    ("json.rs", include_str!("json.rs")),
    ("json_rpc.rs", include_str!("json_rpc.rs")),
    ("paginate.rs", include_str!("paginate.rs")),
    ("pattern/class.rs", include_str!("pattern/class.rs")),
    ("pattern/compile.rs", include_str!("pattern/compile.rs")),
    ("pattern/matcher.rs", include_str!("pattern/matcher.rs")),
    ("pattern/mod.rs", include_str!("pattern/mod.rs")),
    ("pattern/parse.rs", include_str!("pattern/parse.rs")),
    ("primitives.rs", include_str!("primitives.rs")),
    ("rest.rs", include_str!("rest.rs")),
    ("retry.rs", include_str!("retry.rs")),
    ("rules_engine/aws.rs", include_str!("rules_engine/aws.rs")),
    ("rules_engine/eval.rs", include_str!("rules_engine/eval.rs")),
    ("rules_engine/functions.rs", include_str!("rules_engine/functions.rs")),
    ("rules_engine/mod.rs", include_str!("rules_engine/mod.rs")),
    ("rules_engine/parse.rs", include_str!("rules_engine/parse.rs")),
    ("rules_engine/partitions.rs", include_str!("rules_engine/partitions.rs")),
    (
        "rules_engine/partitions_data.rs",
        include_str!("rules_engine/partitions_data.rs"),
    ),
    ("rules_engine/value.rs", include_str!("rules_engine/value.rs")),
    ("waiter/acceptor.rs", include_str!("waiter/acceptor.rs")),
    ("waiter/eval.rs", include_str!("waiter/eval.rs")),
    ("waiter/inspect.rs", include_str!("waiter/inspect.rs")),
    ("waiter/jmespath.rs", include_str!("waiter/jmespath.rs")),
    ("waiter/mod.rs", include_str!("waiter/mod.rs")),
    ("wire.rs", include_str!("wire.rs")),
];

/// The text of `path` (below `src/`); a path that is not in [`FILES`] is a
/// compile-time error where this is called in a constant.
pub const fn file(path: &str) -> &'static str {
    let mut i = 0;
    while i < FILES.len() {
        if same(FILES[i].0.as_bytes(), path.as_bytes()) {
            return FILES[i].1;
        }
        i += 1;
    }
    panic!("not a runtime source file")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
