//! Operations: a type per operation that names it on the wire.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_or;
use crate::ir::{OperationIr, ServiceIr};

/// Emits the operation type.
pub fn operation(op: &OperationIr, service: &ServiceIr) -> TokenStream {
    let ident = &op.ident;
    let docs = doc_attrs_or(op.docs.as_deref(), &format!("The `{}` operation.", op.name));
    let name = &op.name;
    let target = format!("{}.{}", service.name, op.name);
    let input_doc = format!(" The input is [`{}`]({}).", op.input.ident, op.input.rust_path());
    let output_doc = format!(" The output is [`{}`]({}).", op.output.ident, op.output.rust_path());
    quote! {
        #docs
        #[doc = ""]
        #[doc = #input_doc]
        #[doc = #output_doc]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        #[non_exhaustive]
        pub struct #ident;

        impl #ident {
            /// The operation name in the model.
            pub const NAME: &'static str = #name;
            /// The value of the `X-Amz-Target` header: `<Service>.<Operation>`.
            pub const TARGET: &'static str = #target;
        }
    }
}
