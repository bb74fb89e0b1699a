//! Unions: an enum with a variant per member, plus `Unknown` for members
//! this version of the crate does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_or;
use crate::ir::UnionIr;

/// Emits a union and its `is_x`/`as_x` helpers.
pub fn union(u: &UnionIr) -> TokenStream {
    let ident = &u.path.ident;
    let docs = doc_attrs_or(u.docs.as_deref(), &format!("The `{}` union.", u.id.name()));
    let variants = u.variants.iter().map(|v| {
        let docs = doc_attrs_or(v.docs.as_deref(), &format!("The `{}` member.", v.name));
        let variant = &v.ident;
        let ty = v.value.ty.tokens();
        let ty = if v.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
        quote!(#docs #variant(#ty),)
    });
    let helpers = u.variants.iter().map(|v| {
        let variant = &v.ident;
        let is = v.method.prefixed("is_");
        let as_ = v.method.prefixed("as_");
        let ty = v.value.ty.tokens();
        let is_doc = format!(" Whether this is the `{}` member.", v.name);
        let as_doc = format!(
            " The `{}` member's value, or `self` when another member is set.",
            v.name
        );
        quote! {
            #[doc = #is_doc]
            pub fn #is(&self) -> bool {
                matches!(self, #ident::#variant(_))
            }

            #[doc = #as_doc]
            pub fn #as_(&self) -> ::std::result::Result<&#ty, &Self> {
                match self {
                    #ident::#variant(value) => ::std::result::Result::Ok(value),
                    #[allow(unreachable_patterns)]
                    _ => ::std::result::Result::Err(self),
                }
            }
        }
    });
    let unknown_doc = " A member this version of the crate does not know; it keeps the member's name. \
                       It cannot be serialized.";
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        #[allow(clippy::large_enum_variant)]
        pub enum #ident {
            #(#variants)*
            #[doc = #unknown_doc]
            Unknown(crate::primitives::UnknownVariantValue),
        }

        impl #ident {
            #(#helpers)*

            /// Whether this is a member this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #ident::Unknown(_))
            }
        }
    }
}
