//! The HTTP binding layer of the REST protocols: the statements that build
//! a request from the input's HTTP bindings and fill an output or error
//! from the response's, over the runtime's `crate::rest` helpers, with the
//! body and structured payloads left to the service's codec
//! (`emit/codec`); and the methods of operations with a `@streaming`
//! payload, in any protocol.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::codec;
use crate::ir::{
    BodyCodec, Customizations, HttpBinding, HttpIr, MemberIr, PathPart, PayloadKind, StructIr, StructRole,
    TimestampFormat, ValueType,
};

/// The body of `build_request` for an operation with `@http` bindings
/// (after the idempotency tokens are filled in): `input` and `endpoint` in
/// scope.
pub fn build_request(
    codec: BodyCodec,
    http: &HttpIr,
    input: &StructIr,
    host_prefix: &TokenStream,
    customizations: &Customizations,
) -> TokenStream {
    let mut steps = TokenStream::new();
    for (name, value) in &customizations.headers {
        steps.extend(quote!(parts.header("(the crate's default headers)", #name, #value)?;));
    }
    for part in &http.path {
        steps.extend(match part {
            PathPart::Text(text) => quote!(parts.path(#text);),
            PathPart::Label { member, greedy } => match input.members.get(*member) {
                Some(m) => {
                    let (field, name) = (&m.field, &m.name);
                    let value = match &m.value.ty {
                        ValueType::String if !base64(m) => quote!(input.#field.as_deref()),
                        ValueType::Enum(_) => quote!(input.#field.as_ref().map(|value| value.as_str())),
                        ty => {
                            let text = text_cow(m, ty, &quote!(value));
                            quote!(input.#field.as_ref().map(|value| #text).as_deref())
                        }
                    };
                    let default = customizations.label_defaults.get(name).map(
                        |value| quote!(.filter(|value| !value.is_empty()).or(::std::option::Option::Some(#value))),
                    );
                    quote!(parts.label(#name, #value #default, #greedy)?;)
                }
                None => TokenStream::new(),
            },
        });
    }
    for (name, value) in &http.query {
        let value = match value {
            Some(value) => quote!(::std::option::Option::Some(#value)),
            None => quote!(::std::option::Option::None),
        };
        steps.extend(quote!(parts.query_literal(#name, #value);));
    }
    // Explicit `@httpQuery` members first: they win over a
    // `@httpQueryParams` entry of the same name.
    for m in &input.members {
        let field = &m.field;
        if let HttpBinding::Query { name, .. } = &m.http {
            steps.extend(match &m.value.ty {
                ValueType::List { item, sparse } => {
                    let text = text_ref(m, &item.ty, &quote!(value));
                    let items = if *sparse {
                        quote!(values.iter().flatten())
                    } else {
                        quote!(values)
                    };
                    quote! {
                        if let ::std::option::Option::Some(values) = &input.#field {
                            for value in #items {
                                parts.query(#name, #text);
                            }
                        }
                    }
                }
                ty => {
                    let text = text_ref(m, ty, &quote!(value));
                    quote! {
                        if let ::std::option::Option::Some(value) = &input.#field {
                            parts.query(#name, #text);
                        }
                    }
                }
            });
        }
    }
    for m in &input.members {
        let field = &m.field;
        if m.http == HttpBinding::QueryParams {
            // `@sparse` maps and lists may hold nulls, which send nothing.
            let push = match &m.value.ty {
                ValueType::Map { value, sparse, .. } => {
                    let list_sparse = match &value.ty {
                        ValueType::List { sparse, .. } => Some(*sparse),
                        _ => None,
                    };
                    let push = match list_sparse {
                        Some(items_sparse) => {
                            let items = if items_sparse {
                                quote!(values.iter().flatten())
                            } else {
                                quote!(values)
                            };
                            quote! {
                                for value in #items {
                                    parts.query(name.as_str(), value.as_str());
                                }
                            }
                        }
                        None => quote!(parts.query(name.as_str(), values.as_str());),
                    };
                    if *sparse {
                        quote! {
                            if let ::std::option::Option::Some(values) = values {
                                #push
                            }
                        }
                    } else {
                        push
                    }
                }
                _ => TokenStream::new(),
            };
            steps.extend(quote! {
                if let ::std::option::Option::Some(map) = &input.#field {
                    for (name, values) in map {
                        if !parts.has_query(name.as_str()) {
                            #push
                        }
                    }
                }
            });
        }
    }
    for m in &input.members {
        let (field, member) = (&m.field, &m.name);
        if let HttpBinding::Header { name, .. } = &m.http {
            let value = match &m.value.ty {
                ValueType::List { item, sparse } => {
                    let text = text_cow(m, &item.ty, &quote!(value));
                    let quote_strings = matches!(item.ty, ValueType::String | ValueType::Enum(_));
                    let items = if *sparse {
                        quote!(value.iter().flatten())
                    } else {
                        quote!(value.iter())
                    };
                    quote!(&crate::rest::header_list(#items.map(|value| #text), #quote_strings))
                }
                ty => text_ref(m, ty, &quote!(value)),
            };
            steps.extend(quote! {
                if let ::std::option::Option::Some(value) = &input.#field {
                    parts.header(#member, #name, #value)?;
                }
            });
        }
    }
    // After the `@httpHeader` members, which win over a prefix-headers
    // entry for the same header.
    for m in &input.members {
        let (field, member) = (&m.field, &m.name);
        if let HttpBinding::PrefixHeaders(prefix) = &m.http {
            let (key, sparse) = match &m.value.ty {
                ValueType::Map { key, sparse, .. } => (&key.ty, *sparse),
                _ => continue,
            };
            let suffix = match key {
                ValueType::Enum(_) => quote!(suffix.as_str()),
                _ => quote!(suffix),
            };
            let push = quote! {
                if !parts.has_header(&name) {
                    parts.header(#member, &name, value)?;
                }
            };
            let push = if sparse {
                quote! {
                    if let ::std::option::Option::Some(value) = value {
                        #push
                    }
                }
            } else {
                push
            };
            steps.extend(quote! {
                if let ::std::option::Option::Some(map) = &input.#field {
                    for (suffix, value) in map {
                        let name = ::std::format!("{}{}", #prefix, #suffix);
                        #push
                    }
                }
            });
        }
    }
    let body = request_body(codec, input);
    let method = &http.method;
    // A unit input, or one whose only member is the event stream that
    // follows the request: nothing here reads it.
    let unused = input
        .members
        .iter()
        .all(|m| m.http == HttpBinding::Payload(PayloadKind::EventStream))
        .then(|| quote!(let _ = input;));
    let blob_payload = input
        .members
        .iter()
        .any(|m| matches!(m.http, HttpBinding::Payload(PayloadKind::Blob { .. })));
    let checksums = (customizations.glacier_checksums && blob_payload).then(|| {
        quote! {
            .map(|mut request| {
                crate::checksum::glacier_checksums(&mut request);
                request
            })
        }
    });
    quote! {
        #unused
        let mut parts = crate::rest::RequestParts::new();
        #steps
        let (content_type, body): (::std::option::Option<&str>, ::std::vec::Vec<u8>) = #body;
        parts.finish(#method, endpoint, #host_prefix, content_type, body) #checksums
    }
}

/// The content type and bytes of the request body: the payload member's,
/// the body members encoded by the codec, or nothing.
fn request_body(codec: BodyCodec, input: &StructIr) -> TokenStream {
    let media_type = codec.media_type();
    if let Some(m) = input.members.iter().find(|m| matches!(m.http, HttpBinding::Payload(_))) {
        let field = &m.field;
        let HttpBinding::Payload(kind) = &m.http else {
            return TokenStream::new();
        };
        return match kind {
            PayloadKind::Blob { media_type, .. } => quote! {
                match &input.#field {
                    ::std::option::Option::Some(blob) => (::std::option::Option::Some(#media_type), blob.as_bytes().to_vec()),
                    ::std::option::Option::None => (::std::option::Option::None, ::std::vec::Vec::new()),
                }
            },
            PayloadKind::Text { media_type } => quote! {
                match &input.#field {
                    ::std::option::Option::Some(text) => (::std::option::Option::Some(#media_type), text.as_str().as_bytes().to_vec()),
                    ::std::option::Option::None => (::std::option::Option::None, ::std::vec::Vec::new()),
                }
            },
            PayloadKind::Encoded => {
                // An unset structure is an empty one; an unset union or
                // document, no body.
                let unset = if matches!(m.value.ty, ValueType::Struct(_)) {
                    let empty = codec::empty_structure(codec);
                    quote!((::std::option::Option::Some(#media_type), #empty))
                } else {
                    quote!((::std::option::Option::None, ::std::vec::Vec::new()))
                };
                let encoded = codec::encode(codec, &quote!(value));
                quote! {
                    match &input.#field {
                        ::std::option::Option::Some(value) => (::std::option::Option::Some(#media_type), #encoded),
                        ::std::option::Option::None => #unset,
                    }
                }
            }
            // The frames of an input event stream follow the request on the
            // same connection; the request itself opens the stream.
            PayloadKind::EventStream => {
                quote!((
                    ::std::option::Option::Some("application/vnd.amazon.eventstream"),
                    ::std::vec::Vec::new()
                ))
            }
        };
    }
    if !input.members.iter().any(|m| m.http == HttpBinding::Body) {
        return quote!((::std::option::Option::None, ::std::vec::Vec::new()));
    }
    let value = if input.has_http_bindings() {
        quote!(&crate::rest::BodyRef(input))
    } else {
        quote!(input)
    };
    let encoded = codec::encode(codec, &value);
    quote!((::std::option::Option::Some(#media_type), #encoded))
}

/// The statements of `parse_response` that read a successful response into
/// `output` (`response` and `body` in scope).
pub fn read_output(codec: BodyCodec, output: &StructIr, error_ty: &Ident) -> TokenStream {
    let has_body = output.members.iter().any(|m| m.http == HttpBinding::Body);
    let read = if !has_body {
        quote!(let mut output = <Self::Output as crate::wire::ErrorCorrection>::corrected();)
    } else {
        codec::decode_output(codec, output.has_http_bindings())
    };
    let fill = fill_bound_members(codec, output, &quote!(output), error_ty);
    let body = payload_body(output);
    quote! {
        #body
        #read
        #fill
    }
}

/// `body`, for the steps of [`fill_bound_members`] that read a payload
/// member from it; nothing when no member is the payload.
pub fn payload_body(s: &StructIr) -> Option<TokenStream> {
    s.members
        .iter()
        .any(|m| matches!(&m.http, HttpBinding::Payload(kind) if *kind != PayloadKind::EventStream))
        .then(|| quote!(let body = response.body().as_ref();))
}

/// Statements that set the members of `target` bound to the status,
/// headers or payload from `response` and `body`.
pub fn fill_bound_members(codec: BodyCodec, s: &StructIr, target: &TokenStream, error_ty: &Ident) -> TokenStream {
    let mut steps = TokenStream::new();
    // Whether a step can fail, which needs `fail` (below).
    let mut fallible = false;
    for m in &s.members {
        let field = &m.field;
        let set = |value: TokenStream| {
            if m.optional {
                quote!(#target.#field = ::std::option::Option::Some(#value);)
            } else {
                quote!(#target.#field = #value;)
            }
        };
        match &m.http {
            HttpBinding::Header { name, .. } => {
                fallible = true;
                let read = match &m.value.ty {
                    ValueType::List { item, sparse } => {
                        let http_dates =
                            matches!(item.ty, ValueType::Timestamp(_)) && text_format(m) == TimestampFormat::HttpDate;
                        let parse = parse_fn(m, &item.ty);
                        let parse = if *sparse {
                            quote!(|text: &str| (#parse)(text).map(::std::option::Option::Some))
                        } else {
                            parse
                        };
                        quote!(crate::rest::header_items(response.headers(), #name, #http_dates, #parse))
                    }
                    ty => {
                        let parse = parse_fn(m, ty);
                        quote!(crate::rest::header(response.headers(), #name, #parse))
                    }
                };
                steps.extend(if m.optional {
                    quote!(#target.#field = #read.map_err(&fail)?;)
                } else {
                    quote! {
                        if let ::std::option::Option::Some(value) = #read.map_err(&fail)? {
                            #target.#field = value;
                        }
                    }
                });
            }
            HttpBinding::PrefixHeaders(prefix) => {
                let found = match &m.value.ty {
                    ValueType::Map { key, sparse, .. } => {
                        let plain_key = !matches!(key.ty, ValueType::Enum(_));
                        let key = match &key.ty {
                            ValueType::Enum(path) => {
                                let path = path.tokens();
                                quote!(#path::from(name.as_str()))
                            }
                            _ => quote!(name),
                        };
                        if plain_key && !*sparse {
                            quote!(found)
                        } else {
                            let value = if *sparse {
                                quote!(::std::option::Option::Some(value))
                            } else {
                                quote!(value)
                            };
                            quote!(found.into_iter().map(|(name, value)| (#key, #value)).collect())
                        }
                    }
                    _ => quote!(found),
                };
                let assign = set(found);
                steps.extend(quote! {
                    let found = crate::rest::prefix_headers(response.headers(), #prefix);
                    if !found.is_empty() {
                        #assign
                    }
                });
            }
            HttpBinding::ResponseCode => {
                steps.extend(set(quote!(i32::from(response.status().as_u16()))));
            }
            HttpBinding::Payload(kind) => {
                let value = match (kind, &m.value.ty) {
                    (PayloadKind::Blob { .. }, _) => quote!(crate::primitives::Blob::new(body.to_vec())),
                    (PayloadKind::Text { .. }, ValueType::Enum(path)) => {
                        fallible = true;
                        let path = path.tokens();
                        quote!(#path::from(crate::rest::text_payload(body).map_err(&fail)?))
                    }
                    (PayloadKind::Text { .. }, _) => {
                        fallible = true;
                        quote!(crate::rest::text_payload(body).map_err(&fail)?)
                    }
                    (PayloadKind::Encoded, _) => {
                        fallible = true;
                        codec::decode_payload(codec)
                    }
                    // Events are read from the body as it streams, with the
                    // crate's event-stream decoder.
                    (PayloadKind::EventStream, _) => continue,
                };
                let assign = set(value);
                steps.extend(quote! {
                    if !body.is_empty() {
                        #assign
                    }
                });
            }
            HttpBinding::Body | HttpBinding::Label { .. } | HttpBinding::Query { .. } | HttpBinding::QueryParams => {}
        }
    }
    if !fallible {
        return steps;
    }
    // A header or payload that cannot be read makes the response
    // `Unhandled`; a modelled error keeps its code and message there.
    let unreadable = if s.role == StructRole::Error {
        quote!(crate::rest::unreadable_error(
            error.meta(),
            response.body().as_ref(),
            reason
        ))
    } else {
        quote!(crate::rest::unreadable(response, reason))
    };
    quote! {
        let fail = |reason: ::std::string::String| #error_ty::Unhandled(#unreadable);
        #steps
    }
}

/// How a timestamp member is written as text in the URI or a header.
fn text_format(m: &MemberIr) -> TimestampFormat {
    match &m.http {
        HttpBinding::Header { format, .. } | HttpBinding::Label { format } | HttpBinding::Query { format, .. } => {
            *format
        }
        _ => TimestampFormat::DateTime,
    }
}

fn base64(m: &MemberIr) -> bool {
    matches!(m.http, HttpBinding::Header { base64: true, .. })
}

fn format_tokens(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(crate::rest::TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(crate::rest::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(crate::rest::TimestampFormat::HttpDate),
    }
}

/// A `&str` of the text of `value` (a reference to a `ty`), for an
/// argument: the string itself where it is one.
fn text_ref(m: &MemberIr, ty: &ValueType, value: &TokenStream) -> TokenStream {
    match ty {
        ValueType::String if !base64(m) => value.clone(),
        ValueType::Enum(_) => quote!(#value.as_str()),
        ty => {
            let text = text_cow(m, ty, value);
            quote!(&#text)
        }
    }
}

/// A `Cow<str>` of the text of `value` (a reference to a `ty`) in the URI
/// or a header.
fn text_cow(m: &MemberIr, ty: &ValueType, value: &TokenStream) -> TokenStream {
    match ty {
        ValueType::Enum(_) => quote!(::std::borrow::Cow::<str>::Borrowed(#value.as_str())),
        ValueType::IntEnum(_) => quote!(::std::borrow::Cow::<str>::Owned(#value.as_i32().to_string())),
        ValueType::Timestamp(_) => {
            let format = format_tokens(text_format(m));
            quote!(::std::borrow::Cow::<str>::Owned(crate::rest::timestamp_text(#value, #format)))
        }
        ValueType::String if base64(m) => quote!(::std::borrow::Cow::<str>::Owned(crate::rest::base64_text(#value))),
        _ => quote!(crate::rest::HttpText::http_text(#value)),
    }
}

/// A function from a header's text (`&str`) to `Result<ty, String>`.
fn parse_fn(m: &MemberIr, ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::Enum(path) => {
            let path = path.tokens();
            quote!(|text: &str| ::std::result::Result::<_, ::std::string::String>::Ok(#path::from(text.trim())))
        }
        ValueType::IntEnum(path) => {
            let path = path.tokens();
            quote!(|text: &str| <i32 as crate::rest::FromHttpText>::from_http_text(text).map(#path::from))
        }
        ValueType::Timestamp(_) => {
            let format = format_tokens(text_format(m));
            quote!(|text: &str| crate::rest::parse_timestamp(text, #format))
        }
        ValueType::String if base64(m) => quote!(crate::rest::parse_base64_text),
        other => {
            let ty = other.tokens();
            quote!(<#ty as crate::rest::FromHttpText>::from_http_text)
        }
    }
}

/// The methods of an operation with a `@streaming` payload (a blob or an
/// event stream), which a caller sends or reads as it streams rather than
/// as one byte vector: `request_streaming` takes the body as any type,
/// `parse_response_head` reads everything but the body.
pub fn streaming_methods(
    input: Option<&StructIr>,
    output: Option<&StructIr>,
    error_ty: &Ident,
    codec: BodyCodec,
    rpc: bool,
) -> TokenStream {
    let mut methods = TokenStream::new();
    fn streamed(s: &StructIr) -> Option<&MemberIr> {
        s.members.iter().find(|m| {
            matches!(
                m.http,
                HttpBinding::Payload(PayloadKind::Blob { streaming: true, .. } | PayloadKind::EventStream)
            )
        })
    }
    if let Some((input, m)) = input.and_then(|s| streamed(s).map(|m| (s, m))) {
        let ty = input.path.tokens();
        let field = &m.field;
        let name = &m.name;
        let media_type = match &m.http {
            HttpBinding::Payload(PayloadKind::Blob { media_type, .. }) => media_type.as_str(),
            _ => "application/vnd.amazon.eventstream",
        };
        let doc = format!(
            " The request for `input` with `body` as its body: for a large `{name}` payload, sent as it streams (a file, a channel of event-stream frames...) by an HTTP client that takes any body type. Leave `{name}` unset in `input`. `content_length` is the body's length when known (else the request has no `Content-Length`, for chunked transfer). Checksums of the body (`Content-MD5`, Glacier's SHA-256 headers) are left to the caller, who has the bytes: the runtime's `checksum` functions compute them."
        );
        let refusal = format!("`{name}` is set in the input: leave it unset and give the body to `request_streaming`");
        methods.extend(quote! {
            #[doc = #doc]
            pub fn request_streaming<B>(
                input: &#ty,
                endpoint: ::std::option::Option<&::http::Uri>,
                body: B,
                content_length: ::std::option::Option<u64>,
            ) -> ::std::result::Result<::http::Request<B>, crate::error::BuildRequestError> {
                if input.#field.is_some() {
                    return ::std::result::Result::Err(crate::error::BuildRequestError::new(::std::string::String::from(#refusal)));
                }
                let (mut parts, _) = <Self as crate::call::Operation>::request_with(input, endpoint, &crate::call::RequestOptions::default())?.into_parts();
                for computed in ["Content-MD5", "X-Amz-Content-Sha256", "X-Amz-Sha256-Tree-Hash"] {
                    parts.headers.remove(computed);
                }
                parts.headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(#media_type));
                match content_length {
                    ::std::option::Option::Some(length) => {
                        parts.headers.insert(::http::header::CONTENT_LENGTH, ::http::HeaderValue::from(length));
                    }
                    ::std::option::Option::None => {
                        parts.headers.remove(::http::header::CONTENT_LENGTH);
                    }
                }
                ::std::result::Result::Ok(::http::Request::from_parts(parts, body))
            }
        });
        // The JSON-RPC protocols send the input's other members in the
        // stream's first message, not in the request body.
        if let (true, HttpBinding::Payload(PayloadKind::EventStream)) = (rpc, &m.http) {
            let content_type = codec.media_type();
            let body = codec::encode(codec, &quote!(&crate::rest::BodyRef(input)));
            methods.extend(quote! {
                /// The first message of the input stream: the input's other
                /// members (`:event-type: initial-request`), which the RPC
                /// protocols send there instead of in the request body.
                pub fn initial_request(input: &#ty) -> ::std::result::Result<crate::event_stream::Message, crate::error::BuildRequestError> {
                    let body = #body;
                    ::std::result::Result::Ok(crate::event_stream::Message::new(body)
                        .with_header(":message-type", crate::event_stream::HeaderValue::String(::std::string::String::from("event")))
                        .with_header(":event-type", crate::event_stream::HeaderValue::String(::std::string::String::from("initial-request")))
                        .with_header(":content-type", crate::event_stream::HeaderValue::String(::std::string::String::from(#content_type))))
                }
            });
        }
    }
    if let Some((output, m)) = output.and_then(|s| streamed(s).map(|m| (s, m))) {
        let output_ty = output.path.tokens();
        let doc = format!(
            " Reads the status and headers of a response whose body, the `{}` payload, the caller reads as it streams: every member but `{}` is filled. On an error status the error comes from the headers alone (its code from `X-Amzn-Errortype`); to have its message too, read the (small) error body and call `parse_response` (of the `Operation` trait).",
            m.name, m.name
        );
        methods.extend(quote! {
            #[doc = #doc]
            #[allow(clippy::result_large_err)]
            pub fn parse_response_head<B>(response: &::http::Response<B>) -> ::std::result::Result<#output_ty, #error_ty> {
                let mut head = ::http::Response::new(::std::vec::Vec::<u8>::new());
                *head.status_mut() = response.status();
                *head.version_mut() = response.version();
                *head.headers_mut() = response.headers().clone();
                <Self as crate::call::Operation>::parse_response(&head)
            }
        });
    }
    methods
}
