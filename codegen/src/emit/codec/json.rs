//! The JSON body codec (awsJson1_0, awsJson1_1, restJson1): the calls
//! into the runtime's `json`, `json_rpc` and `aws_json` modules, and the
//! serde impls, written out rather than derived, so that they are exactly
//! the JSON form: member
//! names (restJson1: `@jsonName`) as JSON keys, absent optional
//! members omitted, unknown keys skipped without allocating, `null` read as
//! absent, JSON objects only (never arrays), `@default` and client error
//! correction for members a response leaves out, and the `crate::wire`
//! adapters for floats and timestamp formats.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::values::{absent_expr, de_type_and_map, fill_absent, meta_init, ser_expr, wire_marker};
use crate::ir::{CrateIr, EnumIr, ErrorEnvelope, HttpBinding, MemberIr, StructIr, UnionIr, ValueType};

/// `value` (a reference) as JSON bytes.
pub fn encode(value: &TokenStream) -> TokenStream {
    quote!(crate::json::to_body(#value)?)
}

/// An empty JSON object.
pub fn empty_structure() -> TokenStream {
    quote!(::std::vec::Vec::from(&b"{}"[..]))
}

/// A value read from the JSON `body`.
pub fn decode_payload() -> TokenStream {
    quote!(crate::aws_json::from_body(body).map_err(|e| fail(e.to_string()))?)
}

/// `output` from the JSON body of the response.
pub fn decode_output(bound: bool) -> TokenStream {
    if bound {
        quote!(let crate::rest::BodyOf::<Self::Output>(mut output) = crate::aws_json::parse_output(response)?;)
    } else {
        quote!(let mut output: Self::Output = crate::aws_json::parse_output(response)?;)
    }
}

/// An awsJson request: `POST /` with `X-Amz-Target`.
pub fn rpc_request(
    media_type: &str,
    errors: ErrorEnvelope,
    target: &str,
    value: &TokenStream,
    host_prefix: &TokenStream,
) -> TokenStream {
    // restJson1 has no RPC form; were it asked for one, it would be
    // query-incompatible.
    let query_compatible = matches!(errors, ErrorEnvelope::AwsJson { query_compatible: true });
    quote! {
        crate::json_rpc::request(
            crate::json_rpc::Protocol { media_type: #media_type, query_compatible: #query_compatible },
            #target,
            #value,
            endpoint,
            #host_prefix,
        )
    }
}

/// The JSON protocols' error envelope: awsJson's (with its query
/// compatibility) or restJson1's (`None`).
pub fn read_error(query_compatible: Option<bool>) -> TokenStream {
    let read = match query_compatible {
        Some(query_compatible) => quote!(crate::aws_json::ErrorResponse::read(#query_compatible, response)),
        None => quote!(crate::aws_json::ErrorResponse::read_rest(response)),
    };
    quote! {
        let error = match #read {
            ::std::result::Result::Ok(error) => error,
            ::std::result::Result::Err(unhandled) => return unhandled.into(),
        };
    }
}

/// `Serialize`, `Deserialize` and `ErrorCorrection` for a structure; and
/// `crate::rest::HttpBody` when some members are bound to HTTP parts other
/// than the body (the serde impls keep every member: they are the type's
/// JSON form, the body is only part of it).
pub fn structure(ir: &CrateIr, s: &StructIr) -> TokenStream {
    let ident = &s.path.ident;
    let name = s.id.name();
    let all: Vec<&MemberIr> = s.members.iter().collect();
    let serialize = serialize_members(s, &all);
    let deserialize = read_struct(ir, s, &format!("a JSON object for the {name} structure"));
    // Only what a response holds is ever corrected (and events, whose
    // members the event decoder fills in); when `build()` cannot
    // fail, the builder already fills in what the correction would.
    let corrected = if !s.error_correction && !s.event {
        TokenStream::new()
    } else if !s.fallible_build() {
        quote! {
            impl crate::wire::ErrorCorrection for #ident {
                fn corrected() -> Self {
                    Self::builder().build()
                }
            }
        }
    } else {
        let fields = s.members.iter().map(|m| {
            let field = &m.field;
            if m.optional {
                quote!(#field: ::std::option::Option::None,)
            } else {
                let fill = absent_expr(m);
                quote!(#field: #fill,)
            }
        });
        let meta = meta_init(s);
        quote! {
            impl crate::wire::ErrorCorrection for #ident {
                fn corrected() -> Self {
                    #ident { #(#fields)* #meta }
                }
            }
        }
    };
    let http_body = s.has_http_bindings().then(|| {
        let body: Vec<&MemberIr> = s.members.iter().filter(|m| m.http == HttpBinding::Body).collect();
        let serialize = serialize_members(s, &body);
        let visit = map_visit(&quote!(#ident), visit_members(s, &body), &format!("a JSON object for the {name} body"));
        quote! {
            impl crate::rest::HttpBody for #ident {
                fn serialize_body<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize
                }

                fn deserialize_body<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #visit
                }
            }
        }
    });

    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        #deserialize
        #corrected

        #http_body
    }
}

/// Whether `ty` is a (dense) list of structures that are their own
/// builders: the runtime then reads each element in the list's storage
/// (`crate::wire::read_struct_list`) instead of moving it there.
fn list_filled_in_place(ir: &CrateIr, ty: &ValueType) -> bool {
    match ty {
        ValueType::List { item, sparse: false } => match &item.ty {
            ValueType::Struct(path) => ir.structure(path).is_some_and(StructIr::fills_in_place),
            _ => false,
        },
        _ => false,
    }
}

/// `Deserialize` through the runtime's `crate::wire::read_struct`: one
/// line per member name to read it into the builder, and the
/// structure from the builder (required members checked, absent ones
/// defaulted or corrected).
fn read_struct(ir: &CrateIr, s: &StructIr, expecting: &str) -> TokenStream {
    let ident = &s.path.ident;
    let builder = s.path.builder_tokens();
    let read = |m: &MemberIr| {
        let (field, wire) = (&m.field, &m.wire_name);
        // Plain values go through serde directly, others through their
        // `crate::wire` marker; the builder holds boxed members unboxed.
        let read = if list_filled_in_place(ir, &m.value.ty) {
            quote!(crate::wire::read_struct_list(map, &mut slots.#field, #wire))
        } else if m.value.ty.is_plain() {
            quote!(crate::wire::read_member(map, &mut slots.#field, #wire))
        } else {
            let marker = wire_marker(&m.value.ty);
            quote!(crate::wire::read_member_with::<_, #marker>(map, &mut slots.#field, #wire))
        };
        quote!(#wire => #read,)
    };
    // A match on the key compiles to a switch on its length and a few
    // word compares: a search of a name table cost a tenth more per parse.
    let (slots_arg, key_arg, body) = if s.members.is_empty() {
        (quote!(_slots), quote!(_key), quote!(crate::wire::skip_member(map)))
    } else {
        let arms = s.members.iter().map(read);
        let body = quote! {
            match key {
                #(#arms)*
                _ => crate::wire::skip_member(map),
            }
        };
        (quote!(slots), quote!(key), body)
    };
    let inits = s.members.iter().map(|m| {
        let field = &m.field;
        let slot = if m.boxed {
            quote!(slots.#field.map(::std::boxed::Box::new))
        } else {
            quote!(slots.#field)
        };
        if m.optional {
            quote!(#field: #slot,)
        } else if s.error_correction || m.default.is_some() {
            let fill = fill_absent(&m.value.ty, m.default.as_ref(), m.boxed);
            quote!(#field: #slot #fill,)
        } else {
            let wire = &m.wire_name;
            quote!(#field: #slot.ok_or_else(|| E::missing_field(#wire))?,)
        }
    });
    let meta = meta_init(s);
    // With nothing that must be present, the builder makes the structure
    // exactly as reading it would (an input's `build()` returns a `Result`
    // only to stay compatible, and cannot fail).
    let must_be_present = s.members.iter().any(|m| !m.optional && m.default.is_none());
    let (slots_ty, finish_body) = if s.fills_in_place() {
        (quote!(Self), quote!(read))
    } else {
        // A member that must be present and has nothing to fill in with
        // makes building fail (`?` on `missing_field`).
        let may_fail = s
            .members
            .iter()
            .any(|m| !m.optional && !s.error_correction && m.default.is_none());
        let finish_body = if must_be_present && may_fail {
            quote!(read.and_then(|slots| ::std::result::Result::Ok(#ident { #(#inits)* #meta })))
        } else if must_be_present {
            quote!(read.map(|slots| #ident { #(#inits)* #meta }))
        } else if s.fallible_build() {
            quote!(read.and_then(|slots| slots.build().map_err(::serde::de::Error::custom)))
        } else {
            quote!(read.map(|slots| slots.build()))
        };
        (builder, finish_body)
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::wire::read_struct(deserializer)
            }
        }

        impl crate::wire::ReadStruct for #ident {
            const EXPECTING: &'static str = #expecting;
            type Slots = #slots_ty;

            fn read<'de, A: ::serde::de::MapAccess<'de>>(#slots_arg: &mut Self::Slots, #key_arg: &str, map: &mut A) -> ::std::result::Result<(), A::Error> {
                #body
            }

            fn finish<E: ::serde::de::Error>(read: ::std::result::Result<Self::Slots, E>) -> ::std::result::Result<Self, E> {
                #finish_body
            }
        }
    }
}

/// The statements that write `members` of `self` as a JSON object to
/// `serializer` (members left out are not written).
fn serialize_members(s: &StructIr, members: &[&MemberIr]) -> TokenStream {
    let name = s.id.name();
    let count = proc_macro2::Literal::usize_unsuffixed(members.len());
    let state_binding = if members.is_empty() {
        quote!(state)
    } else {
        quote!(mut state)
    };
    let writes = members.iter().map(|m| {
        let field = &m.field;
        let wire = &m.wire_name;
        if m.optional {
            // A boxed member is written as the value it boxes.
            let value = if m.boxed {
                quote!(self.#field.as_deref())
            } else {
                quote!(self.#field.as_ref())
            };
            if m.value.ty.is_plain() {
                quote!(crate::wire::write_member(&mut state, #wire, #value)?;)
            } else {
                let marker = wire_marker(&m.value.ty);
                quote!(crate::wire::write_member_with::<_, #marker>(&mut state, #wire, #value)?;)
            }
        } else {
            let value = ser_expr(&m.value.ty, &quote!(&self.#field));
            quote!(state.serialize_field(#wire, #value)?;)
        }
    });
    quote! {
        use ::serde::ser::SerializeStruct as _;
        let #state_binding = serializer.serialize_struct(#name, #count)?;
        #(#writes)*
        state.end()
    }
}

/// A `__Key` type and the body of `visit_map` that reads `members` of the
/// structure; the structure's other members are left absent (`None`, or
/// the zero value or `@default` of a required one).
fn visit_members(s: &StructIr, members: &[&MemberIr]) -> (TokenStream, TokenStream) {
    let ident = &s.path.ident;
    let tags: Vec<Ident> = (0..members.len()).map(|i| format_ident!("M{i}")).collect();
    let slots: Vec<Ident> = (0..members.len()).map(|i| format_ident!("member_{i}")).collect();
    let key_arms = members.iter().zip(&tags).map(|(m, tag)| {
        let wire = &m.wire_name;
        quote!(#wire => __Key::#tag,)
    });
    let slot_decls = members.iter().zip(&slots).map(|(m, slot)| {
        let ty = m.value.ty.tokens();
        let ty = if m.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
        quote!(let mut #slot: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let reads = members.iter().zip(&tags).zip(&slots).map(|((m, tag), slot)| {
        let wire = &m.wire_name;
        // Plain values (boxed ones too: `Box<T>` reads as `T`) go through
        // serde directly, others through their `crate::wire` marker.
        if m.value.ty.is_plain() {
            quote!(__Key::#tag => crate::wire::read_member(&mut map, &mut #slot, #wire)?,)
        } else {
            let marker = wire_marker(&m.value.ty);
            let marker = if m.boxed {
                quote!(crate::wire::Boxed<#marker>)
            } else {
                marker
            };
            quote!(__Key::#tag => crate::wire::read_member_with::<_, #marker>(&mut map, &mut #slot, #wire)?,)
        }
    });
    let inits = s.members.iter().map(|m| {
        let field = &m.field;
        let Some(slot) = members
            .iter()
            .position(|read| std::ptr::eq(*read, m))
            .map(|i| &slots[i])
        else {
            // Bound elsewhere: filled in from the HTTP message afterwards.
            return if m.optional {
                quote!(#field: ::std::option::Option::None,)
            } else {
                let fill = absent_expr(m);
                quote!(#field: #fill,)
            };
        };
        if m.optional {
            quote!(#field: #slot,)
        } else if s.error_correction || m.default.is_some() {
            let fill = fill_absent(&m.value.ty, m.default.as_ref(), m.boxed);
            quote!(#field: #slot #fill,)
        } else {
            let wire = &m.wire_name;
            quote!(#field: #slot.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field(#wire))?,)
        }
    });
    let meta = meta_init(s);
    let key_type = key_enum(&tags, key_arms);
    let body = quote! {
        #(#slot_decls)*
        while let ::std::option::Option::Some(key) = map.next_key::<__Key>()? {
            match key {
                #(#reads)*
                __Key::Other => {
                    map.next_value::<::serde::de::IgnoredAny>()?;
                }
            }
        }
        ::std::result::Result::Ok(#ident { #(#inits)* #meta })
    };
    (key_type, body)
}

/// `Deserialize` from a JSON object (never an array): a `__Key` type, and a
/// visitor whose `visit_map` is `body` (with `map: A` in scope).
fn map_deserialize(ident: &TokenStream, key_type: &TokenStream, expecting: &str, body: TokenStream) -> TokenStream {
    let visit = map_visit(ident, (key_type.clone(), body), expecting);
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #visit
            }
        }
    }
}

/// The statements that read a `#ident` from `deserializer` as a JSON
/// object: the `__Key` type, the visitor, the call.
fn map_visit(ident: &TokenStream, (key_type, body): (TokenStream, TokenStream), expecting: &str) -> TokenStream {
    quote! {
        #key_type

        struct __Visitor;

        impl<'de> ::serde::de::Visitor<'de> for __Visitor {
            type Value = #ident;

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#expecting)
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#ident, A::Error> {
                #body
            }
        }

        deserializer.deserialize_map(__Visitor)
    }
}

/// The key of a JSON object, matched against the known member names
/// without allocating; anything else is `Other`.
fn key_enum(tags: &[Ident], arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    let visit_str = if tags.is_empty() {
        quote! {
            fn visit_str<E: ::serde::de::Error>(self, _key: &str) -> ::std::result::Result<__Key, E> {
                ::std::result::Result::Ok(__Key::Other)
            }
        }
    } else {
        quote! {
            fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::std::result::Result<__Key, E> {
                ::std::result::Result::Ok(match key {
                    #(#arms)*
                    _ => __Key::Other,
                })
            }
        }
    };
    key_type(quote!(#(#tags,)* Other,), visit_str)
}

/// A `__Key` enum (a name no shape can take: type names are UpperCamelCase) with the given variants, read from a JSON object key by
/// `visit_str`.
fn key_type(variants: TokenStream, visit_str: TokenStream) -> TokenStream {
    quote! {
        enum __Key {
            #variants
        }

        impl<'de> ::serde::Deserialize<'de> for __Key {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct __KeyVisitor;

                impl ::serde::de::Visitor<'_> for __KeyVisitor {
                    type Value = __Key;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a member name")
                    }

                    #visit_str
                }

                deserializer.deserialize_identifier(__KeyVisitor)
            }
        }
    }
}

/// Enums are strings (or integers) on the wire; values the model does not
/// list are kept.
pub fn enumeration(e: &EnumIr) -> TokenStream {
    let ident = &e.path.ident;
    let name = e.id.name();
    let (write, read_method, visit, expecting) = if e.int {
        (
            quote!(serializer.serialize_i32(self.as_i32())),
            quote!(deserialize_i32),
            quote! {
                fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::std::result::Result<#ident, E> {
                    i32::try_from(value)
                        .map(#ident::from)
                        .map_err(|_| E::invalid_value(::serde::de::Unexpected::Signed(value), &self))
                }

                fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::std::result::Result<#ident, E> {
                    i32::try_from(value)
                        .map(#ident::from)
                        .map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(value), &self))
                }
            },
            format!("a {name} value (a 32-bit integer)"),
        )
    } else {
        (
            quote!(serializer.serialize_str(self.as_str())),
            quote!(deserialize_str),
            quote! {
                fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#ident, E> {
                    ::std::result::Result::Ok(#ident::from(value))
                }

                fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#ident, E> {
                    ::std::result::Result::Ok(#ident::from(value))
                }
            },
            format!("a {name} value (a string)"),
        )
    };
    let zero = if e.int {
        quote!(#ident::from(0))
    } else {
        quote!(#ident::from(""))
    };
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #write
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct __Visitor;

                impl ::serde::de::Visitor<'_> for __Visitor {
                    type Value = #ident;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    #visit
                }

                deserializer.#read_method(__Visitor)
            }
        }

        impl crate::wire::ErrorCorrection for #ident {
            fn corrected() -> Self {
                #zero
            }
        }
    }
}

/// A union is a JSON object with exactly one non-null member. A member this
/// version does not know reads as `Unknown`; `__type` is ignored.
pub fn union(u: &UnionIr) -> TokenStream {
    let ident = &u.path.ident;
    let name = u.id.name();
    let tags: Vec<Ident> = (0..u.variants.len()).map(|i| format_ident!("M{i}")).collect();
    let writes = u.variants.iter().map(|v| {
        let variant = &v.ident;
        let wire = &v.wire_name;
        let target = if v.boxed { quote!(&**value) } else { quote!(value) };
        let value = ser_expr(&v.value.ty, &target);
        quote!(#ident::#variant(value) => state.serialize_entry(#wire, #value)?,)
    });
    let key_arms = u.variants.iter().zip(&tags).map(|(v, tag)| {
        let wire = &v.wire_name;
        quote!(#wire => __Key::#tag,)
    });
    let reads = u.variants.iter().zip(&tags).map(|(v, tag)| {
        let variant = &v.ident;
        let (read, map) = de_type_and_map(&v.value.ty, v.boxed);
        quote! {
            __Key::#tag => {
                if let ::std::option::Option::Some(value) = map.next_value::<::std::option::Option<#read>>()? #map {
                    set(&mut value_set, #ident::#variant(value))?;
                }
            }
        }
    });
    let expecting = format!("a JSON object with one member of the {name} union");
    let unknown_error = format!("cannot serialize an unknown member of the {name} union");
    let several = format!("more than one member of the {name} union is set");
    let none = format!("no member of the {name} union is set");
    let key_type = union_key_enum(&tags, key_arms);
    let deserialize = map_deserialize(
        &quote!(#ident),
        &key_type,
        &expecting,
        quote! {
                            fn set<E: ::serde::de::Error>(slot: &mut ::std::option::Option<#ident>, value: #ident) -> ::std::result::Result<(), E> {
                                match slot {
                                    ::std::option::Option::Some(_) => ::std::result::Result::Err(E::custom(#several)),
                                    ::std::option::Option::None => {
                                        *slot = ::std::option::Option::Some(value);
                                        ::std::result::Result::Ok(())
                                    }
                                }
                            }
                            let mut value_set: ::std::option::Option<#ident> = ::std::option::Option::None;
                            let mut unknown: ::std::option::Option<::std::string::String> = ::std::option::Option::None;
                            while let ::std::option::Option::Some(key) = map.next_key::<__Key>()? {
                                match key {
                                    #(#reads)*
                                    __Key::Type => {
                                        map.next_value::<::serde::de::IgnoredAny>()?;
                                    }
                                    __Key::Other(name) => {
                                        if map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.is_some() {
                                            unknown.get_or_insert(name);
                                        }
                                    }
                                }
                            }
                            match (value_set, unknown) {
                                (::std::option::Option::Some(value), _) => ::std::result::Result::Ok(value),
                                (::std::option::Option::None, ::std::option::Option::Some(name)) => ::std::result::Result::Ok(
                                    #ident::Unknown(crate::primitives::UnknownVariantValue::new(name)),
                                ),
                                (::std::option::Option::None, ::std::option::Option::None) => {
                                    ::std::result::Result::Err(<A::Error as ::serde::de::Error>::custom(#none))
                                }
                            }
        },
    );
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut state = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#writes)*
                    #ident::Unknown(_) => return ::std::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(#unknown_error)),
                }
                state.end()
            }
        }

        #deserialize

        impl crate::wire::ErrorCorrection for #ident {
            fn corrected() -> Self {
                #ident::Unknown(crate::primitives::UnknownVariantValue::new(::std::string::String::new()))
            }
        }
    }
}

/// Union keys: known members, `__type` (ignored) and anything else, whose
/// name is kept for the `Unknown` variant.
fn union_key_enum(tags: &[Ident], arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    key_type(
        quote!(#(#tags,)* Type, Other(::std::string::String),),
        quote! {
            fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::std::result::Result<__Key, E> {
                ::std::result::Result::Ok(match key {
                    #(#arms)*
                    "__type" => __Key::Type,
                    other => __Key::Other(other.to_owned()),
                })
            }
        },
    )
}
