//! Protocol compliance cases as Rust tests: each client case of the model's
//! `smithy.test#httpRequestTests`/`httpResponseTests` becomes a `#[test]`
//! that builds the request or reads the response with the generated code
//! and compares with the case. JSON bodies compare as JSON values; header
//! names case-insensitively, as HTTP has them.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use serde_json::Value;

use super::values::{absent_expr, meta_init};
use crate::error::Error;
use crate::ir::{CrateIr, ProtocolTestIr, ProtocolTestKind, TypePath, ValueType};

/// The `protocol_tests` module's items, or an error naming the case whose
/// params do not fit the model.
pub fn module(ir: &CrateIr) -> Result<TokenStream, Error> {
    let mut tests = Vec::new();
    for case in &ir.protocol_tests {
        tests.push(test(case, ir).map_err(|e| Error::Config(format!("protocol test `{}`: {e}", case.id)))?);
    }
    // The helpers only where some case calls them (a small suite may not).
    let requests = ir
        .protocol_tests
        .iter()
        .filter(|c| matches!(c.kind, ProtocolTestKind::Request));
    let json_bodies = requests.clone().any(|c| {
        c.body.as_deref().is_some_and(|b| !b.is_empty()) && c.body_media_type.as_deref() == Some("application/json")
    });
    let headers = requests.into_iter().any(|c| !c.headers.is_empty());
    let assert_json_eq = json_bodies.then(|| {
        quote! {
            fn assert_json_eq(actual: &[u8], expected: &str) {
                let actual: ::serde_json::Value = ::serde_json::from_slice(actual).expect("the body is JSON");
                let expected: ::serde_json::Value = ::serde_json::from_str(expected).expect("the case's body is JSON");
                assert_eq!(actual, expected);
            }
        }
    });
    let header = headers.then(|| {
        quote! {
            fn header<'a>(headers: &'a ::http::HeaderMap, name: &str) -> ::std::option::Option<&'a str> {
                headers.get(name).map(|value| value.to_str().expect("header value is text"))
            }
        }
    });
    Ok(quote! {
        use crate::call::Operation as _;
        #assert_json_eq
        #header
        #(#tests)*
    })
}

fn test(case: &ProtocolTestIr, ir: &CrateIr) -> Result<TokenStream, String> {
    let function = &case.function;
    let docs = case
        .docs
        .iter()
        .flat_map(|d| d.lines())
        .map(|l| format!(" {}", l.trim()));
    let kind = match case.kind {
        ProtocolTestKind::Request => "request",
        ProtocolTestKind::Response | ProtocolTestKind::ErrorResponse(_) => "response",
    };
    let id_doc = format!(" Compliance case `{}` ({kind}).", case.id);
    let ignore = case.skip.as_ref().map(|reason| quote!(#[ignore = #reason]));
    let module = &case.operation.module;
    let op = &case.operation.ident;
    let op_path = quote!(crate::operation::#module::#op);
    let params = struct_expr(&case.params_type, &case.params, ir)?;
    let body = match &case.kind {
        ProtocolTestKind::Request => request_checks(case, &op_path, params),
        ProtocolTestKind::Response => {
            let response = response_expr(case);
            quote! {
                #response
                let expected = #params;
                let mut actual = #op_path::parse_response(&response).expect("the response parses");
                // The expected value is built by hand, without a request id.
                actual._request_id = ::std::option::Option::None;
                // Debug text, so that NaN equals NaN.
                assert_eq!(::std::format!("{actual:?}"), ::std::format!("{expected:?}"));
            }
        }
        ProtocolTestKind::ErrorResponse(error) => {
            let response = response_expr(case);
            let error_type = case.operation.error_ident();
            let variant = &error.variant;
            let code = case.error_code.as_ref().map_or(&error.code, |(code, _)| code);
            let fault = case
                .error_code
                .as_ref()
                .and_then(|(_, fault)| fault.as_ref())
                .map(|fault| quote!(assert_eq!(actual.meta().error_type(), ::std::option::Option::Some(#fault));));
            quote! {
                #response
                let expected = #params;
                match #op_path::parse_response(&response) {
                    ::std::result::Result::Err(crate::operation::#module::#error_type::#variant(mut actual)) => {
                        assert_eq!(actual.meta().code(), ::std::option::Option::Some(#code));
                        #fault
                        // The expected value is built by hand, without response metadata.
                        actual.meta = ::std::default::Default::default();
                        assert_eq!(::std::format!("{actual:?}"), ::std::format!("{expected:?}"));
                    }
                    other => panic!("expected the {} error, got {other:?}", #code),
                }
            }
        }
    };
    Ok(quote! {
        #[doc = #id_doc]
        #(#[doc = #docs])*
        #[test]
        #ignore
        fn #function() {
            #body
        }
    })
}

fn request_checks(case: &ProtocolTestIr, op_path: &TokenStream, params: TokenStream) -> TokenStream {
    // The default `RequestOptions`, as a client that configured nothing
    // would have, but for the token: Smithy's protocol tests assume this
    // one wherever the client fills in an `@idempotencyToken` member. The
    // `@requestCompression` cases (`SDKAppliedContentEncoding_*`) rely on
    // the defaults: their payload is 10,368 characters, above the SDKs'
    // default 10,240-byte minimum, so it is compressed and
    // `Content-Encoding: gzip` is earned.
    let options = quote! {
        crate::call::RequestOptions::new()
            .idempotency_token_provider(|| ::std::string::String::from("00000000-0000-4000-8000-000000000000"))
    };
    let build = match &case.host {
        Some(host) => {
            let endpoint = format!("https://{host}");
            quote! {
                let endpoint: ::http::Uri = #endpoint.parse().expect("endpoint");
                let request = #op_path::request_with(&input, ::std::option::Option::Some(&endpoint), &#options).expect("the request builds");
            }
        }
        None => {
            quote!(let request = #op_path::request_with(&input, ::std::option::Option::None, &#options).expect("the request builds");)
        }
    };
    let mut checks = TokenStream::new();
    if let Some(method) = &case.method {
        checks.extend(quote!(assert_eq!(request.method().as_str(), #method);));
    }
    if let Some(uri) = &case.uri {
        checks.extend(quote!(assert_eq!(request.uri().path(), #uri);));
    }
    if !case.query_params.is_empty() || !case.forbid_query_params.is_empty() || !case.require_query_params.is_empty() {
        checks.extend(quote! {
            let query: ::std::vec::Vec<&str> = request.uri().query().unwrap_or_default().split('&').filter(|p| !p.is_empty()).collect();
        });
    }
    for param in &case.query_params {
        checks.extend(quote!(assert!(query.contains(&#param), "query parameter {} in {:?}", #param, query);));
    }
    for name in &case.forbid_query_params {
        checks.extend(quote! {
            assert!(!query.iter().any(|p| p.split('=').next() == ::std::option::Option::Some(#name)), "query parameter {} must be absent: {:?}", #name, query);
        });
    }
    for name in &case.require_query_params {
        checks.extend(quote! {
            assert!(query.iter().any(|p| p.split('=').next() == ::std::option::Option::Some(#name)), "query parameter {} is required: {:?}", #name, query);
        });
    }
    if let Some(host) = &case.resolved_host {
        checks.extend(quote!(assert_eq!(request.uri().host(), ::std::option::Option::Some(#host));));
    }
    for (name, value) in &case.headers {
        checks.extend(quote! {
            assert_eq!(header(request.headers(), #name), ::std::option::Option::Some(#value), "header {}", #name);
        });
    }
    for name in &case.forbid_headers {
        checks.extend(quote!(assert!(request.headers().get(#name).is_none(), "header {} must be absent", #name);));
    }
    for name in &case.require_headers {
        checks.extend(quote!(assert!(request.headers().contains_key(#name), "header {} is required", #name);));
    }
    match (&case.body, case.body_media_type.as_deref()) {
        (Some(body), _) if body.is_empty() => checks.extend(quote!(assert!(request.body().is_empty());)),
        (Some(body), Some("application/json")) => checks.extend(quote!(assert_json_eq(request.body(), #body);)),
        (Some(body), _) => checks.extend(quote!(assert_eq!(request.body().as_slice(), #body.as_bytes());)),
        (None, _) => {}
    }
    quote! {
        let input = #params;
        #build
        #checks
    }
}

fn response_expr(case: &ProtocolTestIr) -> TokenStream {
    let code = case.code.unwrap_or(200);
    let headers = case.headers.iter().map(|(name, value)| quote!(.header(#name, #value)));
    let body = case.body.clone().unwrap_or_default();
    quote! {
        let response = ::http::Response::builder()
            .status(#code)
            #(#headers)*
            .body(#body.as_bytes().to_vec())
            .expect("the case's response is valid HTTP");
    }
}

/// A struct literal for the structure at `path` with the values of `params`
/// (a JSON object in Smithy node form); members the case leaves out get the
/// value a response without them would give.
fn struct_expr(path: &TypePath, params: &Value, ir: &CrateIr) -> Result<TokenStream, String> {
    let s = ir
        .structures
        .iter()
        .find(|s| s.path == *path)
        .ok_or_else(|| format!("no structure {}", path.rust_path()))?;
    let empty = serde_json::Map::new();
    let object = match params {
        Value::Object(o) => o,
        Value::Null => &empty,
        other => return Err(format!("params for {} must be an object, found {other}", s.id)),
    };
    if let Some(unknown) = object.keys().find(|k| !s.members.iter().any(|m| m.name == **k)) {
        return Err(format!("params name `{unknown}`, which {} does not have", s.id));
    }
    let mut fields = Vec::new();
    for m in &s.members {
        let field = &m.field;
        let value = match object.get(&m.name) {
            None | Some(Value::Null) => None,
            Some(v) => {
                let expr = value_expr(&m.value.ty, v, ir)?;
                Some(if m.boxed {
                    quote!(::std::boxed::Box::new(#expr))
                } else {
                    expr
                })
            }
        };
        fields.push(match (value, m.optional) {
            (Some(v), true) => quote!(#field: ::std::option::Option::Some(#v),),
            (Some(v), false) => quote!(#field: #v,),
            (None, true) => quote!(#field: ::std::option::Option::None,),
            (None, false) => {
                let fill = absent_expr(m);
                quote!(#field: #fill,)
            }
        });
    }
    let meta = meta_init(s);
    let ty = s.path.tokens();
    Ok(quote!(#ty { #(#fields)* #meta }))
}

/// A Rust expression for a Smithy node value of the given type.
fn value_expr(ty: &ValueType, v: &Value, ir: &CrateIr) -> Result<TokenStream, String> {
    let mismatch = || format!("{v} does not fit {}", ty.tokens());
    let float = |v: &Value| -> Result<f64, String> {
        match v {
            Value::Number(n) => n.as_f64().ok_or_else(mismatch),
            Value::String(s) if s == "NaN" => Ok(f64::NAN),
            Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
            Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(mismatch()),
        }
    };
    let float_expr = |x: f64, single: bool| {
        let ty = if single { quote!(f32) } else { quote!(f64) };
        if x.is_nan() {
            quote!(#ty::NAN)
        } else if x == f64::INFINITY {
            quote!(#ty::INFINITY)
        } else if x == f64::NEG_INFINITY {
            quote!(#ty::NEG_INFINITY)
        } else if single {
            Literal::f32_suffixed(x as f32).into_token_stream()
        } else {
            Literal::f64_suffixed(x).into_token_stream()
        }
    };
    let int = |v: &Value| v.as_i64().ok_or_else(mismatch);
    let text = |v: &Value| v.as_str().map(str::to_owned).ok_or_else(mismatch);
    Ok(match ty {
        ValueType::Bool => {
            let b = v.as_bool().ok_or_else(mismatch)?;
            quote!(#b)
        }
        ValueType::Byte => Literal::i8_suffixed(i8::try_from(int(v)?).map_err(|_| mismatch())?).into_token_stream(),
        ValueType::Short => Literal::i16_suffixed(i16::try_from(int(v)?).map_err(|_| mismatch())?).into_token_stream(),
        ValueType::Integer => {
            Literal::i32_suffixed(i32::try_from(int(v)?).map_err(|_| mismatch())?).into_token_stream()
        }
        ValueType::Long => Literal::i64_suffixed(int(v)?).into_token_stream(),
        ValueType::Float => float_expr(float(v)?, true),
        ValueType::Double => float_expr(float(v)?, false),
        ValueType::String => {
            let s = text(v)?;
            quote!(::std::string::String::from(#s))
        }
        ValueType::BigInteger | ValueType::BigDecimal => {
            let n = v.to_string();
            let t = ty.tokens();
            quote!(#n.parse::<#t>().expect("number"))
        }
        ValueType::Blob => {
            let s = text(v)?;
            quote!(crate::primitives::Blob::from(#s))
        }
        ValueType::Document => {
            let json = v.to_string();
            quote!(::serde_json::from_str::<crate::primitives::Document>(#json).expect("document"))
        }
        ValueType::Timestamp(_) => {
            let n = match v {
                Value::Number(n) => n.to_string(),
                _ => return Err(mismatch()),
            };
            quote!(crate::primitives::DateTime::parse_epoch_seconds(#n).expect("timestamp"))
        }
        ValueType::Struct(path) => struct_expr(path, v, ir)?,
        ValueType::Enum(path) => {
            let s = text(v)?;
            let path = path.tokens();
            quote!(#path::from(#s))
        }
        ValueType::IntEnum(path) => {
            let n = Literal::i32_unsuffixed(i32::try_from(int(v)?).map_err(|_| mismatch())?);
            let path = path.tokens();
            quote!(#path::from(#n))
        }
        ValueType::Union(path) => {
            let u = ir
                .unions
                .iter()
                .find(|u| u.path == *path)
                .ok_or_else(|| format!("no union {}", path.rust_path()))?;
            let object = v.as_object().ok_or_else(mismatch)?;
            let (key, value) = match object.iter().next() {
                Some(entry) if object.len() == 1 => entry,
                _ => return Err(format!("a {} value must set exactly one member: {v}", u.id)),
            };
            let variant = u
                .variants
                .iter()
                .find(|variant| variant.name == *key)
                .ok_or_else(|| format!("{} has no member `{key}`", u.id))?;
            let expr = value_expr(&variant.value.ty, value, ir)?;
            let expr = if variant.boxed {
                quote!(::std::boxed::Box::new(#expr))
            } else {
                expr
            };
            let ident = &variant.ident;
            let path = path.tokens();
            quote!(#path::#ident(#expr))
        }
        ValueType::List { item, sparse } => {
            let items = v.as_array().ok_or_else(mismatch)?;
            let mut exprs = Vec::new();
            for item_value in items {
                exprs.push(match (item_value, sparse) {
                    (Value::Null, true) => quote!(::std::option::Option::None),
                    (value, true) => {
                        let e = value_expr(&item.ty, value, ir)?;
                        quote!(::std::option::Option::Some(#e))
                    }
                    (value, false) => value_expr(&item.ty, value, ir)?,
                });
            }
            quote!(::std::vec![#(#exprs),*])
        }
        ValueType::Map { key, value, sparse } => {
            let entries = v.as_object().ok_or_else(mismatch)?;
            let mut exprs = Vec::new();
            for (k, entry) in entries {
                let key_expr = value_expr(&key.ty, &Value::String(k.clone()), ir)?;
                let value_expr = match (entry, sparse) {
                    (Value::Null, true) => quote!(::std::option::Option::None),
                    (entry, true) => {
                        let e = value_expr(&value.ty, entry, ir)?;
                        quote!(::std::option::Option::Some(#e))
                    }
                    (entry, false) => value_expr(&value.ty, entry, ir)?,
                };
                exprs.push(quote!((#key_expr, #value_expr)));
            }
            quote!(::std::collections::BTreeMap::from([#(#exprs),*]))
        }
    })
}
