//! Expressions for values of a [`ValueType`]: the `crate::wire` marker that
//! says how it is written, its `@default`, and its error-corrected zero.

use crate::ir::{DefaultValue, TimestampFormat, ValueType};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

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
/// resolver has checked that the value fits the type).
pub fn default_expr(ty: &ValueType, value: &DefaultValue) -> TokenStream {
    match (ty, value) {
        (_, DefaultValue::Bool(b)) => quote!(#b),
        // The resolver checked each integer is in its type's range.
        (ValueType::Byte, DefaultValue::Integer(n)) => Literal::i8_suffixed(*n as i8).into_token_stream(),
        (ValueType::Short, DefaultValue::Integer(n)) => Literal::i16_suffixed(*n as i16).into_token_stream(),
        (ValueType::Integer, DefaultValue::Integer(n)) => Literal::i32_suffixed(*n as i32).into_token_stream(),
        (ValueType::IntEnum(path), DefaultValue::Integer(n)) => {
            let n = Literal::i32_unsuffixed(*n as i32);
            let path = path.tokens();
            quote!(#path::from(#n))
        }
        (_, DefaultValue::Integer(n)) => Literal::i64_suffixed(*n).into_token_stream(),
        (ValueType::Float, DefaultValue::Float(f)) => Literal::f32_suffixed(*f as f32).into_token_stream(),
        (_, DefaultValue::Float(f)) => Literal::f64_suffixed(*f).into_token_stream(),
        (ValueType::Enum(path), DefaultValue::Text(s)) => {
            let path = path.tokens();
            quote!(#path::from(#s))
        }
        (_, DefaultValue::Text(s)) => quote!(::std::string::String::from(#s)),
        (_, DefaultValue::Bytes(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote!(crate::primitives::Blob::new(#bytes.to_vec()))
        }
        (_, DefaultValue::Timestamp { secs, nanos }) => {
            let secs = Literal::i64_unsuffixed(*secs);
            if *nanos == 0 {
                quote!(crate::primitives::DateTime::from_secs(#secs))
            } else {
                let nanos = Literal::u32_unsuffixed(*nanos);
                // The resolver keeps nanos below a second, so this is `Some`.
                quote!(crate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos).unwrap_or(crate::primitives::DateTime::from_secs(#secs)))
            }
        }
        (_, DefaultValue::Document(value)) => {
            let text = value.to_string();
            quote!(::serde_json::from_str::<crate::primitives::Document>(#text).unwrap_or_default())
        }
        (ValueType::Map { .. }, DefaultValue::Empty) => quote!(::std::collections::BTreeMap::new()),
        (_, DefaultValue::Empty) => quote!(::std::vec::Vec::new()),
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

/// In a struct literal, the response metadata an error structure
/// (`meta`) or an operation output (`_request_id`) carries, empty.
pub fn meta_init(s: &crate::ir::StructIr) -> Option<TokenStream> {
    if s.role == crate::ir::StructRole::Error {
        Some(quote!(meta: ::std::default::Default::default(),))
    } else if s.carries_request_id {
        Some(quote!(_request_id: ::std::option::Option::None,))
    } else {
        None
    }
}

/// The zero value a client fills in for a missing `@required` member.
pub fn corrected_expr(ty: &ValueType, boxed: bool) -> TokenStream {
    let corrected = corrected_fn(ty, boxed);
    quote!(#corrected())
}

/// The path of the function that makes the zero value.
// Generic, so the type comes from where the value goes.
fn corrected_fn(_ty: &ValueType, _boxed: bool) -> TokenStream {
    quote!(crate::wire::corrected)
}

/// The method call that fills an absent `Option` of a plain member: its
/// `@default`, else its error-corrected zero value. Cheap literals are
/// given directly, anything that allocates lazily.
pub fn fill_absent(ty: &ValueType, default: Option<&DefaultValue>, boxed: bool) -> TokenStream {
    let Some(default) = default else {
        let corrected = corrected_fn(ty, boxed);
        return quote!(.unwrap_or_else(#corrected));
    };
    let empty_text = matches!(default, DefaultValue::Text(text) if text.is_empty());
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
