//! The support modules every generated crate carries: `primitives`,
//! `error` and, where the model has `@pattern`s, `validation`.
//!
//! They are hand-written Rust kept in `codegen/templates/` so they read as
//! ordinary code; the generator parses and re-emits them like any other item.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::{Item, Module};
use crate::ir::CrateIr;

const PRIMITIVES: &str = include_str!("../../templates/primitives.rs");
const ERROR: &str = include_str!("../../templates/error.rs");
const WIRE: &str = include_str!("../../templates/wire.rs");
const PROTOCOL: &str = include_str!("../../templates/protocol.rs");
const COMPRESSION: &str = include_str!("../../templates/compression.rs");
const PAGINATE: &str = include_str!("../../templates/paginate.rs");
const JSON: &str = include_str!("../../templates/json.rs");
const PATTERN: &str = include_str!("../../templates/pattern.rs");

pub fn template(source: &str) -> TokenStream {
    // The templates are part of shapesmith; a unit test proves they parse.
    source.parse().expect("runtime template is valid Rust")
}

/// A template without its `#[cfg(test)]` items: the engine's own tests run
/// with shapesmith's, not in every generated crate.
pub fn without_tests(source: &str) -> TokenStream {
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
    quote::quote! {
        /// The file name of the Smithy model this crate was generated from.
        pub const MODEL_FILE: &str = #file;
        /// The SHA-256 of that model file, in hex.
        pub const MODEL_SHA256: &str = #sha256;
    }
}

/// Adds the support modules to the crate root.
pub fn add(root: &mut Module<'_>, ir: &CrateIr) {
    root.items.push(Item::ModelConstants);
    root.child(
        "primitives",
        true,
        "Primitive types of the wire format: timestamps and unknown enum values.",
    )
    .items
    .push(Item::Template(PRIMITIVES));
    root.child("error", true, "Errors from building and validating values.")
        .items
        .push(Item::Template(ERROR));
    let wire = root.child("wire", true, "");
    wire.items.push(Item::DocHidden);
    wire.items.push(Item::Template(WIRE));
    // Public for `RequestOptions`; the template documents itself with `//!`.
    root.child("protocol", true, "").items.push(Item::Template(PROTOCOL));
    if ir.uses_request_compression() {
        // The template documents itself with `//!`.
        root.child("compression", false, "")
            .items
            .push(Item::Template(COMPRESSION));
    }
    // The template documents itself with `//!`.
    root.child("json", true, "").items.push(Item::Template(JSON));
    if ir.operations.iter().any(|op| op.pagination.is_some()) {
        // The template documents itself with `//!`.
        root.child("paginate", true, "").items.push(Item::Template(PAGINATE));
    }
    if !ir.patterns.is_empty() {
        root.child("validation", false, "").items.push(Item::Patterns);
        root.child("pattern", false, "")
            .items
            .push(Item::TemplateWithoutTests(PATTERN));
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
            super::COMPRESSION,
            super::PAGINATE,
            super::JSON,
        ] {
            syn::parse_file(source).expect("template parses");
        }
    }
}
