//! Waiters of `smithy.waiters#waitable` operations: a static with the
//! model's acceptors and a `wait_until_<name>` constructor on the operation
//! type, driven by the runtime's sans-IO `waiter::Waiter`; and the
//! `waiter::Inspect` impls through which the waiters' paths read the types
//! they reach, by member name.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use crate::ir::{AcceptorIr, AcceptorStateIr, CrateIr, EnumIr, MatcherIr, OperationIr, StructIr, UnionIr, WaiterIr};

/// `Inspect` for a structure a waiter reads: its members by model name.
pub fn inspect_structure(s: &StructIr, ir: &CrateIr) -> TokenStream {
    if !ir.inspected.contains(&s.path) {
        return TokenStream::new();
    }
    let ident = &s.path.ident;
    let members = s.members.iter().map(|m| {
        let (name, field) = (&m.name, &m.field);
        quote!((#name, crate::waiter::Inspect::tree(&self.#field)))
    });
    quote! {
        impl crate::waiter::Inspect for #ident {
            fn tree(&self) -> crate::waiter::Value {
                crate::waiter::members([#(#members),*])
            }
        }
    }
}

/// `Inspect` for an enum a waiter reads: its wire value.
pub fn inspect_enum(e: &EnumIr, ir: &CrateIr) -> TokenStream {
    if !ir.inspected.contains(&e.path) {
        return TokenStream::new();
    }
    let ident = &e.path.ident;
    let value = if e.int {
        quote!(crate::waiter::Inspect::tree(&self.as_i32()))
    } else {
        quote!(crate::waiter::Inspect::tree(self.as_str()))
    };
    quote! {
        impl crate::waiter::Inspect for #ident {
            fn tree(&self) -> crate::waiter::Value {
                #value
            }
        }
    }
}

/// `Inspect` for a union a waiter reads: an object with its one member (a
/// member this crate does not know reads as `null`).
pub fn inspect_union(u: &UnionIr, ir: &CrateIr) -> TokenStream {
    if !ir.inspected.contains(&u.path) {
        return TokenStream::new();
    }
    let ident = &u.path.ident;
    let arms = u.variants.iter().map(|v| {
        let (name, variant) = (&v.name, &v.ident);
        quote!(Self::#variant(value) => crate::waiter::members([(#name, crate::waiter::Inspect::tree(value))]),)
    });
    quote! {
        impl crate::waiter::Inspect for #ident {
            fn tree(&self) -> crate::waiter::Value {
                match self {
                    #(#arms)*
                    Self::Unknown(_) => crate::waiter::Value::Null,
                }
            }
        }
    }
}

/// The operation's `Waitable` impl and one waiter per model waiter.
pub fn waiters(op: &OperationIr) -> TokenStream {
    if op.waiters.is_empty() {
        return TokenStream::new();
    }
    let ident = &op.ident;
    let input_ty = op.input.tokens();
    let output_ty = op.output.tokens();
    let statics = op.waiters.iter().map(spec_static);
    let methods = op.waiters.iter().map(|w| method(op, w));
    quote! {
        impl crate::waiter::Waitable for #ident {
            type Input = #input_ty;
            type Output = #output_ty;
        }

        #(#statics)*

        impl #ident {
            #(#methods)*
        }
    }
}

fn spec_static(waiter: &WaiterIr) -> TokenStream {
    let spec = &waiter.spec;
    let name = &waiter.name;
    let min = proc_macro2::Literal::u64_unsuffixed(waiter.min_delay);
    let max = proc_macro2::Literal::u64_unsuffixed(waiter.max_delay);
    let acceptors = waiter.acceptors.iter().map(acceptor);
    let doc = format!(" The `{name}` waiter's acceptors and delays, as the model declares them.");
    quote! {
        #[doc = #doc]
        static #spec: crate::waiter::WaiterSpec = crate::waiter::WaiterSpec {
            name: #name,
            min_delay: #min,
            max_delay: #max,
            acceptors: &[#(#acceptors),*],
        };
    }
}

fn acceptor(acceptor: &AcceptorIr) -> TokenStream {
    let state = match acceptor.state {
        AcceptorStateIr::Success => quote!(Success),
        AcceptorStateIr::Failure => quote!(Failure),
        AcceptorStateIr::Retry => quote!(Retry),
    };
    let matcher = match &acceptor.matcher {
        MatcherIr::Path {
            input_output,
            path,
            expected,
            comparator,
        } => {
            let variant = if *input_output {
                quote!(InputOutput)
            } else {
                quote!(Output)
            };
            let comparator = match comparator.as_str() {
                "booleanEquals" => quote!(BooleanEquals),
                "allStringEquals" => quote!(AllStringEquals),
                "anyStringEquals" => quote!(AnyStringEquals),
                // The resolver admits only the four comparators.
                _ => quote!(StringEquals),
            };
            quote! {
                crate::waiter::Matcher::#variant {
                    path: #path,
                    expected: #expected,
                    comparator: crate::waiter::Comparator::#comparator,
                }
            }
        }
        MatcherIr::Success(success) => quote!(crate::waiter::Matcher::Success(#success)),
        MatcherIr::ErrorType(name) => quote!(crate::waiter::Matcher::ErrorType(#name)),
    };
    quote! {
        crate::waiter::Acceptor {
            state: crate::waiter::AcceptorState::#state,
            matcher: #matcher,
        }
    }
}

fn method(op: &OperationIr, waiter: &WaiterIr) -> TokenStream {
    let method = &waiter.method;
    let spec = &waiter.spec;
    let input_ty = op.input.tokens();
    let docs = doc_attrs(waiter.docs.as_deref());
    let summary = format!(
        " Waiter `{}`: polls `{}` with `input` until an acceptor of the model says success or failure, for at most \
         `max_wait`, {} s to {} s between attempts.",
        waiter.name, op.name, waiter.min_delay, waiter.max_delay
    );
    let separator = waiter.docs.is_some().then(|| quote!(#[doc = ""]));
    let deprecated = waiter.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #separator
        #[doc = #summary]
        #[doc = ""]
        #[doc = " Drive it with [`Waiter::wait`](crate::waiter::Waiter::wait) (or `wait_async`) and a send"]
        #[doc = " function, or step by step with [`Waiter::step`](crate::waiter::Waiter::step)."]
        #deprecated
        pub fn #method(input: #input_ty, max_wait: ::std::time::Duration) -> crate::waiter::Waiter<Self> {
            crate::waiter::Waiter::new(&#spec, input, max_wait)
        }
    }
}
