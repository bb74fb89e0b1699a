//! Expressions for values of a [`ValueType`]: the `crate::wire` marker that
//! says how it is written, its `@default`, and its error-corrected zero.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use serde_json::Value;

use crate::ir::{TimestampFormat, ValueType};

/// The `crate::wire` marker type for a value.
pub fn wire_marker(ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::Float => quote!(crate::wire::F32),
        ValueType::Double => quote!(crate::wire::F64),
        ValueType::Timestamp(TimestampFormat::EpochSeconds) => quote!(crate::wire::EpochSeconds),
        ValueType::Timestamp(TimestampFormat::DateTime) => quote!(crate::wire::DateTimeString),
        ValueType::Timestamp(TimestampFormat::HttpDate) => quote!(crate::wire::HttpDate),
        ValueType::List { item, sparse } => {
            let item = wire_marker(&item.ty);
            if *sparse {
                quote!(crate::wire::SparseList<#item>)
            } else {
                quote!(crate::wire::List<#item>)
            }
        }
        ValueType::Map { key, value, sparse } => {
            let key = wire_marker(&key.ty);
            let value = wire_marker(&value.ty);
            if *sparse {
                quote!(crate::wire::SparseMap<#key, #value>)
            } else {
                quote!(crate::wire::Map<#key, #value>)
            }
        }
        other => {
            let ty = other.tokens();
            quote!(crate::wire::Plain<#ty>)
        }
    }
}

/// An expression that serializes `value` (a reference) in its wire form.
pub fn ser_expr(ty: &ValueType, value: &TokenStream) -> TokenStream {
    if ty.is_plain() {
        value.clone()
    } else {
        let marker = wire_marker(ty);
        quote!(&crate::wire::Ser::<#marker>::new(#value))
    }
}

/// The type to read a JSON value as (`null` gives `None`), and the
/// conversion from it to the Rust value (`Option<T>`).
pub fn de_type_and_map(ty: &ValueType, boxed: bool) -> (TokenStream, TokenStream) {
    let (read, map) = if ty.is_plain() {
        (ty.tokens(), TokenStream::new())
    } else {
        let marker = wire_marker(ty);
        (quote!(crate::wire::De<#marker>), quote!(.map(|value| value.0)))
    };
    let boxing = boxed.then(|| quote!(.map(::std::boxed::Box::new)));
    (read, quote!(#map #boxing))
}

/// The `@default` value as an expression of the member's type (the
/// resolver has checked that the literal fits the type).
pub fn default_expr(ty: &ValueType, value: &Value) -> TokenStream {
    // The resolver checked the literal is a whole number of the member's width.
    let n = value.as_i64().unwrap_or(0);
    match ty {
        ValueType::Bool => {
            let b = value.as_bool().unwrap_or(false);
            quote!(#b)
        }
        ValueType::Byte => Literal::i8_suffixed(n as i8).into_token_stream(),
        ValueType::Short => Literal::i16_suffixed(n as i16).into_token_stream(),
        ValueType::Integer => Literal::i32_suffixed(n as i32).into_token_stream(),
        ValueType::Long => Literal::i64_suffixed(n).into_token_stream(),
        ValueType::Float => {
            let lit = Literal::f32_suffixed(value.as_f64().unwrap_or(0.0) as f32);
            quote!(#lit)
        }
        ValueType::Double => {
            let lit = Literal::f64_suffixed(value.as_f64().unwrap_or(0.0));
            quote!(#lit)
        }
        ValueType::String => {
            let s = value.as_str().unwrap_or_default();
            quote!(::std::string::String::from(#s))
        }
        ValueType::Enum(path) => {
            let s = value.as_str().unwrap_or_default();
            let path = path.tokens();
            quote!(#path::from(#s))
        }
        ValueType::IntEnum(path) => {
            let n = Literal::i64_unsuffixed(value.as_i64().unwrap_or(0));
            let path = path.tokens();
            quote!(#path::from(#n))
        }
        ValueType::Blob => {
            let s = value.as_str().unwrap_or_default();
            quote!(crate::primitives::Blob::from(#s))
        }
        ValueType::Timestamp(_) => {
            let n = Literal::i64_unsuffixed(value.as_f64().unwrap_or(0.0) as i64);
            quote!(crate::primitives::DateTime::from_secs(#n))
        }
        ValueType::Document => {
            let text = value.to_string();
            quote!(::serde_json::from_str::<crate::primitives::Document>(#text).unwrap_or_default())
        }
        ValueType::List { .. } => quote!(::std::vec::Vec::new()),
        ValueType::Map { .. } => quote!(::std::collections::BTreeMap::new()),
        ValueType::BigInteger | ValueType::BigDecimal | ValueType::Struct(_) | ValueType::Union(_) => {
            corrected_expr(ty, false)
        }
    }
}

/// The value of a required member the input left out: its `@default`,
/// else its error-corrected zero value.
pub fn absent_expr(m: &crate::ir::MemberIr) -> TokenStream {
    match &m.default {
        Some(default) => default_expr(&m.value.ty, default),
        None => corrected_expr(&m.value.ty, m.boxed),
    }
}

/// `meta: Default::default(),` in a struct literal of an error structure
/// (which carries the response's metadata), nothing otherwise.
pub fn meta_init(s: &crate::ir::StructIr) -> Option<TokenStream> {
    (s.role == crate::ir::StructRole::Error).then(|| quote!(meta: ::std::default::Default::default(),))
}

/// The zero value a client fills in for a missing `@required` member.
pub fn corrected_expr(ty: &ValueType, boxed: bool) -> TokenStream {
    let corrected = corrected_fn(ty, boxed);
    quote!(#corrected())
}

/// The path of the function that makes the zero value.
fn corrected_fn(ty: &ValueType, boxed: bool) -> TokenStream {
    let ty = ty.tokens();
    let ty = if boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
    quote!(<#ty as crate::wire::ErrorCorrection>::corrected)
}

/// The method call that fills an absent `Option` of a plain member: its
/// `@default`, else its error-corrected zero value. Cheap literals are
/// given directly, anything that allocates lazily.
pub fn fill_absent(ty: &ValueType, default: Option<&Value>, boxed: bool) -> TokenStream {
    let Some(default) = default else {
        let corrected = corrected_fn(ty, boxed);
        return quote!(.unwrap_or_else(#corrected));
    };
    let empty_text = default.as_str() == Some("");
    match ty {
        // Copy values are cheap literals.
        ty if ty.is_copy() => {
            let value = default_expr(ty, default);
            quote!(.unwrap_or(#value))
        }
        ValueType::List { .. } | ValueType::Map { .. } => quote!(.unwrap_or_default()),
        ValueType::String if empty_text => quote!(.unwrap_or_default()),
        _ => {
            let value = default_expr(ty, default);
            quote!(.unwrap_or_else(|| #value))
        }
    }
}
