//! Short standard-library paths: `Option<T>` for `::std::option::Option<T>`,
//! `Some(x)` for `::std::option::Option::Some(x)`, and so on for the names
//! of Rust's prelude. Emitters write full paths (they hold whatever the
//! model names its shapes); this pass shortens them in a crate where no
//! generated item takes a prelude name ([`crate::ir::CrateIr::prelude_free`]),
//! so the code reads as a person would write it and wraps less.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};

use crate::names::{STD_PRELUDE as PRELUDE, STD_PRELUDE_VARIANTS as VARIANTS};

/// Keywords a type or expression path may follow.
const KEYWORDS: &[&str] = &[
    "as", "box", "break", "const", "dyn", "else", "for", "if", "impl", "in", "let", "match", "move", "mut", "ref",
    "return", "static", "type", "where", "while", "yield",
];

/// `tokens` with the prelude's full paths shortened, in groups too.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while let Some(tree) = trees.get(i) {
        if let Some((name, used)) = prelude_path(&trees[i..], out.last()) {
            out.push(TokenTree::Ident(Ident::new(name, Span::call_site())));
            i += used;
            continue;
        }
        out.push(match tree {
            TokenTree::Group(group) => {
                let mut shortened = Group::new(group.delimiter(), shorten(group.stream()));
                shortened.set_span(group.span());
                TokenTree::Group(shortened)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// At `:: std :: module :: Name` (optionally `:: Variant`), the short name
/// and how many tokens the full path takes.
fn prelude_path(trees: &[TokenTree], before: Option<&TokenTree>) -> Option<(&'static str, usize)> {
    // A leading `::` only: not the tail of a longer path.
    // After a name, `::std` would continue a path (`crate::std::...`);
    // after a keyword (`impl`, `dyn`, `mut`, `as`...) it starts one.
    if matches!(before, Some(TokenTree::Ident(ident)) if !KEYWORDS.contains(&ident.to_string().as_str())) {
        return None;
    }
    let colons = |at: usize| {
        matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == ':')
            && matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
    };
    let ident = |at: usize| match trees.get(at) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    };
    if !(colons(0) && ident(2).as_deref() == Some("std") && colons(3) && colons(6)) {
        return None;
    }
    let (module, item) = (ident(5)?, ident(8)?);
    let &(_, name) = PRELUDE.iter().find(|(m, n)| *m == module && *n == item)?;
    if colons(9) {
        if let Some(variant) = ident(11) {
            if let Some(&(_, short)) = VARIANTS.iter().find(|(ty, v)| *ty == name && *v == variant) {
                return Some((short, 12));
            }
        }
    }
    Some((name, 9))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn prelude_paths_shorten_and_others_stay() {
        let tokens = quote! {
            fn f(x: ::std::option::Option<::std::string::String>) -> ::std::result::Result<(), ::std::fmt::Error> {
                let _ = ::std::option::Option::Some(1);
                let _: ::std::fmt::Result = ::std::result::Result::Ok(());
                let _ = crate::std::option::Option::None;
                [::std::vec::Vec::<u8>::new()];
                let _: &mut ::std::vec::Vec<u8> = &mut ::std::vec::Vec::new();
                fn g(_: impl ::std::convert::Into<::std::string::String>) {}
            }
        };
        let short = super::shorten(tokens).to_string();
        assert_eq!(
            short,
            quote! {
                fn f(x: Option<String>) -> Result<(), ::std::fmt::Error> {
                    let _ = Some(1);
                    let _: ::std::fmt::Result = Ok(());
                    let _ = crate::std::option::Option::None;
                    [Vec::<u8>::new()];
                    let _: &mut Vec<u8> = &mut Vec::new();
                    fn g(_: impl Into<String>) {}
                }
            }
            .to_string()
        );
    }
}
