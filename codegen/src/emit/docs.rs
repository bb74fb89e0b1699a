//! Documentation attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line, that prettyplease prints as `///`.
pub fn doc_attrs(docs: Option<&str>) -> TokenStream {
    let Some(docs) = docs else {
        return TokenStream::new();
    };
    let lines = docs.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// Like [`doc_attrs`], with a fallback sentence where the model has none.
pub fn doc_attrs_or(docs: Option<&str>, fallback: &str) -> TokenStream {
    doc_attrs(Some(docs.unwrap_or(fallback)))
}
