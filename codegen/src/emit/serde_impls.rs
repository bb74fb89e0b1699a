//! serde: field attributes for structures and hand-written impls for enums.
//!
//! Structures derive serde with one attribute per field, so the derive output
//! is the awsJson1_1 wire format: the model's member name as the key, absent
//! optional members omitted, unknown keys ignored and `null` read as absent.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{EnumIr, MemberIr};

/// The serde attributes of one structure member.
pub fn member_attrs(m: &MemberIr) -> TokenStream {
    let wire = &m.wire_name;
    if m.optional {
        quote!(#[serde(rename = #wire, default, skip_serializing_if = "::std::option::Option::is_none")])
    } else {
        quote!(#[serde(rename = #wire)])
    }
}

/// Enums are strings on the wire; values the model does not list are kept.
pub fn enumeration(e: &EnumIr) -> TokenStream {
    let ident = &e.path.ident;
    let expecting = format!("a {} value (a string)", ident.base());
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#ident, E> {
                        ::std::result::Result::Ok(#ident::from(value))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#ident, E> {
                        ::std::result::Result::Ok(#ident::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    }
}
