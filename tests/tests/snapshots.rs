//! The public API surface of the generated DescribeSessions crate, from
//! today's model and from the model before the 2025-06-30 AccessType change,
//! as insta snapshots: every public item with its signature (fields, variants,
//! function signatures, trait impls), without bodies or documentation. A model
//! change shows here as a short diff a reviewer can read;
//! `diff tests/tests/snapshots/snapshots__api_before_accesstype.snap tests/tests/snapshots/snapshots__api_describe_sessions.snap`
//! shows the AccessType change as users of the crate see it. The generated
//! code itself is checked byte for byte by `freshness.rs` against
//! `generated/`, its one golden copy.
//!
//! Review changes with `cargo insta review`.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(model: &Path) -> shapesmith::Generated {
    shapesmith::Config::new(model)
        .crate_name("ssm")
        .operation("DescribeSessions")
        .files()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// Attributes that are part of the API (`derive`, `non_exhaustive`,
/// `doc(hidden)`...), without documentation text.
fn api_attrs(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|a| !(a.path().is_ident("doc") && matches!(a.meta, syn::Meta::NameValue(_))));
    attrs.retain(|a| !a.path().is_ident("allow"));
}

/// An empty body, so that a function shows as its signature.
fn empty_block() -> syn::Block {
    syn::parse_quote!({})
}

/// The public items of one file, bodies emptied and docs dropped.
fn surface(file: &syn::File) -> Vec<syn::Item> {
    let mut out = Vec::new();
    for item in &file.items {
        let mut item = item.clone();
        let keep = match &mut item {
            syn::Item::Struct(s) if is_public(&s.vis) => {
                api_attrs(&mut s.attrs);
                for field in s.fields.iter_mut() {
                    api_attrs(&mut field.attrs);
                }
                if let syn::Fields::Named(named) = &mut s.fields {
                    named.named = named.named.clone().into_iter().filter(|f| is_public(&f.vis)).collect();
                }
                true
            }
            syn::Item::Enum(e) if is_public(&e.vis) => {
                api_attrs(&mut e.attrs);
                for variant in &mut e.variants {
                    api_attrs(&mut variant.attrs);
                }
                true
            }
            syn::Item::Fn(f) if is_public(&f.vis) => {
                api_attrs(&mut f.attrs);
                *f.block = empty_block();
                true
            }
            syn::Item::Const(c) if is_public(&c.vis) => {
                api_attrs(&mut c.attrs);
                true
            }
            syn::Item::Type(t) if is_public(&t.vis) => {
                api_attrs(&mut t.attrs);
                true
            }
            syn::Item::Use(u) if is_public(&u.vis) => {
                api_attrs(&mut u.attrs);
                true
            }
            syn::Item::Mod(m) if is_public(&m.vis) => {
                api_attrs(&mut m.attrs);
                true
            }
            syn::Item::Impl(i) => {
                api_attrs(&mut i.attrs);
                let is_trait_impl = i.trait_.is_some();
                i.items.retain_mut(|member| match member {
                    // A trait impl is the trait being implemented, not its body.
                    _ if is_trait_impl => false,
                    syn::ImplItem::Fn(f) if is_public(&f.vis) => {
                        api_attrs(&mut f.attrs);
                        f.block = empty_block();
                        true
                    }
                    syn::ImplItem::Const(c) if is_public(&c.vis) => {
                        api_attrs(&mut c.attrs);
                        true
                    }
                    _ => false,
                });
                is_trait_impl || !i.items.is_empty()
            }
            _ => false,
        };
        if keep {
            out.push(item);
        }
    }
    out
}

/// The crate's API: for each source file, its public items.
fn api(generated: &shapesmith::Generated) -> String {
    let mut out = String::new();
    for (path, text) in &generated.files {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let file: syn::File = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let items = surface(&file);
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("// {}\n", path.display()));
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        }));
        out.push('\n');
    }
    out
}

#[test]
fn api_describe_sessions() {
    let generated = generate(&workspace().join("model/ssm/describe-sessions.json"));
    insta::assert_snapshot!(api(&generated));
}

#[test]
fn api_before_accesstype() {
    let generated = generate(&workspace().join("tests/fixtures/before-accesstype/describe-sessions.json"));
    insta::assert_snapshot!(api(&generated));
}

/// The file list itself is part of the API: a file appearing or vanishing
/// must be a reviewed change too.
#[test]
fn describe_sessions_file_list() {
    let generated = generate(&workspace().join("model/ssm/describe-sessions.json"));
    let list: Vec<String> = generated.files.keys().map(|p| p.display().to_string()).collect();
    insta::assert_snapshot!(list.join("\n"));
}

/// The API a waiter adds (`Waitable`, `wait_until_command_executed`), on
/// the operation that has one, and the crate root's re-export of `waiter`.
#[test]
fn api_get_command_invocation_waiter() {
    let mut generated = shapesmith::Config::new(workspace().join("model/ssm/ssm-2014-11-06.json"))
        .crate_name("ssm-commands")
        .operations(["GetCommandInvocation", "SendCommand"])
        .files()
        .unwrap_or_else(|e| panic!("{e}"));
    generated.files.retain(|path, _| {
        let path = path.to_string_lossy();
        path == "src/lib.rs" || path == "src/operation/get_command_invocation.rs"
    });
    assert_eq!(generated.files.len(), 2, "both files are generated");
    insta::assert_snapshot!(api(&generated));
}
