//! Enums: a variant per value plus `Unknown`, which keeps any other value.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_or;
use crate::ir::EnumIr;

/// Emits an enum and its conversions.
pub fn enumeration(e: &EnumIr) -> TokenStream {
    if e.int {
        return int_enumeration(e);
    }
    let ident = &e.path.ident;
    let name = ident.base();
    let docs = doc_attrs_or(e.docs.as_deref(), &format!("The `{}` enum.", e.id.name()));
    let first = e.variants.first().map(|v| v.ident.to_string()).unwrap_or_default();
    let forward_note = format!(
        " Values the service adds later parse as [`{name}::Unknown`], which keeps the text: \
         match such a value with a guard on [`as_str`]({name}::as_str) rather than on \
         `Unknown`, so the code keeps working when a newer version of this crate knows the value. \
         `{name}::from(\"{value}\")` gives `{name}::{first}`.",
        value = e.variants.first().map(|v| v.value.as_str()).unwrap_or_default(),
    );
    let variants = e.variants.iter().map(|v| {
        let docs = doc_attrs_or(v.docs.as_deref(), &format!("`{}`", v.value));
        let variant = &v.ident;
        quote!(#docs #variant,)
    });
    let to_str = e.variants.iter().map(|v| {
        let variant = &v.ident;
        let value = &v.value;
        quote!(#ident::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = &v.ident;
        let value = &v.value;
        quote!(#value => #ident::#variant,)
    });
    let from_string = from_str.clone();
    let values = e.variants.iter().map(|v| &v.value);
    let unknown_doc = format!(" A value this version of the crate does not know; [`{name}::as_str`] returns it.");
    quote! {
        #docs
        #[doc = ""]
        #[doc = #forward_note]
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::Eq, ::std::cmp::Ord, ::std::cmp::PartialEq, ::std::cmp::PartialOrd, ::std::fmt::Debug, ::std::hash::Hash)]
        pub enum #ident {
            #(#variants)*
            #[doc = #unknown_doc]
            Unknown(crate::primitives::UnknownVariantValue),
        }

        impl #ident {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #ident::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #ident::Unknown(crate::primitives::UnknownVariantValue::new(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #ident {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#from_string)*
                    _ => #ident::Unknown(crate::primitives::UnknownVariantValue::new(value)),
                }
            }
        }

        impl ::std::str::FromStr for #ident {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(#ident::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #ident {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// An `intEnum`: a variant per value plus `Unknown(i32)`.
fn int_enumeration(e: &EnumIr) -> TokenStream {
    let ident = &e.path.ident;
    let docs = doc_attrs_or(e.docs.as_deref(), &format!("The `{}` enum.", e.id.name()));
    let unknown_doc = format!(
        " A value this version of the crate does not know; [`{}::as_i32`] returns it.",
        ident.base()
    );
    let number = |v: &crate::ir::VariantIr| proc_macro2::Literal::i32_unsuffixed(v.value.parse().unwrap_or_default());
    let variants = e.variants.iter().map(|v| {
        let docs = doc_attrs_or(v.docs.as_deref(), &format!("`{}`", v.value));
        let variant = &v.ident;
        quote!(#docs #variant,)
    });
    let to_int = e.variants.iter().map(|v| {
        let variant = &v.ident;
        let n = number(v);
        quote!(#ident::#variant => #n,)
    });
    let from_int = e.variants.iter().map(|v| {
        let variant = &v.ident;
        let n = number(v);
        quote!(#n => #ident::#variant,)
    });
    let values = e.variants.iter().map(number);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::Eq, ::std::cmp::Ord, ::std::cmp::PartialEq, ::std::cmp::PartialOrd, ::std::fmt::Debug, ::std::hash::Hash)]
        pub enum #ident {
            #(#variants)*
            #[doc = #unknown_doc]
            Unknown(i32),
        }

        impl #ident {
            /// The value as it is sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(#to_int)*
                    #ident::Unknown(value) => *value,
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #ident {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => #ident::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{}", self.as_i32())
            }
        }
    }
}
