//! The runtime a generated crate calls: the `shapesmith-runtime` crate's
//! modules, re-exported at the crate root under the names the generated
//! code and its users write (`crate::primitives::DateTime`), or copied into
//! the crate unchanged (`Runtime::Vendored`). Also `validation`, the
//! crate's own `@pattern` table, with the pattern engine it compiles.

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

/// The `@pattern` engine, still a template: compiled into shapesmith too, so
/// that a pattern it cannot handle is found at generation time.
const PATTERN: &str = include_str!("../../templates/pattern.rs");

/// The runtime modules this crate uses: compression and paginators only
/// where an operation needs them (they are the runtime's optional features).
pub fn modules_used(ir: &CrateIr) -> impl Iterator<Item = (&'static str, &'static str, bool)> + '_ {
    MODULES.iter().copied().filter(|(name, _, _)| match *name {
        "compression" => ir.uses_request_compression(),
        "paginate" => ir.uses_pagination(),
        _ => true,
    })
}

/// A template without its `#[cfg(test)]` items: the engine's own tests run
/// with shapesmith's, not in every generated crate.
pub fn without_tests(source: &str) -> TokenStream {
    use quote::ToTokens;
    let mut file = syn::parse_file(source).expect("runtime template is valid Rust");
    let is_test = |attrs: &[syn::Attribute]| {
        attrs
            .iter()
            .any(|a| a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().contains("test"))
    };
    file.items.retain(|item| match item {
        syn::Item::Mod(m) => !is_test(&m.attrs),
        syn::Item::Fn(f) => !is_test(&f.attrs),
        _ => true,
    });
    file.into_token_stream()
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
    // The waiter module is a folder, which the vendored runtime does not
    // copy (the resolver leaves waiters out there).
    let waiter = ir.uses_waiters().then(|| {
        quote!(
            pub use ::shapesmith_runtime::waiter;
        )
    });
    quote! {
        pub use ::shapesmith_runtime::{#(#public),*};
        #(#[doc(hidden)] pub use ::shapesmith_runtime::#hidden;)*
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
        root.child("pattern", false, "")
            .items
            .push(Item::TemplateWithoutTests(PATTERN));
    }
}
