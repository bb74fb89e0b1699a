//! Event streams: a `@streaming` union's events to and from the messages
//! of `application/vnd.amazon.eventstream` (the runtime's `event_stream`
//! codec). Each member is an event (`:event-type`) or, when its structure
//! is an `@error`, a modelled exception (`:exception-type`); an event's
//! `@eventHeader` members are message headers, its `@eventPayload` member
//! the payload, its other members the payload's JSON object.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{CrateIr, HttpBinding, PayloadKind, StructIr, StructRole, UnionIr, UnionVariantIr, ValueType};

/// `from_message` and `to_message` for an event-stream union (nothing for
/// other unions).
pub fn union(u: &UnionIr, ir: &CrateIr) -> TokenStream {
    if !u.event_stream {
        return TokenStream::new();
    }
    let ident = &u.path.ident;
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for v in &u.variants {
        let ValueType::Struct(path) = &v.value.ty else {
            continue;
        };
        let Some(event) = ir.structures.iter().find(|s| s.path == *path) else {
            continue;
        };
        reads.push(read_event(u, v, event));
        writes.push(write_event(u, v, event));
    }
    let name = u.id.name();
    let from_doc = format!(
        " Reads one message of a `{name}` event stream: the event (or modelled exception) its `:event-type` (or `:exception-type`) names. An event this version does not know is `Unknown`, an exception it does not know [`EventError::Exception`](crate::event_stream::EventError::Exception); a `:message-type: error` message (an error the model does not describe, after which the stream ends) is [`EventError::Service`](crate::event_stream::EventError::Service)."
    );
    quote! {
        impl #ident {
            #[doc = #from_doc]
            ///
            /// Feed the response body, as it arrives, to a
            /// [`Decoder`](crate::event_stream::Decoder) and give each message
            /// it returns to this function.
            pub fn from_message(message: &crate::event_stream::Message) -> ::std::result::Result<Self, crate::event_stream::EventError> {
                let (name, payload, exception) = crate::event_stream::event_of(message)?;
                let unreadable = |reason: ::std::string::String| crate::event_stream::EventError::unreadable(name, reason);
                match name {
                    #(#reads)*
                    // An exception the union does not list is still an error.
                    other if exception => ::std::result::Result::Err(crate::event_stream::EventError::exception(other, payload)),
                    other => ::std::result::Result::Ok(#ident::Unknown(crate::primitives::UnknownVariantValue::new(other.to_owned()))),
                }
            }

            /// The message for this event (unsigned: a client that signs its
            /// input streams wraps each message in a signed one), ready for
            /// [`encode`](crate::event_stream::encode). `Unknown` cannot be
            /// sent.
            pub fn to_message(&self) -> ::std::result::Result<crate::event_stream::Message, crate::event_stream::EventError> {
                match self {
                    #(#writes)*
                    #ident::Unknown(unknown) => ::std::result::Result::Err(crate::event_stream::EventError::unreadable(
                        unknown.as_str(),
                        ::std::string::String::from("an unknown member cannot be sent"),
                    )),
                }
            }
        }
    }
}

/// The match arm that reads the member `v` from a message (`message`,
/// `payload` and `unreadable` in scope).
fn read_event(u: &UnionIr, v: &UnionVariantIr, event: &StructIr) -> TokenStream {
    let ident = &u.path.ident;
    let variant = &v.ident;
    let name = &v.name;
    let ty = event.path.tokens();
    let has_payload = event.members.iter().any(|m| matches!(m.http, HttpBinding::Payload(_)));
    let has_body = event.members.iter().any(|m| m.http == HttpBinding::Body);
    let start = if has_payload || !has_body {
        quote!(<#ty as crate::wire::ErrorCorrection>::corrected())
    } else if event.has_http_bindings() {
        quote!(crate::event_stream::json_payload::<crate::rest::BodyOf<#ty>>(payload).map_err(unreadable)?.0)
    } else {
        quote!(crate::event_stream::json_payload::<#ty>(payload).map_err(unreadable)?)
    };
    let mut fills = TokenStream::new();
    for m in &event.members {
        let field = &m.field;
        let value = match &m.http {
            HttpBinding::Header { name, .. } => {
                let read = match &m.value.ty {
                    ValueType::Enum(path) => {
                        let path = path.tokens();
                        quote!(crate::event_stream::event_header::<::std::string::String>(message, #name).map_err(unreadable)?.map(|text| #path::from(text.as_str())))
                    }
                    ValueType::IntEnum(path) => {
                        let path = path.tokens();
                        quote!(crate::event_stream::event_header::<i32>(message, #name).map_err(unreadable)?.map(#path::from))
                    }
                    other => {
                        let ty = other.tokens();
                        quote!(crate::event_stream::event_header::<#ty>(message, #name).map_err(unreadable)?)
                    }
                };
                fills.extend(if m.optional {
                    quote!(event.#field = #read;)
                } else {
                    quote! {
                        if let ::std::option::Option::Some(value) = #read {
                            event.#field = value;
                        }
                    }
                });
                continue;
            }
            HttpBinding::Payload(PayloadKind::Blob { .. }) => {
                quote!(crate::primitives::Blob::new(payload.to_vec()))
            }
            HttpBinding::Payload(PayloadKind::Text { .. }) => {
                let text = quote!(crate::rest::text_payload(payload).map_err(unreadable)?);
                match &m.value.ty {
                    ValueType::Enum(path) => {
                        let path = path.tokens();
                        quote!(#path::from(#text))
                    }
                    _ => text,
                }
            }
            HttpBinding::Payload(_) => quote!(crate::event_stream::json_payload(payload).map_err(unreadable)?),
            _ => continue,
        };
        let value = if m.boxed {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        };
        fills.extend(if m.optional {
            quote!(event.#field = ::std::option::Option::Some(#value);)
        } else {
            quote!(event.#field = #value;)
        });
    }
    let wrapped = if v.boxed {
        quote!(::std::boxed::Box::new(event))
    } else {
        quote!(event)
    };
    let binding = if fills.is_empty() {
        quote!(let event)
    } else {
        quote!(let mut event)
    };
    quote! {
        #name => {
            #binding: #ty = #start;
            #fills
            ::std::result::Result::Ok(#ident::#variant(#wrapped))
        }
    }
}

/// The match arm that writes the member `v` as a message.
fn write_event(u: &UnionIr, v: &UnionVariantIr, event: &StructIr) -> TokenStream {
    let ident = &u.path.ident;
    let variant = &v.ident;
    let name = &v.name;
    let exception = event.role == StructRole::Error;
    let (kind, type_header) = if exception {
        ("exception", ":exception-type")
    } else {
        ("event", ":event-type")
    };
    let payload_member = event.members.iter().find(|m| matches!(m.http, HttpBinding::Payload(_)));
    let (content_type, payload) = match payload_member {
        Some(m) => {
            let field = &m.field;
            let value = if m.optional {
                quote!(event.#field.as_ref())
            } else {
                quote!(::std::option::Option::Some(&event.#field))
            };
            match &m.http {
                HttpBinding::Payload(PayloadKind::Blob { media_type, .. }) => (
                    media_type.clone(),
                    quote!(#value.map(|blob| blob.as_bytes().to_vec()).unwrap_or_default()),
                ),
                HttpBinding::Payload(PayloadKind::Text { media_type }) => (
                    media_type.clone(),
                    quote!(#value.map(|text| text.as_str().as_bytes().to_vec()).unwrap_or_default()),
                ),
                _ => (
                    "application/json".to_owned(),
                    quote! {
                        match #value {
                            ::std::option::Option::Some(value) => crate::json::to_body(value).map_err(|e| crate::event_stream::EventError::unreadable(#name, e.to_string()))?,
                            ::std::option::Option::None => ::std::vec::Vec::new(),
                        }
                    },
                ),
            }
        }
        None => {
            let value = if event.has_http_bindings() {
                quote!(&crate::rest::BodyRef(event))
            } else {
                quote!(event)
            };
            (
                "application/json".to_owned(),
                quote!(crate::json::to_body(#value).map_err(|e| crate::event_stream::EventError::unreadable(#name, e.to_string()))?),
            )
        }
    };
    let headers = event.members.iter().filter_map(|m| {
        let HttpBinding::Header { name, .. } = &m.http else {
            return None;
        };
        let field = &m.field;
        let value = match &m.value.ty {
            ValueType::Enum(_) => quote!(crate::event_stream::HeaderValue::String(value.as_str().to_owned())),
            ValueType::IntEnum(_) => quote!(crate::event_stream::HeaderValue::Integer(value.as_i32())),
            _ => quote!(crate::event_stream::ToHeaderValue::to_header_value(value)),
        };
        Some(if m.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &event.#field {
                    message = message.with_header(#name, #value);
                }
            }
        } else {
            quote! {
                let value = &event.#field;
                message = message.with_header(#name, #value);
            }
        })
    });
    let headers: Vec<TokenStream> = headers.collect();
    let binding = if headers.is_empty() {
        quote!(let message)
    } else {
        quote!(let mut message)
    };
    let ty = event.path.tokens();
    quote! {
        #ident::#variant(event) => {
            let event: &#ty = event;
            #binding = crate::event_stream::Message::new(#payload)
                .with_header(":message-type", crate::event_stream::HeaderValue::String(::std::string::String::from(#kind)))
                .with_header(#type_header, crate::event_stream::HeaderValue::String(::std::string::String::from(#name)))
                .with_header(":content-type", crate::event_stream::HeaderValue::String(::std::string::String::from(#content_type)));
            #(#headers)*
            ::std::result::Result::Ok(message)
        }
    }
}
