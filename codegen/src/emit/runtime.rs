//! The runtime a generated crate calls: the `shapesmith-runtime` crate's
//! modules, re-exported at the crate root under the names the generated
//! code and its users write (`crate::primitives::DateTime`), or copied into
//! the crate unchanged (`Runtime::Vendored`). Also `validation`, the
//! crate's own `@pattern` table, compiled by the runtime's pattern engine
//! (`pattern`, a folder of files, re-exported or copied like the rest).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Item, Module};
use crate::ir::{CrateIr, Runtime};

/// The runtime's modules: name, source file, and whether it is hidden from
/// the generated crate's documentation (what only generated code calls).
const MODULES: &[(&str, &str, bool)] = &[
    ("compression", include_str!("../../../runtime/src/compression.rs"), true),
    ("error", include_str!("../../../runtime/src/error.rs"), false),
    ("json", include_str!("../../../runtime/src/json.rs"), false),
    ("paginate", include_str!("../../../runtime/src/paginate.rs"), false),
    ("primitives", include_str!("../../../runtime/src/primitives.rs"), false),
    ("protocol", include_str!("../../../runtime/src/protocol.rs"), false),
    ("retry", include_str!("../../../runtime/src/retry.rs"), false),
    ("wire", include_str!("../../../runtime/src/wire.rs"), true),
];

/// The `@pattern` engine (the runtime's `pattern` folder): its `mod.rs`,
/// and the files of its submodules, which that file declares.
const PATTERN: &str = include_str!("../../../runtime/src/pattern/mod.rs");
const PATTERN_FILES: &[(&str, &str)] = &[
    ("class", include_str!("../../../runtime/src/pattern/class.rs")),
    ("compile", include_str!("../../../runtime/src/pattern/compile.rs")),
    ("matcher", include_str!("../../../runtime/src/pattern/matcher.rs")),
    ("parse", include_str!("../../../runtime/src/pattern/parse.rs")),
];

/// The rules engine (the runtime's `rules_engine` folder), for crates whose
/// model has endpoint rules: its `mod.rs` and its submodules' files.
const RULES_ENGINE: &str = include_str!("../../../runtime/src/rules_engine/mod.rs");
const RULES_ENGINE_FILES: &[(&str, &str)] = &[
    ("aws", include_str!("../../../runtime/src/rules_engine/aws.rs")),
    ("eval", include_str!("../../../runtime/src/rules_engine/eval.rs")),
    (
        "functions",
        include_str!("../../../runtime/src/rules_engine/functions.rs"),
    ),
    ("parse", include_str!("../../../runtime/src/rules_engine/parse.rs")),
    (
        "partitions",
        include_str!("../../../runtime/src/rules_engine/partitions.rs"),
    ),
    (
        "partitions_data",
        include_str!("../../../runtime/src/rules_engine/partitions_data.rs"),
    ),
    ("value", include_str!("../../../runtime/src/rules_engine/value.rs")),
];

/// The waiters (the runtime's `waiter` folder), for crates whose model has
/// `smithy.waiters#waitable` operations.
const WAITER: &str = include_str!("../../../runtime/src/waiter/mod.rs");
const WAITER_FILES: &[(&str, &str)] = &[
    ("acceptor", include_str!("../../../runtime/src/waiter/acceptor.rs")),
    ("eval", include_str!("../../../runtime/src/waiter/eval.rs")),
    ("jmespath", include_str!("../../../runtime/src/waiter/jmespath.rs")),
];

/// The runtime modules this crate uses: compression and paginators only
/// where an operation needs them (they are the runtime's optional features).
pub fn modules_used(ir: &CrateIr) -> impl Iterator<Item = (&'static str, &'static str, bool)> + '_ {
    MODULES.iter().copied().filter(|(name, _, _)| match *name {
        "compression" => ir.uses_request_compression(),
        "paginate" => ir.uses_pagination(),
        _ => true,
    })
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

/// `pub use ::shapesmith_runtime::<module>;` for each runtime module the
/// crate uses, so that generated code and users name them from this crate.
pub fn reexports(ir: &CrateIr) -> TokenStream {
    let (hidden, public): (Vec<_>, Vec<_>) = modules_used(ir).partition(|(_, _, hidden)| *hidden);
    let ident = |(name, _, _): &(&str, &str, bool)| quote::format_ident!("{}", name);
    let public = public.iter().map(ident);
    let hidden = hidden.iter().map(ident);
    // The pattern engine only where the model has patterns: it is the
    // runtime's optional `validation` feature.
    let pattern = (!ir.patterns.is_empty()).then(|| {
        quote!(
            #[doc(hidden)]
            pub use ::shapesmith_runtime::pattern;
        )
    });
    // The rules engine only where the model has endpoint rules (the
    // `endpoints` feature); the crate's `endpoint` module is its API.
    let rules_engine = ir.endpoint.is_some().then(|| {
        quote!(
            #[doc(hidden)]
            pub use ::shapesmith_runtime::rules_engine;
        )
    });
    // Waiters only where an operation has them (the `waiters` feature).
    let waiter = ir.uses_waiters().then(|| {
        quote!(
            pub use ::shapesmith_runtime::waiter;
        )
    });
    quote! {
        pub use ::shapesmith_runtime::{#(#public),*};
        #(#[doc(hidden)] pub use ::shapesmith_runtime::#hidden;)*
        #pattern
        #rules_engine
        #waiter
    }
}

/// Adds the runtime (re-exported or copied) and the pattern table to the
/// crate root.
pub fn add(root: &mut Module<'_>, ir: &CrateIr) {
    root.items.push(Item::ModelConstants);
    match ir.runtime {
        Runtime::Vendored => {
            for (name, source, hidden) in modules_used(ir) {
                let module = root.child(name, true, "");
                module.verbatim = Some(source);
                module.hidden = hidden;
            }
        }
        Runtime::Version(_) | Runtime::Path(_) => root.items.push(Item::RuntimeReexports),
    }
    if !ir.patterns.is_empty() {
        root.child("validation", false, "").items.push(Item::Patterns);
        if ir.runtime == Runtime::Vendored {
            // Public (and hidden) like the re-export it stands for, so that none of its API is dead code.
            let module = root.child("pattern", true, "");
            module.verbatim = Some(PATTERN);
            module.hidden = true;
            for (name, source) in PATTERN_FILES {
                module.child(name, false, "").verbatim = Some(source);
            }
        }
    }
    if ir.uses_waiters() && ir.runtime == Runtime::Vendored {
        let module = root.child("waiter", true, "");
        module.verbatim = Some(WAITER);
        for (name, source) in WAITER_FILES {
            module.child(name, false, "").verbatim = Some(source);
        }
    }
    if ir.endpoint.is_some() && ir.runtime == Runtime::Vendored {
        let module = root.child("rules_engine", true, "");
        module.verbatim = Some(RULES_ENGINE);
        module.hidden = true;
        for (name, source) in RULES_ENGINE_FILES {
            module.child(name, false, "").verbatim = Some(source);
        }
    }
}
