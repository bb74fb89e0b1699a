//! Operations: a type per operation that names it on the wire.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_or;
use crate::ir::{OperationIr, ServiceIr, TypePath};

/// Emits the operation type.
pub fn operation(op: &OperationIr, service: &ServiceIr) -> TokenStream {
    let ident = &op.ident;
    let docs = doc_attrs_or(op.docs.as_deref(), &format!("The `{}` operation.", op.name));
    let name = &op.name;
    let target = format!("{}.{}", service.name, op.name);
    let input_doc = format!(" The input is {}.", link_from(op, &op.input));
    let output_doc = format!(" The output is {}.", link_from(op, &op.output));
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

/// An intra-doc link to `path` from the operation's module: the bare name
/// where it is re-exported there (an explicit target would be redundant).
fn link_from(op: &OperationIr, path: &TypePath) -> String {
    let here = path.module.len() == 2 && path.module[1] == op.module && path.module[0].base() == "operation";
    if here {
        format!("[`{}`]", path.ident)
    } else {
        format!("[`{}`]({})", path.ident, path.rust_path())
    }
}
