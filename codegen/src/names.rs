//! Rust naming rules. The resolver calls these once per shape and member and
//! stores the result in the IR; emitters never derive a name themselves.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// A Rust identifier, raw (`r#type`) where the plain spelling is a keyword.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustIdent {
    base: String,
    raw: bool,
}

impl RustIdent {
    /// The identifier without any `r#` prefix: the stem for derived names
    /// such as `set_type`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// An identifier known to be valid and not a keyword.
    pub(crate) fn plain(base: impl Into<String>) -> RustIdent {
        RustIdent {
            base: base.into(),
            raw: false,
        }
    }

    /// A derived method name such as `set_x`; never a keyword, so never raw.
    pub fn prefixed(&self, prefix: &str) -> Ident {
        Ident::new(&format!("{prefix}{}", self.base), Span::call_site())
    }
}

impl std::fmt::Display for RustIdent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.base)
    }
}

impl ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ident = if self.raw {
            Ident::new_raw(&self.base, Span::call_site())
        } else {
            Ident::new(&self.base, Span::call_site())
        };
        tokens.append(ident);
    }
}

/// Strict and reserved keywords of Rust 2021 and later.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type names that would shadow the prelude (or our own runtime types) for
/// users who glob-import `types::*`; such shapes get a `Value` suffix.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Debug",
    "Hash",
    "Unpin",
    "Self",
];

/// Names a member's field, getter or builder method must not take: methods
/// the generated code defines itself on structures and builders (`builder`,
/// `build`, `validate`, an error's `meta`), trait methods it calls by name
/// and that an inherent method of the same name would shadow (`default` on
/// builders, `clone` on inputs, `into`), and names clippy reserves for the
/// standard traits' methods or iterator-like types (a builder setter
/// `add(self, x) -> Self` reads as `Add::add`; a getter `len` asks for
/// `is_empty`).
const RESERVED_MEMBER_NAMES: &[&str] = &[
    "builder",
    "build",
    "validate",
    "validate_into",
    "meta",
    "default",
    "clone",
    "clone_from",
    "into",
    "from",
    "try_into",
    "try_from",
    "to_owned",
    "to_string",
    "as_ref",
    "as_mut",
    "borrow",
    "borrow_mut",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "fmt",
    "type_id",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "deref",
    "deref_mut",
    "drop",
    "index",
    "index_mut",
    "next",
    "from_str",
    "from_iter",
    "into_iter",
    "iter",
    "iter_mut",
    "len",
    "is_empty",
];

fn ident_from(base: String) -> RustIdent {
    if NOT_RAW.contains(&base.as_str()) {
        RustIdent::plain(format!("{base}_"))
    } else if KEYWORDS.contains(&base.as_str()) {
        RustIdent { base, raw: true }
    } else {
        RustIdent::plain(base)
    }
}

/// Makes text that starts with a digit (or is empty) a valid identifier start.
fn leading(prefix: &str, text: String) -> String {
    match text.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("{prefix}{text}"),
        None => prefix.to_owned(),
        _ => text,
    }
}

/// Converts arbitrary text (enum values such as `AWS::EC2::Instance`) to
/// words heck can case: every run of other characters becomes a separator.
fn words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The type name for a shape name: `UpperCamelCase`, avoiding prelude names.
pub fn type_name(shape_name: &str) -> String {
    let name = leading("Shape", words(shape_name)).to_upper_camel_case();
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The module name for an operation: `snake_case`.
pub fn module_name(shape_name: &str) -> RustIdent {
    ident_from(leading("op_", words(shape_name).to_snake_case()))
}

/// The enum variant for an enum member or value: `UpperCamelCase`.
pub fn variant_name(name: &str) -> RustIdent {
    let name = leading("V", words(name).to_upper_camel_case());
    match name.as_str() {
        // `Unknown` is the variant that keeps values the model does not list.
        "Unknown" => RustIdent::plain("UnknownValue"),
        "Self" => RustIdent::plain("SelfValue"),
        _ => RustIdent::plain(name),
    }
}

/// Field names for the members of one structure, in member order: snake
/// case, keywords made raw, and names that collide after conversion (or with
/// the generated `set_x`/`get_x`/`build` methods) made unique.
// The resolver always has names to reserve; the tests check the plain case.
#[cfg(test)]
pub fn field_names<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<RustIdent> {
    field_names_reserving(members, &[])
}

/// [`field_names`], also keeping clear of `reserved` (fields the generator
/// adds itself, such as an error's `meta`).
pub fn field_names_reserving<'a>(members: impl IntoIterator<Item = &'a str>, reserved: &[&str]) -> Vec<RustIdent> {
    let mut taken: BTreeSet<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut out: Vec<RustIdent> = Vec::new();
    for member in members {
        let mut base = leading("member_", words(member).to_snake_case());
        if RESERVED_MEMBER_NAMES.contains(&base.as_str()) || reserved.contains(&base.as_str()) {
            base.push_str("_value");
        }
        let stem = base.clone();
        let mut n = 2;
        while taken.contains(&base) {
            base = format!("{stem}_{n}");
            n += 1;
        }
        taken.insert(base.clone());
        out.push(ident_from(base));
    }
    // A member `SetX` beside a member `X` would give two methods `set_x`.
    let bases: BTreeSet<String> = out.iter().map(|i| i.base.clone()).collect();
    for ident in &mut out {
        let clashes = ["set_", "get_"]
            .iter()
            .any(|p| ident.base.strip_prefix(p).is_some_and(|rest| bases.contains(rest)));
        if clashes {
            ident.base.push_str("_value");
        }
    }
    out
}

/// Makes each name in `names` unique by numbering repeats, in order.
pub fn dedupe(names: &mut [String], taken: &mut BTreeSet<String>) {
    for name in names.iter_mut() {
        let stem = name.clone();
        let mut n = 2;
        while taken.contains(name.as_str()) {
            *name = format!("{stem}{n}");
            n += 1;
        }
        taken.insert(name.clone());
    }
}

/// The standard library's `(module, item)` pairs whose item Rust's prelude
/// names: generated code writes them in full, or short where no generated
/// item takes the name (`emit::std_paths`).
pub const STD_PRELUDE: &[(&str, &str)] = &[
    ("option", "Option"),
    ("result", "Result"),
    ("string", "String"),
    ("vec", "Vec"),
    ("boxed", "Box"),
    ("clone", "Clone"),
    ("marker", "Copy"),
    ("default", "Default"),
    ("cmp", "PartialEq"),
    ("cmp", "Eq"),
    ("cmp", "PartialOrd"),
    ("cmp", "Ord"),
    ("convert", "Into"),
    ("convert", "From"),
    ("convert", "AsRef"),
];

/// The variants of `Option` and `Result` that the prelude names too.
pub const STD_PRELUDE_VARIANTS: &[(&str, &str)] = &[
    ("Option", "Some"),
    ("Option", "None"),
    ("Result", "Ok"),
    ("Result", "Err"),
];

/// Every prelude name `emit::std_paths` writes, which no generated item may
/// take for the short paths to be used.
pub fn std_prelude_names() -> impl Iterator<Item = &'static str> {
    STD_PRELUDE
        .iter()
        .map(|(_, name)| *name)
        .chain(STD_PRELUDE_VARIANTS.iter().map(|(_, v)| *v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_avoid_the_prelude() {
        assert_eq!(type_name("String"), "StringValue");
        assert_eq!(type_name("Session"), "Session");
        assert_eq!(type_name("S3OutputUrl"), "S3OutputUrl");
        assert_eq!(type_name("3Things"), "Shape3Things");
    }

    #[test]
    fn fields_handle_keywords_and_collisions() {
        let names = field_names(["Type", "type", "Self", "SessionId", "Build", "X", "SetX"]);
        let shown: Vec<String> = names.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "r#type",
                "type_2",
                "self_",
                "session_id",
                "build_value",
                "x",
                "set_x_value"
            ]
        );
    }

    #[test]
    fn variants_from_values_that_are_not_identifiers() {
        assert_eq!(variant_name("AWS::EC2::Instance").to_string(), "AwsEc2Instance");
        assert_eq!(variant_name("Intelligent-Tiering").to_string(), "IntelligentTiering");
        assert_eq!(variant_name("ACCESS_TYPE").to_string(), "AccessType");
        assert_eq!(variant_name("UNKNOWN").to_string(), "UnknownValue");
        assert_eq!(variant_name("1").to_string(), "V1");
    }
}
