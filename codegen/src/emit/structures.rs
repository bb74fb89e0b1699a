//! Structures: the type, its accessors, its builder and a redacting `Debug`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_or;
use super::values::fill_absent;
use crate::ir::{MemberIr, Retryable, StructIr, StructRole, ValueType};

/// The text `Debug` prints instead of a sensitive value.
const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Emits a structure, its accessors and its builder.
pub fn structure(s: &StructIr) -> TokenStream {
    let ident = &s.path.ident;
    let builder = s.path.builder_ident();
    let docs = doc_attrs_or(s.docs.as_deref(), &format!("The `{}` structure.", s.id.name()));
    let derive_debug = (!s.has_sensitive()).then(|| quote!(::std::fmt::Debug,));
    let fields = s.members.iter().map(|m| {
        let docs = member_docs(m);
        let field = &m.field;
        let ty = field_type(m);
        quote!(#docs pub #field: #ty,)
    });
    let accessors = s.members.iter().map(|m| accessor(m, s.role));
    let is_error = s.role == StructRole::Error;
    let is_output = s.carries_request_id;
    let meta_field = if is_error {
        Some(quote!(pub(crate) meta: crate::error::ErrorMetadata,))
    } else if is_output {
        // Named so that no member's field (snake case, no leading `_`) can
        // take it.
        Some(quote!(pub(crate) _request_id: ::std::option::Option<::std::string::String>,))
    } else {
        None
    };
    let request_id_impl = is_output.then(|| {
        quote! {
            impl crate::call::RequestId for #ident {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    self._request_id.as_deref()
                }
            }
        }
    });
    let meta_accessor = is_error.then(|| {
        quote! {
            /// The code, message, request id and HTTP status of the response
            /// this error came from (empty for a value built by hand).
            pub fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.meta
            }
        }
    });
    let debug = s.has_sensitive().then(|| redacting_debug(&quote!(#ident), s, false));
    let builder_items = builder_type(s);
    let builder_doc = format!(" Creates a new builder for [`{}`].", ident.base());
    let error_impls = (s.role == StructRole::Error).then(|| error_impls(s));
    let derive_default = s.fills_in_place().then(|| quote!(::std::default::Default,));
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_default #derive_debug)]
        pub struct #ident {
            #(#fields)*
            #meta_field
        }

        impl #ident {
            #(#accessors)*
            #meta_accessor

            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #debug
        #error_impls
        #request_id_impl
        #builder_items
    }
}

/// Error structures display as `Name: message` and implement `Error`.
fn error_impls(s: &StructIr) -> TokenStream {
    let ident = &s.path.ident;
    // The shape name is the error code on the wire, whatever the Rust name.
    let name = s.id.name();
    let message = s.message_member.and_then(|i| s.members.get(i));
    // The model's message member, else the message the response carried.
    let message = match message {
        Some(m) if m.optional => {
            let field = &m.field;
            quote!(self.#field.as_deref().or(self.meta.message()))
        }
        Some(m) => {
            let field = &m.field;
            quote!(::std::option::Option::Some(self.#field.as_str()))
        }
        None => quote!(self.meta.message()),
    };
    // The model's `@retryable` wins over what the response says, and an
    // `@error("server")` is never the client's fault.
    let kind = match (s.retryable, s.server_fault) {
        (Some(retryable), _) => {
            let kind = match retryable {
                Retryable::Throttling => quote!(Throttling),
                Retryable::Transient => quote!(Transient),
            };
            Some(quote! {
                fn kind(&self) -> crate::error::ErrorKind {
                    crate::error::ErrorKind::#kind
                }
            })
        }
        (None, true) => Some(quote! {
            fn kind(&self) -> crate::error::ErrorKind {
                match self.meta.kind() {
                    crate::error::ErrorKind::Client => crate::error::ErrorKind::Server,
                    other => other,
                }
            }
        }),
        (None, false) => None,
    };
    quote! {
        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::error::display_error(f, #name, #message)
            }
        }

        impl ::std::error::Error for #ident {}

        impl crate::error::ServiceError for #ident {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.meta
            }
            #kind
        }

        impl crate::call::ModelledError for #ident {
            fn set_meta(&mut self, meta: crate::error::ErrorMetadata) {
                self.meta = meta;
            }
        }
    }
}

/// The member's documentation, or a plain sentence where the model has none.
fn member_docs(m: &MemberIr) -> TokenStream {
    doc_attrs_or(m.docs.as_deref(), &format!("The `{}` member.", m.name))
}

/// The element type of a list value (`Option<T>` when sparse).
fn list_item(ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::List { item, sparse: true } => {
            let item = item.ty.tokens();
            quote!(::std::option::Option<#item>)
        }
        ValueType::List { item, sparse: false } => item.ty.tokens(),
        other => other.tokens(),
    }
}

/// The field type: `T`, or `Option<T>` where the member is nullable.
fn field_type(m: &MemberIr) -> TokenStream {
    let ty = m.value.ty.tokens();
    let ty = if m.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
    if m.optional {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// A borrowing accessor, as in the AWS SDK: strings as `&str`, lists as
/// slices (flattened to `&[T]` outside inputs), `Copy` values by value.
fn accessor(m: &MemberIr, role: StructRole) -> TokenStream {
    let field = &m.field;
    let docs = member_docs(m);
    let ty = &m.value.ty;
    let (ret, body) = match (m.optional, ty) {
        (true, ValueType::String) => (quote!(::std::option::Option<&str>), quote!(self.#field.as_deref())),
        (true, ValueType::List { .. }) if role != StructRole::Input => {
            let item = list_item(ty);
            (quote!(&[#item]), quote!(self.#field.as_deref().unwrap_or_default()))
        }
        (true, ValueType::List { .. }) => {
            let item = list_item(ty);
            (quote!(::std::option::Option<&[#item]>), quote!(self.#field.as_deref()))
        }
        (true, t) if t.is_copy() => {
            let t = t.tokens();
            (quote!(::std::option::Option<#t>), quote!(self.#field))
        }
        (true, t) => {
            let t = t.tokens();
            let body = if m.boxed {
                quote!(self.#field.as_deref())
            } else {
                quote!(self.#field.as_ref())
            };
            (quote!(::std::option::Option<&#t>), body)
        }
        (false, ValueType::String) => (quote!(&str), quote!(&self.#field)),
        (false, ValueType::List { .. }) => {
            let item = list_item(ty);
            (quote!(&[#item]), quote!(&self.#field))
        }
        (false, t) if t.is_copy() => (t.tokens(), quote!(self.#field)),
        (false, t) => {
            let t = t.tokens();
            (quote!(&#t), quote!(&self.#field))
        }
    };
    let flattened_note = matches!((m.optional, ty, role), (true, ValueType::List { .. }, r) if r != StructRole::Input)
        .then(|| {
            let field_name = field.to_string();
            let note = format!(
                " If no value was sent, this is an empty slice; use `.{field_name}.is_none()` to tell absent from empty."
            );
            quote!(#[doc = ""] #[doc = #note])
        });
    quote! {
        #docs
        #flattened_note
        pub fn #field(&self) -> #ret {
            #body
        }
    }
}

fn builder_type(s: &StructIr) -> TokenStream {
    let ident = &s.path.ident;
    let builder = s.path.builder_ident();
    let derive_debug = (!s.has_sensitive()).then(|| quote!(::std::fmt::Debug,));
    let fields = s.members.iter().map(|m| {
        let field = &m.field;
        let ty = m.value.ty.tokens();
        quote!(pub(crate) #field: ::std::option::Option<#ty>,)
    });
    let methods = s.members.iter().map(builder_methods);
    let build = build_fn(s);
    let debug = s.has_sensitive().then(|| redacting_debug(&quote!(#builder), s, true));
    let doc = format!(" A builder for [`{}`].", ident.base());
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default, #derive_debug)]
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#methods)*
            #build
        }

        #debug
    }
}

fn builder_methods(m: &MemberIr) -> TokenStream {
    let field = &m.field;
    let setter = m.field.prefixed("set_");
    let getter = m.field.prefixed("get_");
    let ty = m.value.ty.tokens();
    let docs = member_docs(m);
    let required_note = (m.required).then(|| quote!(#[doc = ""] #[doc = " This member is required."]));
    let fluent = match &m.value.ty {
        ValueType::List { .. } => {
            let item = list_item(&m.value.ty);
            let note = format!(
                " Appends an item to `{}`. To replace the whole list, use [`{setter}`](Self::{setter}).",
                m.name
            );
            quote! {
                #[doc = #note]
                #[doc = ""]
                #docs
                pub fn #field(mut self, input: impl ::std::convert::Into<#item>) -> Self {
                    self.#field.get_or_insert_with(::std::vec::Vec::new).push(input.into());
                    self
                }
            }
        }
        ValueType::Map { key, value, sparse } => {
            let key = key.ty.tokens();
            let value = value.ty.tokens();
            let value = if *sparse {
                quote!(::std::option::Option<#value>)
            } else {
                value
            };
            let note = format!(
                " Adds an entry to `{}`. To replace the whole map, use [`{setter}`](Self::{setter}).",
                m.name
            );
            quote! {
                #[doc = #note]
                #[doc = ""]
                #docs
                pub fn #field(
                    mut self,
                    key: impl ::std::convert::Into<#key>,
                    value: impl ::std::convert::Into<#value>,
                ) -> Self {
                    self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value.into());
                    self
                }
            }
        }
        _ => quote! {
            #docs
            #required_note
            pub fn #field(mut self, input: impl ::std::convert::Into<#ty>) -> Self {
                self.#field = ::std::option::Option::Some(input.into());
                self
            }
        },
    };
    // The member's documentation stands once, on the fluent setter; the
    // other two link to it (a third and fourth copy of long AWS docs would
    // only make the crate bigger and slower to generate and compile).
    // rustdoc cannot link to a raw identifier (`r#type`): name it instead.
    let link = if m.field.to_string().starts_with("r#") {
        format!("`{}` (see the `{}` method)", m.name, m.field)
    } else {
        format!("[`{}`](Self::{})", m.name, m.field)
    };
    let set_doc = format!(" Sets or clears {link}.");
    let get_doc = format!(" The value set with {link}, if any.");
    quote! {
        #fluent
        #[doc = #set_doc]
        #required_note
        pub fn #setter(mut self, input: ::std::option::Option<#ty>) -> Self {
            self.#field = input;
            self
        }
        #[doc = #get_doc]
        pub fn #getter(&self) -> &::std::option::Option<#ty> {
            &self.#field
        }
    }
}

fn build_fn(s: &StructIr) -> TokenStream {
    let ident = &s.path.ident;
    let type_name = s.path.ident.to_string();
    let inits = s.members.iter().map(|m| {
        let field = &m.field;
        let boxed = m.boxed.then(|| quote!(.map(::std::boxed::Box::new)));
        if m.optional {
            quote!(#field: self.#field #boxed,)
        } else if m.default.is_some() {
            let fill = fill_absent(&m.value.ty, m.default.as_ref(), m.boxed);
            quote!(#field: self.#field #boxed #fill,)
        } else {
            let wire = &m.name;
            quote!(#field: crate::error::required(self.#field #boxed, #wire, #type_name)?,)
        }
    });
    let meta = super::values::meta_init(s);
    let value = quote!(#ident { #(#inits)* #meta });
    if s.fallible_build() {
        let required: Vec<String> = s
            .members
            .iter()
            .filter(|m| !m.optional && m.default.is_none())
            .map(|m| format!(" - `{}`", m.name))
            .collect();
        let doc = if required.is_empty() {
            quote!(#[doc = " Builds the value. It cannot fail today; it returns a `Result` so that a member becoming required is not a breaking change."])
        } else {
            quote!(#[doc = " Builds the value, or names the first required member that has no value:"] #[doc = ""] #(#[doc = #required])*)
        };
        quote! {
            #doc
            pub fn build(self) -> ::std::result::Result<#ident, crate::error::BuildError> {
                ::std::result::Result::Ok(#value)
            }
        }
    } else {
        quote! {
            #[doc = " Builds the value."]
            pub fn build(self) -> #ident {
                #value
            }
        }
    }
}

/// `Debug` that prints sensitive members as a fixed placeholder.
fn redacting_debug(ty: &TokenStream, s: &StructIr, builder: bool) -> TokenStream {
    let name = if builder {
        format!("{}Builder", s.path.ident.base())
    } else {
        s.path.ident.base().to_owned()
    };
    let fields = s.members.iter().map(|m| {
        let field = &m.field;
        let label = m.field.base();
        if m.sensitive {
            quote!(formatter.field(#label, &#REDACTED);)
        } else {
            quote!(formatter.field(#label, &self.#field);)
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut formatter = f.debug_struct(#name);
                #(#fields)*
                formatter.finish()
            }
        }
    }
}
