//! The support modules every generated crate carries: `primitives`,
//! `error` and, where the model has `@pattern`s, `validation`.
//!
//! They are hand-written Rust kept in `codegen/templates/` so they read as
//! ordinary code; the generator parses and re-emits them like any other item.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::{validation, Module};
use crate::ir::CrateIr;

const PRIMITIVES: &str = include_str!("../../templates/primitives.rs");
const ERROR: &str = include_str!("../../templates/error.rs");
const WIRE: &str = include_str!("../../templates/wire.rs");
const PROTOCOL: &str = include_str!("../../templates/protocol.rs");
const PAGINATE: &str = include_str!("../../templates/paginate.rs");
const PATTERN: &str = include_str!("../../templates/pattern.rs");

fn template(source: &str) -> TokenStream {
    // The templates are part of shapesmith; a unit test proves they parse.
    source.parse().expect("runtime template is valid Rust")
}

/// A template without its `#[cfg(test)]` items: the engine's own tests run
/// with shapesmith's, not in every generated crate.
fn without_tests(source: &str) -> TokenStream {
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

/// Adds the support modules to the crate root.
pub fn add(root: &mut Module, ir: &CrateIr) {
    let file = &ir.model_file;
    let sha256 = &ir.model_sha256;
    root.items.extend(quote::quote! {
        /// The file name of the Smithy model this crate was generated from.
        pub const MODEL_FILE: &str = #file;
        /// The SHA-256 of that model file, in hex.
        pub const MODEL_SHA256: &str = #sha256;
    });
    root.child(
        "primitives",
        true,
        "Primitive types of the wire format: timestamps and unknown enum values.",
    )
    .items
    .extend(template(PRIMITIVES));
    root.child("error", true, "Errors from building and validating values.")
        .items
        .extend(template(ERROR));
    let wire = root.child("wire", true, "");
    wire.items.extend(quote::quote!(#![doc(hidden)]));
    wire.items.extend(template(WIRE));
    root.child("protocol", false, "").items.extend(template(PROTOCOL));
    if ir.operations.iter().any(|op| op.pagination.is_some()) {
        // The template documents itself with `//!`.
        root.child("paginate", true, "").items.extend(template(PAGINATE));
    }
    let patterns = validation::patterns_module(ir);
    if !patterns.is_empty() {
        root.child("validation", false, "").items.extend(patterns);
        root.child("pattern", false, "").items.extend(without_tests(PATTERN));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_parse() {
        for source in [
            super::PRIMITIVES,
            super::ERROR,
            super::WIRE,
            super::PROTOCOL,
            super::PAGINATE,
        ] {
            syn::parse_file(source).expect("template parses");
        }
    }
}
