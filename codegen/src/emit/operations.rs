//! Operations: the sans-IO protocol layer. Each operation type builds its
//! `http::Request` and reads its `http::Response`; its error enum holds the
//! modelled errors and `Unhandled`; paginated operations get paginators,
//! waitable ones waiters.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec;
use super::docs::doc_attrs_or;
use crate::ir::{
    Bindings, ContextSourceIr, CrateIr, EndpointParamKind, EndpointTestValue, HostPart, OperationIr, StructIr,
    TypePath, ValueType,
};

/// Emits the operation type, its error enum and its paginator impls.
pub fn operation(op: &OperationIr, ir: &CrateIr) -> TokenStream {
    let mut out = operation_type(op, ir);
    out.extend(error_enum(op));
    if op.pagination.is_some() {
        out.extend(paginator(op));
    }
    out.extend(super::waiters::waiters(op));
    out
}

/// The generated structure at `path`.
pub(super) fn structure<'a>(ir: &'a CrateIr, path: &TypePath) -> Option<&'a StructIr> {
    ir.structures.iter().find(|s| s.path == *path)
}

fn operation_type(op: &OperationIr, ir: &CrateIr) -> TokenStream {
    let service = &ir.service;
    let input = structure(ir, &op.input);
    let validate_requests = ir.validate_requests;
    let ident = &op.ident;
    let docs = doc_attrs_or(op.docs.as_deref(), &format!("The `{}` operation.", op.name));
    let name = &op.name;
    let input_ty = op.input.tokens();
    let output_ty = op.output.tokens();
    let error_ty = op.error_ident();
    let mut input_doc = format!(
        " The input is {}, the output {}.",
        link_from(op, &op.input),
        link_from(op, &op.output)
    );
    if let (Some(http), Some(input)) = (op.http(), input) {
        input_doc.push_str(&format!(
            " On the wire: `{} {}`, status {} on success.",
            http.method,
            uri_template(http, input),
            http.code
        ));
    }

    // Members the protocol fills in when the caller left them empty.
    let tokens: Vec<_> = input
        .map(|s| s.members.iter().filter(|m| m.idempotency_token && m.optional).collect())
        .unwrap_or_default();
    let options_param = if tokens.is_empty() && !op.gzip {
        quote!(_options)
    } else {
        quote!(options)
    };
    let fill_tokens = (!tokens.is_empty()).then(|| {
        let fields = tokens.iter().map(|m| &m.field);
        quote! {
            let mut filled = input.clone();
            #(
                if filled.#fields.is_none() {
                    filled.#fields = ::std::option::Option::Some(options.idempotency_token());
                }
            )*
            let input = &filled;
        }
    });
    let host_prefix = match &op.host_prefix {
        None => quote!(::std::option::Option::None),
        Some(prefix) if prefix.parts.iter().all(|p| matches!(p, HostPart::Text(_))) => {
            let text = &prefix.template;
            quote!(::std::option::Option::Some(#text))
        }
        Some(prefix) => {
            let parts = prefix.parts.iter().map(|part| match part {
                // clippy wants `push` for one character.
                HostPart::Text(text) => match text.chars().collect::<Vec<_>>()[..] {
                    [c] => quote!(host.push(#c);),
                    _ => quote!(host.push_str(#text);),
                },
                HostPart::Label { label, field } => {
                    quote!(host.push_str(&crate::call::host_label(#label, input.#field.as_deref())?);)
                }
            });
            quote!(::std::option::Option::Some(&{
                let mut host = ::std::string::String::new();
                #(#parts)*
                host
            }))
        }
    };
    // Smithy: "Constraint traits SHOULD NOT be enforced when serializing
    // shapes"; a crate built from an older model would otherwise refuse
    // values a newer service accepts. Enforcement is opt-in.
    let (validate, validation_doc) = if validate_requests {
        (
            Some(quote!(input.validate()?;)),
            " The input's constraints are checked first (`validate_requests` is on): a violation is returned, not sent.",
        )
    } else {
        (
            None,
            " The model's constraints (`@required`, `@length`, `@range`, `@pattern`) are not checked: Smithy says clients should not enforce them (the service does, and may accept more than an older model says). Call `validate()` on the input to check them.",
        )
    };
    let codec = service.codec;
    let build = match (&op.bindings, input) {
        (Bindings::Http(http), Some(input)) => {
            super::rest::build_request(codec, http, input, &host_prefix, &ir.customizations)
        }
        // `resolve` gives every operation an input structure; were one
        // missing, the crate would say so rather than send a wrong request.
        (Bindings::Http(_), None) => quote!(::std::compile_error!(
            "shapesmith: the operation's input structure is missing"
        )),
        (Bindings::Rpc { target }, _) => {
            // An input event stream is not part of the body.
            let value = if input.is_some_and(StructIr::has_http_bindings) {
                quote!(&crate::rest::BodyRef(input))
            } else {
                quote!(input)
            };
            codec::rpc_request(codec, service.errors, target, &value, &host_prefix)
        }
    };
    let read_output = match (&op.bindings, structure(ir, &op.output)) {
        (Bindings::Http(_), Some(output)) => super::rest::read_output(codec, output, &error_ty),
        // An output event stream: the body holds the stream, read by
        // `parse_response_head` and the event-stream decoder.
        (Bindings::Rpc { .. }, Some(output)) => codec::decode_output(codec, output.has_http_bindings()),
        (_, None) => codec::decode_output(codec, false),
    };
    // The body as `build_request` made it, compressed where the model asks.
    let (finish, options_doc) = if op.gzip {
        (
            Some(quote!(crate::compression::gzip_request(request, options))),
            " The body is gzip-compressed (`@requestCompression`) when it has at least the options' minimum size (10,240 bytes by default), unless they turn compression off.",
        )
    } else {
        (
            None,
            " This operation does not compress its requests: the options change nothing here (an out-of-range minimum is still refused).",
        )
    };
    // Over the body as sent, compressed or not.
    let checksum = op.checksum_required.then(|| {
        quote! {
            .map(|mut request| {
                crate::checksum::content_md5(&mut request);
                request
            })
        }
    });
    // The request as built, then compressed and checksummed where the model asks.
    let send = match (finish, checksum) {
        (None, None) => build,
        (finish, checksum) => {
            let finish = finish.unwrap_or_else(|| quote!(::std::result::Result::Ok(request)));
            quote! {
                let request = { #build }?;
                #finish #checksum
            }
        }
    };
    let member_endpoint = op.endpoint_member.as_ref().map(|field| {
        quote! {
            let from_member: ::std::option::Option<::http::Uri> = match &input.#field {
                ::std::option::Option::Some(url) => ::std::option::Option::Some(url.parse().map_err(|e| {
                    crate::error::BuildRequestError::new(::std::format!("endpoint `{url}` in the input: {e}"))
                })?),
                ::std::option::Option::None => ::std::option::Option::None,
            };
            let endpoint = from_member.as_ref().or(endpoint);
        }
    });
    let modelled = op.errors.iter().map(|e| {
        let code = &e.code;
        let variant = &e.variant;
        let path = e.path.tokens();
        // An error with members bound to headers reads only its body
        // members from the body, then the bound ones.
        match structure(ir, &e.path).filter(|s| s.has_http_bindings()) {
            Some(s) => {
                let fill = super::rest::fill_bound_members(codec, s, &quote!(modelled), &error_ty);
                let body = super::rest::payload_body(s);
                // `?` in the fill steps gives the operation's error.
                quote! {
                    ::std::option::Option::Some(#code) => (move || -> ::std::result::Result<#error_ty, #error_ty> {
                        let crate::rest::BodyOf::<#path>(mut modelled) = error.body()?;
                        #body
                        #fill
                        crate::call::ModelledError::set_meta(&mut modelled, error.into_meta());
                        ::std::result::Result::Ok(#error_ty::#variant(modelled))
                    })()
                    .unwrap_or_else(|error| error),
                }
            }
            None => quote!(::std::option::Option::Some(#code) => error.modelled(#error_ty::#variant),),
        }
    });
    let read_error = codec::read_error(service.errors);
    // The closures that read header-bound errors return the error enum as
    // their `Err`, unboxed like every modelled error.
    let allow_large_err = op
        .errors
        .iter()
        .any(|e| structure(ir, &e.path).is_some_and(StructIr::has_http_bindings))
        .then(|| quote!(#[allow(clippy::result_large_err)]));
    let classify = if op.errors.is_empty() {
        quote!(error.unhandled())
    } else {
        quote! {
            match error.shape_name() {
                #(#modelled)*
                _ => error.unhandled(),
            }
        }
    };
    let streaming =
        super::rest::streaming_methods(input, structure(ir, &op.output), &error_ty, codec, op.http().is_none());
    // The RPC protocols name the operation in a header.
    let target_const = match &op.bindings {
        Bindings::Rpc { target } => Some(quote! {
            /// The value of the `X-Amz-Target` header: `<Service>.<Operation>`.
            pub const TARGET: &'static str = #target;
        }),
        Bindings::Http(_) => None,
    };
    let inherent =
        (target_const.is_some() || !streaming.is_empty()).then(|| quote!(impl #ident { #target_const #streaming }));
    let endpoint_context = endpoint_context(op);
    let mut type_doc = vec![input_doc];
    if ir.endpoint.is_some() {
        type_doc.push(" `request_for` (of the `Operation` trait) takes the crate's `endpoint::Params`.".to_owned());
    }
    type_doc.push(validation_doc.to_owned());
    type_doc.push(options_doc.to_owned());
    quote! {
        #docs
        #(#[doc = ""] #[doc = #type_doc])*
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        #[non_exhaustive]
        pub struct #ident;

        impl crate::call::Operation for #ident {
            const NAME: &'static str = #name;
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error_ty;

            fn build_request(input: &Self::Input, endpoint: ::std::option::Option<&::http::Uri>, #options_param: &crate::call::RequestOptions) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::BuildRequestError> {
                #validate
                #member_endpoint
                #fill_tokens
                #send
            }

            fn parse_output<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error> {
                #read_output
                output._request_id = crate::call::request_id(response.headers());
                ::std::result::Result::Ok(output)
            }

            #endpoint_context

            #allow_large_err
            fn parse_error<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> Self::Error {
                #read_error
                #classify
            }
        }

        #inherent
    }
}

/// `endpoint_context`, when the operation binds endpoint parameters itself:
/// least specific first, so a later binding of a name wins.
fn endpoint_context(op: &OperationIr) -> Option<TokenStream> {
    if op.endpoint_context.is_empty() {
        return None;
    }
    let binds = op.endpoint_context.iter().map(|c| {
        let name = &c.name;
        let value = match &c.source {
            ContextSourceIr::Path(path) => quote!(crate::waiter::context_value(#path, input)),
            ContextSourceIr::Member { field, kind: EndpointParamKind::Bool, .. } => {
                quote!(input.#field.map(crate::call::ContextValue::Bool))
            }
            ContextSourceIr::Member { field, is_enum: true, .. } => {
                quote!(input.#field.as_ref().map(|value| crate::call::ContextValue::String(value.as_str().to_owned())))
            }
            ContextSourceIr::Member { field, .. } => quote!(input.#field.clone().map(crate::call::ContextValue::String)),
            ContextSourceIr::Static(EndpointTestValue::Bool(b)) => {
                quote!(::std::option::Option::Some(crate::call::ContextValue::Bool(#b)))
            }
            ContextSourceIr::Static(EndpointTestValue::String(s)) => {
                quote!(::std::option::Option::Some(crate::call::ContextValue::String(::std::string::String::from(#s))))
            }
            ContextSourceIr::Static(EndpointTestValue::StringArray(items)) => quote! {
                ::std::option::Option::Some(crate::call::ContextValue::StringArray(::std::vec![#(::std::string::String::from(#items)),*]))
            },
        };
        quote!(context.set(#name, #value);)
    });
    Some(quote! {
        fn endpoint_context(input: &Self::Input) -> crate::call::EndpointContext {
            let mut context = crate::call::EndpointContext::default();
            #(#binds)*
            context
        }
    })
}

/// An `@http` URI as the model writes it (`/{Bucket}/{Key+}?x-id=PutObject`).
fn uri_template(http: &crate::ir::HttpIr, input: &StructIr) -> String {
    let mut uri = String::new();
    for part in &http.path {
        match part {
            crate::ir::PathPart::Text(text) => uri.push_str(text),
            crate::ir::PathPart::Label { member, greedy } => {
                let name = input.members.get(*member).map_or("?", |m| m.name.as_str());
                uri.push_str(&format!("{{{name}{}}}", if *greedy { "+" } else { "" }));
            }
        }
    }
    for (i, (name, value)) in http.query.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.push_str(name);
        if let Some(value) = value {
            uri.push('=');
            uri.push_str(value);
        }
    }
    uri
}

fn error_enum(op: &OperationIr) -> TokenStream {
    let error_ty = op.error_ident();
    let doc = format!(
        " The errors of `{}`: those the model lists, and `Unhandled` for any other error response or a response that cannot be read. Code, message, request id and status come from the `ServiceError` trait.",
        op.name
    );
    let variants = op.errors.iter().map(|e| {
        let variant = &e.variant;
        let path = e.path.tokens();
        let doc = format!(" The `{}` error.", e.code);
        quote!(#[doc = #doc] #variant(#path),)
    });
    let inners = op.errors.iter().map(|e| {
        let variant = &e.variant;
        quote!(#error_ty::#variant(error) => error,)
    });
    let sources = op.errors.iter().map(|e| {
        let variant = &e.variant;
        quote!(#error_ty::#variant(error) => error,)
    });
    let is_methods = op.errors.iter().map(|e| {
        let (variant, method) = (&e.variant, &e.is_method);
        let doc = format!(" Whether this is the `{}` error.", e.code);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> bool {
                matches!(self, #error_ty::#variant(_))
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(::std::fmt::Debug)]
        #[allow(clippy::large_enum_variant)]
        pub enum #error_ty {
            #(#variants)*
            /// An error the model does not list, or a response that cannot be read.
            Unhandled(crate::error::Unhandled),
        }

        impl #error_ty {
            #(#is_methods)*

            /// Whether this is an error the model does not list, or a
            /// response that could not be read.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, #error_ty::Unhandled(_))
            }

            /// The error this one holds, whichever it is.
            fn inner(&self) -> &dyn crate::error::ServiceError {
                match self {
                    #(#inners)*
                    #error_ty::Unhandled(unhandled) => unhandled,
                }
            }
        }

        impl ::std::convert::From<crate::error::Unhandled> for #error_ty {
            fn from(unhandled: crate::error::Unhandled) -> Self {
                #error_ty::Unhandled(unhandled)
            }
        }

        impl crate::error::ServiceError for #error_ty {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                self.inner().meta()
            }

            fn kind(&self) -> crate::error::ErrorKind {
                self.inner().kind()
            }
        }

        impl ::std::fmt::Display for #error_ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        impl ::std::error::Error for #error_ty {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::std::option::Option::Some(match self {
                    #(#sources)*
                    #error_ty::Unhandled(unhandled) => unhandled,
                })
            }
        }
    }
}

fn paginator(op: &OperationIr) -> TokenStream {
    let Some(p) = &op.pagination else {
        return TokenStream::new();
    };
    let ident = &op.ident;
    let input_ty = op.input.tokens();
    let output_ty = op.output.tokens();
    let input_token = &p.input_token;
    let (output_token, token_optional) = &p.output_token;
    let token_ty = p.token.tokens();
    let next_token = if *token_optional {
        quote!(output.#output_token.as_ref())
    } else {
        quote!(::std::option::Option::Some(&output.#output_token))
    };
    let set_page_size = match &p.page_size {
        Some((field, ValueType::Long)) => quote!(input.#field = ::std::option::Option::Some(i64::from(size));),
        Some((field, ValueType::Integer)) => quote!(input.#field = ::std::option::Option::Some(size);),
        _ => TokenStream::new(),
    };
    let (input_arg, size_arg) = if p.page_size.is_some() {
        (quote!(input), quote!(size))
    } else {
        (quote!(_input), quote!(_size))
    };
    let items = p.items.as_ref().map(|(field, optional, item)| {
        let item = item.tokens();
        let take = if *optional {
            quote!(output.#field.take().unwrap_or_default())
        } else {
            quote!(::std::mem::take(&mut output.#field))
        };
        quote! {
            impl crate::paginate::PaginatedItems for #ident {
                type Item = #item;
                fn take_items(output: &mut #output_ty) -> ::std::vec::Vec<#item> {
                    #take
                }
            }
        }
    });
    quote! {
        impl crate::paginate::Paginated for #ident {
            type Input = #input_ty;
            type Output = #output_ty;
            type Token = #token_ty;

            fn token(input: &Self::Input) -> ::std::option::Option<&Self::Token> {
                input.#input_token.as_ref()
            }

            fn set_token(input: &mut Self::Input, token: ::std::option::Option<Self::Token>) {
                input.#input_token = token;
            }

            fn next_token(output: &Self::Output) -> ::std::option::Option<&Self::Token> {
                #next_token
            }

            fn set_page_size(#input_arg: &mut Self::Input, #size_arg: i32) {
                #set_page_size
            }
        }

        #items

        impl #ident {
            /// Pages through the results, calling `send` for each page:
            /// `send` builds the request with `request` (of the `Operation` trait),
            /// sends it and reads the reply with
            /// `parse_response`.
            pub fn paginate<F, E>(input: #input_ty, send: F) -> crate::paginate::Paginator<Self, F>
            where
                F: ::std::ops::FnMut(&#input_ty) -> ::std::result::Result<#output_ty, E>,
            {
                crate::paginate::Paginator::new(input, send)
            }

            /// Like [`paginate`](Self::paginate), with an async `send` that
            /// takes each page's input by value.
            pub fn paginate_async<F, Fut, E>(input: #input_ty, send: F) -> crate::paginate::AsyncPaginator<Self, F>
            where
                F: ::std::ops::FnMut(#input_ty) -> Fut,
                Fut: ::std::future::Future<Output = ::std::result::Result<#output_ty, E>>,
            {
                crate::paginate::AsyncPaginator::new(input, send)
            }
        }
    }
}

/// An intra-doc link to `path` from the operation's module: the bare name
/// where it is re-exported there (an explicit target would be redundant).
fn link_from(op: &OperationIr, path: &TypePath) -> String {
    let here = path.module.len() == 2 && path.module[1] == op.module && path.module[0].base() == "operation";
    if here {
        format!("[`{}`]", path.ident)
    } else {
        format!("[`{}`]({})", path.ident, path.rust_path())
    }
}
