//! Validation: `validate()` checks `@required`, `@length`, `@range` and
//! `@pattern` and reports every violation with its member path.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{BoundValue, CrateIr, Element, StructIr, UnionIr, ValueType};

/// Emits `validate` and `validate_into` for a structure.
pub fn structure(s: &StructIr, ir: &CrateIr) -> TokenStream {
    let ident = &s.path.ident;
    let checks: Vec<TokenStream> = s
        .members
        .iter()
        .filter_map(|m| {
            let field = &m.field;
            let wire = &m.name;
            let path = quote!(&crate::error::Path::Member(path, #wire));
            let inner = check(&m.value, &quote!(value), &path, ir);
            let missing = quote! {
                violations.push(crate::error::ConstraintViolation::new(#path, crate::error::Rule::Required));
            };
            match (m.optional, m.required, inner.is_empty()) {
                (true, true, true) => Some(quote! {
                    if self.#field.is_none() { #missing }
                }),
                (true, true, false) => Some(quote! {
                    match &self.#field {
                        ::std::option::Option::Some(value) => { #inner }
                        ::std::option::Option::None => { #missing }
                    }
                }),
                (true, false, false) => Some(quote! {
                    if let ::std::option::Option::Some(value) = &self.#field { #inner }
                }),
                (false, _, false) => Some(quote! {
                    let value = &self.#field;
                    #inner
                }),
                (_, _, true) => None,
            }
        })
        .collect();
    validate_fns(ident, quote!(#(#checks)*))
}

/// Emits `validate` and `validate_into` for a union: the set member's value
/// is checked under its member name.
pub fn union(u: &UnionIr, ir: &CrateIr) -> TokenStream {
    let ident = &u.path.ident;
    let arms: Vec<(TokenStream, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|v| {
            let variant = &v.ident;
            let wire = &v.name;
            let path = quote!(&crate::error::Path::Member(path, #wire));
            let inner = check(&v.value, &quote!(value), &path, ir);
            (!inner.is_empty()).then(|| (quote!(#ident::#variant(value)), inner))
        })
        .collect();
    let body = if arms.is_empty() {
        TokenStream::new()
    } else if let [(pattern, inner)] = arms.as_slice() {
        quote!(if let #pattern = self { #inner })
    } else {
        let arms = arms.iter().map(|(pattern, inner)| quote!(#pattern => { #inner }));
        quote! {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                _ => {}
            }
        }
    };
    validate_fns(ident, body)
}

/// `validate` (public) and `validate_into` (crate) around a body of checks.
fn validate_fns(ident: &crate::names::RustIdent, body: TokenStream) -> TokenStream {
    let (path_arg, violations_arg) = if body.is_empty() {
        (quote!(_path), quote!(_violations))
    } else {
        (quote!(path), quote!(violations))
    };
    quote! {
        impl #ident {
            /// Checks the constraints of the model (`@required`, `@length`,
            /// `@range`, `@pattern`) here and in every nested value, and
            /// returns all violations, each with its member path.
            pub fn validate(&self) -> ::std::result::Result<(), crate::error::ValidationError> {
                let mut violations = ::std::vec::Vec::new();
                self.validate_into(&crate::error::Path::Root, &mut violations);
                crate::error::ValidationError::check(violations)
            }

            pub(crate) fn validate_into(
                &self,
                #path_arg: &crate::error::Path<'_>,
                #violations_arg: &mut ::std::vec::Vec<crate::error::ConstraintViolation>,
            ) {
                #body
            }
        }
    }
}

/// Checks for one value (`value` is a reference to it, `path` a `&str`
/// expression naming it); empty when nothing can be violated.
fn check(elem: &Element, value: &TokenStream, path: &TokenStream, ir: &CrateIr) -> TokenStream {
    let mut out = TokenStream::new();
    let c = &elem.constraints;
    let push = |rule: TokenStream| quote!(violations.push(crate::error::ConstraintViolation::new(#path, crate::error::Rule::#rule)););
    if let Some((min, max)) = c.length {
        // Smithy counts characters (code points) of strings, and the wire
        // value of an enum.
        let len = match elem.ty {
            ValueType::String => quote!(#value.chars().count() as u64),
            ValueType::Enum(_) => quote!(#value.as_str().chars().count() as u64),
            ValueType::IntEnum(_) => quote!(#value.as_i32().to_string().len() as u64),
            ValueType::Blob => quote!(#value.as_bytes().len() as u64),
            _ => quote!(#value.len() as u64),
        };
        let mut checks = TokenStream::new();
        // A minimum of 0 holds for every length.
        if let Some(min) = min.filter(|m| *m > 0) {
            let rule = push(quote!(LengthBelow { length, min: #min }));
            checks.extend(quote!(if length < #min { #rule }));
        }
        if let Some(max) = max {
            let rule = push(quote!(LengthAbove { length, max: #max }));
            checks.extend(quote!(if length > #max { #rule }));
        }
        if !checks.is_empty() {
            out.extend(quote!({ let length = #len; #checks }));
        }
    }
    if let Some((min, max)) = &c.range {
        // An intEnum is compared by its wire value.
        let (number, text) = match elem.ty {
            ValueType::IntEnum(_) => (quote!(#value.as_i32()), quote!(#value.as_i32().to_string())),
            _ => (quote!(*#value), quote!(#value.to_string())),
        };
        if let Some(min) = min {
            let (lit, shown) = (number_literal(min.value), &min.text);
            let rule = push(quote!(RangeBelow { value: #text, min: #shown }));
            out.extend(quote!(if #number < #lit { #rule }));
        }
        if let Some(max) = max {
            let (lit, shown) = (number_literal(max.value), &max.text);
            let rule = push(quote!(RangeAbove { value: #text, max: #shown }));
            out.extend(quote!(if #number > #lit { #rule }));
        }
    }
    if let Some(index) = c.pattern {
        let pattern = &ir.patterns[index].source;
        let rule = push(quote!(Pattern { pattern: #pattern }));
        out.extend(quote!(if !crate::validation::matches(#index, #value) { #rule }));
    }
    match &elem.ty {
        ValueType::Struct(target) | ValueType::Union(target) if ir.validated.contains(target) => {
            out.extend(quote!(#value.validate_into(#path, violations);))
        }
        ValueType::List { item, sparse } => {
            let inner = check(item, &quote!(item), &quote!(&item_path), ir);
            if !inner.is_empty() {
                let inner = if *sparse {
                    quote!(if let ::std::option::Option::Some(item) = item { #inner })
                } else {
                    inner
                };
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let item_path = crate::error::Path::Index(#path, index);
                        #inner
                    }
                });
            }
        }
        ValueType::Map {
            key,
            value: val,
            sparse,
        } => {
            let key_check = check(key, &quote!(key), &quote!(&key_path), ir);
            let value_check = check(val, &quote!(entry), &quote!(&entry_path), ir);
            if !key_check.is_empty() || !value_check.is_empty() {
                let key_path = (!key_check.is_empty())
                    .then(|| quote!(let key_path = crate::error::Path::Key(#path, key.as_str());));
                let value_check = if value_check.is_empty() {
                    value_check
                } else if *sparse {
                    quote! {
                        if let ::std::option::Option::Some(entry) = entry {
                            let entry_path = crate::error::Path::Entry(#path, key.as_str());
                            #value_check
                        }
                    }
                } else {
                    quote! {
                        let entry_path = crate::error::Path::Entry(#path, key.as_str());
                        #value_check
                    }
                };
                let entry = if value_check.is_empty() {
                    quote!(_entry)
                } else {
                    quote!(entry)
                };
                out.extend(quote! {
                    for (key, #entry) in #value.iter() {
                        #key_path
                        #key_check
                        #value_check
                    }
                });
            }
        }
        _ => {}
    }
    out
}

/// A `@range` bound as a literal the member's type takes: integers
/// unsuffixed, floats with a decimal point.
fn number_literal(value: BoundValue) -> Literal {
    match value {
        BoundValue::Integer(n) => Literal::i64_unsuffixed(n),
        BoundValue::Float(x) => Literal::f64_unsuffixed(x),
    }
}

/// The pattern table: `matches(index, value)`, each pattern compiled once,
/// on first use, by the runtime's Java-syntax engine (`crate::pattern`,
/// re-exported or vendored).
/// Emitted only when the model has patterns (see `runtime::add`).
pub fn patterns_module(ir: &CrateIr) -> TokenStream {
    let count = proc_macro2::Literal::usize_unsuffixed(ir.patterns.len());
    let patterns = ir.patterns.iter().map(|p| &p.source);
    quote! {
        /// The `@pattern` regexes of the model, in first-use order.
        const PATTERNS: [&str; #count] = [#(#patterns),*];

        static COMPILED: [::std::sync::OnceLock<crate::pattern::Pattern>; #count] =
            [const { ::std::sync::OnceLock::new() }; #count];

        /// Whether `value` matches pattern number `index` (Java's
        /// `Matcher.find()`: the pattern is not implicitly anchored, as
        /// Smithy specifies). A search that exceeds the engine's step budget counts
        /// as no match, so a pathological value is rejected, not hung on.
        pub(crate) fn matches(index: usize, value: &str) -> bool {
            COMPILED[index]
                .get_or_init(|| {
                    crate::pattern::Pattern::new(PATTERNS[index])
                        .expect("shapesmith compiled this pattern with the same engine")
                })
                .is_match(value)
        }
    }
}
