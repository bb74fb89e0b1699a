//! The runtime a generated crate calls: the `shapesmith-runtime` crate's
//! modules, re-exported at the crate root under the names the generated
//! code and its users write (`crate::primitives::DateTime`), or copied into
//! the crate unchanged (`Runtime::Vendored`). Also `validation`, the
//! crate's own `@pattern` table, compiled by the runtime's pattern engine
//! (`pattern`, a folder of files, re-exported or copied like the rest).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Item, Module};
use crate::ir::{Bindings, CrateIr, Runtime};

/// One module of the runtime: a file, or a folder (its `mod.rs` and the
/// files of the submodules that file declares).
struct RuntimeModule {
    name: &'static str,
    source: &'static str,
    submodules: &'static [(&'static str, &'static str)],
    /// Hidden from the generated crate's documentation: what only generated
    /// code calls.
    hidden: bool,
    /// Whether a crate needs it; the optional ones are the runtime's
    /// optional features.
    used: fn(&CrateIr) -> bool,
}

fn always(_: &CrateIr) -> bool {
    true
}

macro_rules! runtime_file {
    ($path:literal) => {
        shapesmith_runtime::sources::file($path)
    };
}

/// The runtime's modules, in name order.
const MODULES: &[RuntimeModule] = &[
    // The JSON protocols' response bodies and error envelope.
    RuntimeModule {
        name: "aws_json",
        source: runtime_file!("aws_json.rs"),
        submodules: &[],
        hidden: true,
        used: always,
    },
    // The `Operation` trait, request options and request ids.
    RuntimeModule {
        name: "call",
        source: runtime_file!("call.rs"),
        submodules: &[],
        hidden: false,
        used: always,
    },
    RuntimeModule {
        name: "checksum",
        source: runtime_file!("checksum.rs"),
        submodules: &[],
        hidden: true,
        used: |ir| ir.operations.iter().any(|op| op.checksum_required) || ir.customizations.glacier_checksums,
    },
    RuntimeModule {
        name: "compression",
        source: runtime_file!("compression.rs"),
        submodules: &[],
        hidden: true,
        used: CrateIr::uses_request_compression,
    },
    RuntimeModule {
        name: "error",
        source: runtime_file!("error.rs"),
        submodules: &[],
        hidden: false,
        used: always,
    },
    // The `application/vnd.amazon.eventstream` codec, for `@streaming` unions.
    RuntimeModule {
        name: "event_stream",
        source: runtime_file!("event_stream/mod.rs"),
        submodules: &[
            ("decoder", runtime_file!("event_stream/decoder.rs")),
            ("error", runtime_file!("event_stream/error.rs")),
            ("events", runtime_file!("event_stream/events.rs")),
            ("frame", runtime_file!("event_stream/frame.rs")),
            ("header", runtime_file!("event_stream/header.rs")),
            ("message", runtime_file!("event_stream/message.rs")),
        ],
        hidden: false,
        used: CrateIr::uses_event_streams,
    },
    RuntimeModule {
        name: "json",
        source: runtime_file!("json.rs"),
        submodules: &[],
        hidden: false,
        used: always,
    },
    // awsJson1_0 and awsJson1_1 requests.
    RuntimeModule {
        name: "json_rpc",
        source: runtime_file!("json_rpc.rs"),
        submodules: &[],
        hidden: true,
        used: |ir| {
            ir.operations
                .iter()
                .any(|op| matches!(op.bindings, Bindings::Rpc { .. }))
        },
    },
    RuntimeModule {
        name: "paginate",
        source: runtime_file!("paginate.rs"),
        submodules: &[],
        hidden: false,
        used: CrateIr::uses_pagination,
    },
    // The `@pattern` engine, for the crate's own pattern table (`validation`).
    RuntimeModule {
        name: "pattern",
        source: runtime_file!("pattern/mod.rs"),
        submodules: &[
            ("class", runtime_file!("pattern/class.rs")),
            ("compile", runtime_file!("pattern/compile.rs")),
            ("matcher", runtime_file!("pattern/matcher.rs")),
            ("parse", runtime_file!("pattern/parse.rs")),
        ],
        hidden: true,
        used: |ir| ir.checked_patterns().next().is_some(),
    },
    RuntimeModule {
        name: "primitives",
        source: runtime_file!("primitives.rs"),
        submodules: &[],
        hidden: false,
        used: always,
    },
    // The HTTP binding layer (and the body-only view of a structure that
    // has bound members, which event streams use in every protocol).
    RuntimeModule {
        name: "rest",
        source: runtime_file!("rest.rs"),
        submodules: &[],
        hidden: true,
        used: |ir| {
            ir.operations.iter().any(|op| op.http().is_some())
                || ir.structures.iter().any(|s| s.event || s.has_http_bindings())
        },
    },
    RuntimeModule {
        name: "retry",
        source: runtime_file!("retry.rs"),
        submodules: &[],
        hidden: false,
        used: always,
    },
    // The rules engine behind the crate's `endpoint` module.
    RuntimeModule {
        name: "rules_engine",
        source: runtime_file!("rules_engine/mod.rs"),
        submodules: &[
            ("aws", runtime_file!("rules_engine/aws.rs")),
            ("eval", runtime_file!("rules_engine/eval.rs")),
            ("functions", runtime_file!("rules_engine/functions.rs")),
            ("parse", runtime_file!("rules_engine/parse.rs")),
            ("partitions", runtime_file!("rules_engine/partitions.rs")),
            ("partitions_data", runtime_file!("rules_engine/partitions_data.rs")),
            ("value", runtime_file!("rules_engine/value.rs")),
        ],
        hidden: true,
        used: |ir| ir.endpoint.is_some(),
    },
    RuntimeModule {
        name: "waiter",
        source: runtime_file!("waiter/mod.rs"),
        submodules: &[
            ("acceptor", runtime_file!("waiter/acceptor.rs")),
            ("eval", runtime_file!("waiter/eval.rs")),
            ("inspect", runtime_file!("waiter/inspect.rs")),
            ("jmespath", runtime_file!("waiter/jmespath.rs")),
        ],
        hidden: false,
        used: CrateIr::uses_waiters,
    },
    RuntimeModule {
        name: "wire",
        source: runtime_file!("wire.rs"),
        submodules: &[],
        hidden: true,
        used: always,
    },
];

/// The runtime modules this crate uses.
fn modules_used(ir: &CrateIr) -> impl Iterator<Item = &'static RuntimeModule> + '_ {
    MODULES.iter().filter(|m| (m.used)(ir))
}

/// `MODEL_FILE` and `MODEL_SHA256` at the crate root.
pub fn model_constants(ir: &CrateIr) -> TokenStream {
    let file = &ir.model_file;
    let sha256 = &ir.model_sha256;
    quote! {
        /// The file name of the Smithy model this crate was generated from.
        pub const MODEL_FILE: &str = #file;
        /// The SHA-256 of that model file, in hex.
        pub const MODEL_SHA256: &str = #sha256;
    }
}

/// The prelude: the traits that give operations, errors and outputs their
/// methods.
pub fn prelude() -> TokenStream {
    quote! {
        pub use crate::call::{Operation, RequestId};
        pub use crate::error::ServiceError;
    }
}

/// `pub use ::shapesmith_runtime::<module>;` for each runtime module the
/// crate uses, so that generated code and users name them from this crate.
pub fn reexports(ir: &CrateIr) -> TokenStream {
    let (hidden, public): (Vec<_>, Vec<_>) = modules_used(ir).partition(|m| m.hidden);
    let ident = |m: &&RuntimeModule| quote::format_ident!("{}", m.name);
    let public = public.iter().map(ident);
    let hidden = hidden.iter().map(ident);
    quote! {
        pub use ::shapesmith_runtime::{#(#public),*};
        #(#[doc(hidden)] pub use ::shapesmith_runtime::#hidden;)*
    }
}

/// Adds the runtime (re-exported or copied) and the pattern table to the
/// crate root.
pub fn add(root: &mut Module<'_>, ir: &CrateIr) {
    root.items.push(Item::ModelConstants);
    root.child(
        "prelude",
        true,
        "The traits that give operations, errors and outputs their methods (`request_to`, `parse_response`, `code()`, `request_id()`): `use <crate>::prelude::*;`.",
    )
    .items
    .push(Item::Prelude);
    match ir.runtime {
        Runtime::Vendored => {
            for runtime_module in modules_used(ir) {
                // Public (hidden where the re-export would be), like the
                // re-export it stands for, so that none of its API is dead code.
                let module = root.child(runtime_module.name, true, "");
                module.verbatim = Some(runtime_module.source);
                module.hidden = runtime_module.hidden;
                for (name, source) in runtime_module.submodules {
                    module.child(name, false, "").verbatim = Some(source);
                }
            }
        }
        Runtime::Version(_) | Runtime::Path(_) => root.items.push(Item::RuntimeReexports),
    }
    if ir.checked_patterns().next().is_some() {
        root.child("validation", false, "").items.push(Item::Patterns);
    }
}
