//! The `endpoint` module: typed parameters over the runtime's rules engine,
//! with the service's rule set embedded, and the model's endpoint tests.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use crate::ir::{CrateIr, EndpointExpect, EndpointIr, EndpointParamKind, EndpointTestValue};

/// `Params`, its setters, and `resolve()`.
pub fn module(ir: &CrateIr) -> TokenStream {
    let Some(endpoint) = &ir.endpoint else {
        return TokenStream::new();
    };
    let rule_set = &endpoint.rule_set;
    let fields = endpoint.params.iter().map(|p| {
        let field = &p.field;
        let ty = rust_type(p.kind);
        quote!(#field: ::std::option::Option<#ty>,)
    });
    let setters = endpoint.params.iter().map(|p| {
        let field = &p.field;
        let docs = doc_attrs(Some(&p.docs));
        let (arg, value) = match p.kind {
            EndpointParamKind::String => (
                quote!(impl ::std::convert::Into<::std::string::String>),
                quote!(value.into()),
            ),
            EndpointParamKind::Bool => (quote!(bool), quote!(value)),
            EndpointParamKind::StringArray => (quote!(::std::vec::Vec<::std::string::String>), quote!(value)),
        };
        quote! {
            #docs
            #[must_use]
            pub fn #field(mut self, value: #arg) -> Self {
                self.#field = ::std::option::Option::Some(#value);
                self
            }
        }
    });
    let inserts = endpoint.params.iter().map(|p| {
        let (field, name) = (&p.field, &p.name);
        match p.kind {
            EndpointParamKind::Bool => quote! {
                if let ::std::option::Option::Some(value) = params.#field {
                    values.insert(#name, value);
                }
            },
            EndpointParamKind::String => match &p.sdk_default {
                None => quote! {
                    if let ::std::option::Option::Some(value) = &params.#field {
                        values.insert(#name, value.as_str());
                    }
                },
                Some(default) => quote! {
                    values.insert(#name, params.#field.as_deref().unwrap_or(#default));
                },
            },
            EndpointParamKind::StringArray => quote! {
                if let ::std::option::Option::Some(value) = &params.#field {
                    values.insert(#name, value.clone());
                }
            },
        }
    });
    let service = &ir.service.name;
    let params_docs = doc_attrs(Some(&format!(
        "The endpoint parameters of {service}: set what applies (a region, FIPS, dual-stack, a custom \
         endpoint...) and call [`Params::resolve`]. Unset parameters take the rule set's defaults."
    )));
    quote! {
        pub use crate::rules_engine::{AuthScheme, Endpoint, ResolveError};

        /// The service's endpoint rule set, as the model gives it.
        const RULE_SET: &str = #rule_set;

        #params_docs
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            /// No parameter set.
            pub fn new() -> Self {
                Self::default()
            }

            #(#setters)*

            /// Resolves the endpoint: see [`resolve`].
            pub fn resolve(&self) -> ::std::result::Result<Endpoint, ResolveError> {
                resolve(self)
            }
        }

        impl crate::call::ResolveEndpoint for Params {
            fn resolve_endpoint(&self) -> ::std::result::Result<(::http::Uri, ::http::HeaderMap), crate::error::BuildRequestError> {
                Endpoint::for_request(resolve(self))
            }

            fn resolve_endpoint_in(&self, context: &crate::call::EndpointContext) -> ::std::result::Result<(::http::Uri, ::http::HeaderMap), crate::error::BuildRequestError> {
                Endpoint::for_request(resolve_in(self, context))
            }
        }

        /// Resolves the endpoint for these parameters with the service's
        /// rules: its URL, headers and properties (the auth schemes to sign
        /// with), or the rule set's error for them. The rule set is parsed
        /// on first use.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            resolve_in(params, &crate::call::EndpointContext::default())
        }

        /// [`resolve`] with what an operation binds itself (its
        /// `endpoint_context`) over `params`.
        pub fn resolve_in(params: &Params, context: &crate::call::EndpointContext) -> ::std::result::Result<Endpoint, ResolveError> {
            use crate::rules_engine as rules;
            static RULES: ::std::sync::OnceLock<::std::result::Result<rules::RuleSet, rules::RuleSetError>> =
                ::std::sync::OnceLock::new();
            let rule_set = RULES
                .get_or_init(|| rules::RuleSet::from_json(RULE_SET))
                .as_ref()
                .map_err(|e| ResolveError::InvalidRuleSet(e.to_string()))?;
            let mut values = rules::Params::new();
            #(#inserts)*
            values.insert_context(context);
            rule_set.resolve(&values)
        }
    }
}

fn rust_type(kind: EndpointParamKind) -> TokenStream {
    match kind {
        EndpointParamKind::String => quote!(::std::string::String),
        EndpointParamKind::Bool => quote!(bool),
        EndpointParamKind::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    }
}

/// One `#[test]` per endpoint test case of the model.
pub fn tests(ir: &CrateIr) -> TokenStream {
    let Some(endpoint) = &ir.endpoint else {
        return TokenStream::new();
    };
    let cases = endpoint.tests.iter().map(|case| {
        let name = &case.name;
        let docs = doc_attrs(case.docs.as_deref());
        let params = params(endpoint, &case.params);
        let mut check = match &case.expect {
            EndpointExpect::Endpoint {
                url,
                headers,
                properties,
            } => {
                let headers = headers
                    .iter()
                    .map(|(name, values)| quote!((#name, &[#(#values),*][..])));
                quote!(expect_endpoint(#params, #url, &[#(#headers),*], #properties);)
            }
            EndpointExpect::Error(message) => quote!(expect_error(#params, #message);),
        };
        // The same through each operation of `operationInputs` the crate has.
        for input in &case.operation_inputs {
            let Some(op) = ir.operations.iter().find(|op| op.name == input.operation) else {
                continue;
            };
            let op_ty = {
                let (module, ident) = (&op.module, &op.ident);
                quote!(crate::operation::#module::#ident)
            };
            let (params, json) = (self::params(endpoint, &input.params), &input.input);
            let request = quote!(operation_request::<#op_ty>(#json, &#params));
            check.extend(match &case.expect {
                EndpointExpect::Endpoint { url, headers, .. } => {
                    let headers = headers
                        .iter()
                        .map(|(name, values)| quote!((#name, &[#(#values),*][..])));
                    quote!(expect_operation_endpoint(#request, #url, &[#(#headers),*]);)
                }
                EndpointExpect::Error(message) => quote!(expect_operation_error(#request, #message);),
            });
        }
        quote! {
            #docs
            #[test]
            fn #name() {
                #check
            }
        }
    });
    quote! {
        use super::*;

        fn expect_endpoint(params: Params, url: &str, headers: &[(&str, &[&str])], properties: &str) {
            let endpoint = params.resolve().unwrap_or_else(|e| panic!("{params:?}: {e}"));
            assert_eq!(endpoint.url(), url, "{params:?}");
            let headers: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>> = headers
                .iter()
                .map(|(name, values)| (name.to_string(), values.iter().map(|v| v.to_string()).collect()))
                .collect();
            assert_eq!(endpoint.headers(), &headers, "{params:?}");
            let got = ::serde_json::Value::Object(
                endpoint.properties().iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
            );
            let want: ::serde_json::Value = ::serde_json::from_str(properties).expect("properties are JSON");
            assert_eq!(got, want, "{params:?}");
        }

        /// `request_for` on the input the case gives (`operationParams`).
        #[allow(dead_code)]
        fn operation_request<O>(input: &str, params: &Params) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::BuildRequestError>
        where
            O: crate::call::Operation,
            O::Input: ::serde::de::DeserializeOwned,
        {
            let input: O::Input = ::serde_json::from_str(input).unwrap_or_else(|e| panic!("operationParams {input}: {e}"));
            O::request_for(&input, params)
        }

        #[allow(dead_code)]
        fn expect_operation_endpoint(
            request: ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::BuildRequestError>,
            url: &str,
            headers: &[(&str, &[&str])],
        ) {
            let request = request.unwrap_or_else(|e| panic!("expected a request to {url}: {e}"));
            let expected: ::http::Uri = url.parse().expect("the expected URL parses");
            let uri = request.uri();
            assert_eq!((uri.scheme_str(), uri.authority()), (expected.scheme_str(), expected.authority()), "{uri}");
            assert!(uri.path().starts_with(expected.path().trim_end_matches('/')), "{uri} is not under {url}");
            for (name, values) in headers {
                let got: ::std::vec::Vec<&str> = request.headers().get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
                assert_eq!(got, *values, "header {name}");
            }
        }

        #[allow(dead_code)]
        fn expect_operation_error(
            request: ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::BuildRequestError>,
            message: &str,
        ) {
            match request {
                ::std::result::Result::Err(e) => assert!(e.to_string().contains(message), "expected {message:?}, got {e}"),
                ::std::result::Result::Ok(request) => panic!("expected the error {message:?}, got a request to {}", request.uri()),
            }
        }

        fn expect_error(params: Params, message: &str) {
            match params.resolve() {
                ::std::result::Result::Err(ResolveError::Rule(got)) => assert_eq!(got, message, "{params:?}"),
                other => panic!("{params:?}: expected the error {message:?}, got {other:?}"),
            }
        }

        #(#cases)*
    }
}

/// `Params::new().region("us-east-1").use_fips(true)`.
fn params(endpoint: &EndpointIr, values: &[(usize, EndpointTestValue)]) -> TokenStream {
    let setters = values.iter().filter_map(|(index, value)| {
        let field = &endpoint.params.get(*index)?.field;
        Some(match value {
            EndpointTestValue::String(s) => quote!(.#field(#s)),
            EndpointTestValue::Bool(b) => quote!(.#field(#b)),
            EndpointTestValue::StringArray(items) => quote!(.#field(::std::vec![#(#items.to_owned()),*])),
        })
    });
    quote!(Params::new() #(#setters)*)
}
