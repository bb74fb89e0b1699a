//! Validation: `validate()` checks `@required`, `@length`, `@range` and
//! `@pattern` and reports every violation with its member path.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{BoundValue, CrateIr, Element, StructIr, UnionIr, ValueType};

/// Emits `validate` and `validate_into` for a structure.
pub fn structure(s: &StructIr, ir: &CrateIr) -> TokenStream {
    if !ir.sent.contains(&s.path) {
        return TokenStream::new();
    }
    let ident = &s.path.ident;
    let checks: Vec<TokenStream> = s
        .members
        .iter()
        .filter_map(|m| {
            let field = &m.field;
            let wire = &m.name;
            let at = Target::Member(wire);
            let inner = check(&m.value, &quote!(value), &at, ir);
            let missing = at.checker();
            match (m.optional, m.required, inner.is_empty()) {
                (true, true, true) => Some(quote! {
                    if self.#field.is_none() { #missing.missing(); }
                }),
                (true, true, false) => Some(quote! {
                    match &self.#field {
                        ::std::option::Option::Some(value) => { #inner }
                        ::std::option::Option::None => #missing.missing(),
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
    if !ir.sent.contains(&u.path) {
        return TokenStream::new();
    }
    let ident = &u.path.ident;
    let arms: Vec<(TokenStream, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|v| {
            let variant = &v.ident;
            let inner = check(&v.value, &quote!(value), &Target::Member(&v.name), ir);
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

/// Where a checked value sits, relative to the `path` of `validate_into`.
enum Target<'a> {
    /// The member with this wire name.
    Member(&'a str),
    /// The path bound to this local (a list item, a map key or entry).
    Local(TokenStream),
}

impl Target<'_> {
    /// An expression of type `&crate::error::Path`.
    fn path(&self) -> TokenStream {
        match self {
            Target::Member(wire) => quote!(&crate::error::Path::Member(path, #wire)),
            Target::Local(local) => quote!(&#local),
        }
    }

    /// A `crate::error::Check` of the value, to chain checks on.
    fn checker(&self) -> TokenStream {
        match self {
            Target::Member(wire) => quote!(crate::error::Check::member(violations, path, #wire)),
            Target::Local(local) => quote!(crate::error::Check::at(violations, &#local)),
        }
    }
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

/// Checks for one value (`value` is a reference to it, `at` where it
/// sits); empty when nothing can be violated.
fn check(elem: &Element, value: &TokenStream, at: &Target<'_>, ir: &CrateIr) -> TokenStream {
    let mut out = TokenStream::new();
    let c = &elem.constraints;
    let mut chain = TokenStream::new();
    if let Some((min, max)) = c.length {
        // Smithy counts characters (code points) of strings, and the wire
        // value of an enum.
        let len = match elem.ty {
            ValueType::String => quote!(#value.chars().count()),
            ValueType::Enum(_) => quote!(#value.as_str().chars().count()),
            ValueType::IntEnum(_) => quote!(#value.as_i32().to_string().len()),
            ValueType::Blob => quote!(#value.as_bytes().len()),
            _ => quote!(#value.len()),
        };
        // A minimum of 0 holds for every length.
        let min = min.filter(|m| *m > 0);
        if min.is_some() || max.is_some() {
            let min = min.unwrap_or(0);
            let max = match max {
                Some(max) => quote!(::std::option::Option::Some(#max)),
                None => quote!(::std::option::Option::None),
            };
            chain.extend(quote!(.length(#len, #min, #max)));
        }
    }
    if let Some((min, max)) = &c.range {
        // An intEnum is compared by its wire value.
        let number = match elem.ty {
            ValueType::IntEnum(_) => quote!(#value.as_i32()),
            _ => quote!(*#value),
        };
        if let Some(min) = min {
            let (lit, shown) = (number_literal(min.value), &min.text);
            chain.extend(quote!(.range_min(#number, #lit, #shown)));
        }
        if let Some(max) = max {
            let (lit, shown) = (number_literal(max.value), &max.text);
            chain.extend(quote!(.range_max(#number, #lit, #shown)));
        }
    }
    if let Some((pattern, Some(index))) = c
        .pattern
        .and_then(|i| ir.patterns.get(i))
        .map(|p| (&p.source, p.table_index))
    {
        // An enum is checked by its wire value.
        let text = match elem.ty {
            ValueType::Enum(_) => quote!(#value.as_str()),
            _ => quote!(#value),
        };
        chain.extend(quote!(.pattern(crate::validation::matches(#index, #text), #pattern)));
    }
    if !chain.is_empty() {
        let checker = at.checker();
        out.extend(quote!(#checker #chain;));
    }
    match &elem.ty {
        ValueType::Struct(target) | ValueType::Union(target) if ir.validated.contains(target) => {
            let path = at.path();
            out.extend(quote!(#value.validate_into(#path, violations);))
        }
        ValueType::List { item, sparse } => {
            let inner = check(item, &quote!(item), &Target::Local(quote!(item_path)), ir);
            if !inner.is_empty() {
                let inner = if *sparse {
                    quote!(if let ::std::option::Option::Some(item) = item { #inner })
                } else {
                    inner
                };
                let path = at.path();
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
            let key_check = check(key, &quote!(key), &Target::Local(quote!(key_path)), ir);
            let value_check = check(val, &quote!(entry), &Target::Local(quote!(entry_path)), ir);
            if !key_check.is_empty() || !value_check.is_empty() {
                let path = at.path();
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
    let count = proc_macro2::Literal::usize_unsuffixed(ir.checked_patterns().count());
    let patterns = ir.checked_patterns().map(|p| &p.source);
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
