//! IR -> Rust. Each submodule emits one concern with `quote!`; this module
//! assembles their items into a module tree, which [`crate::layout`] turns
//! into files.

mod codec;
mod docs;
mod endpoint;
mod enums;
mod event_stream;
mod manifest;
mod operations;
mod protocol_tests;
mod rest;
mod runtime;
mod std_paths;
mod structures;
mod unions;
mod validation;
mod values;
mod waiters;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{CrateIr, EnumIr, OperationIr, StructIr, TypePath, UnionIr};

pub use manifest::cargo_toml;

/// A module of the generated crate: what its items are and its child
/// modules. Items are references into the IR, turned into tokens only by
/// [`Item::emit`], so that each file can be emitted and formatted on its own
/// thread (token streams cannot cross threads; the IR can).
#[derive(Default)]
pub struct Module<'ir> {
    /// Documentation on the `mod` declaration.
    pub docs: Option<String>,
    /// Whether the module is `pub`.
    pub public: bool,
    /// Items in emission order.
    pub items: Vec<Item<'ir>>,
    /// Child modules by name; a `BTreeMap` so files come out in a stable order.
    pub children: BTreeMap<String, Module<'ir>>,
    /// Compiled only for `cargo test` (`#[cfg(test)]`).
    pub test_only: bool,
    /// `#[doc(hidden)]` on the `mod` declaration.
    pub hidden: bool,
    /// A file copied as it is (a vendored runtime module) instead of items.
    pub verbatim: Option<&'static str>,
}

/// One piece of a module, emitted on demand.
pub enum Item<'ir> {
    /// A structure with its builder, serde impls and validation.
    Structure(&'ir StructIr),
    /// An enum with its serde impls.
    Enum(&'ir EnumIr),
    /// A union with its serde impls and validation.
    Union(&'ir UnionIr),
    /// An operation's marker type, error enum and protocol functions.
    Operation(&'ir OperationIr),
    /// `pub use self::<file>::<Type>;`
    ReExport(&'ir TypePath),
    /// `pub use super::<file>::<Type>Builder;`
    ReExportBuilder(&'ir TypePath),
    /// `MODEL_FILE` and `MODEL_SHA256`.
    ModelConstants,
    /// `pub use` of the traits users bring into scope.
    Prelude,
    /// `pub use ::shapesmith_runtime::...;` for the runtime modules.
    RuntimeReexports,
    /// The `@pattern` table.
    Patterns,
    /// The protocol compliance cases.
    ProtocolTests,
    /// Endpoint parameters and resolution.
    Endpoint,
    /// The model's endpoint test cases.
    EndpointTests,
}

impl Item<'_> {
    /// The item's tokens.
    pub fn emit(&self, ir: &CrateIr) -> Result<TokenStream, crate::error::Error> {
        Ok(match self {
            Item::Structure(s) => {
                let mut items = structures::structure(s);
                items.extend(codec::structure(ir, s));
                items.extend(validation::structure(s, ir));
                items.extend(waiters::inspect_structure(s, ir));
                items
            }
            Item::Enum(e) => {
                let mut items = enums::enumeration(e);
                items.extend(codec::enumeration(ir.service.codec, e));
                items.extend(waiters::inspect_enum(e, ir));
                items
            }
            Item::Union(u) => {
                let mut items = unions::union(u);
                items.extend(codec::union(ir.service.codec, u));
                items.extend(event_stream::union(u, ir));
                items.extend(validation::union(u, ir));
                items.extend(waiters::inspect_union(u, ir));
                items
            }
            Item::Operation(op) => operations::operation(op, ir),
            Item::ReExport(path) => {
                let (file, ident) = (&path.file_module, &path.ident);
                quote!(pub use self::#file::#ident;)
            }
            Item::ReExportBuilder(path) => {
                let (file, builder) = (&path.file_module, path.builder_ident());
                quote!(pub use super::#file::#builder;)
            }
            Item::ModelConstants => runtime::model_constants(ir),
            Item::RuntimeReexports => runtime::reexports(ir),
            Item::Prelude => runtime::prelude(),
            Item::Patterns => validation::patterns_module(ir),
            Item::ProtocolTests => protocol_tests::module(ir)?,
            Item::Endpoint => endpoint::module(ir),
            Item::EndpointTests => endpoint::tests(ir),
        })
    }

    /// A rough measure of how much code the item becomes, to hand the
    /// biggest files to the formatting threads first.
    pub fn weight(&self) -> usize {
        match self {
            Item::Structure(s) => 8 + 4 * s.members.len(),
            Item::Union(u) => 6 + 3 * u.variants.len(),
            Item::Enum(e) => 4 + e.variants.len() / 4,
            Item::Operation(_) => 12,
            Item::Patterns | Item::ProtocolTests | Item::EndpointTests => 50,
            _ => 0,
        }
    }

    /// Emits `items` one after the other.
    pub fn emit_all(items: &[Item<'_>], ir: &CrateIr) -> Result<TokenStream, crate::error::Error> {
        let mut tokens = TokenStream::new();
        for item in items {
            tokens.extend(item.emit(ir)?);
        }
        Ok(if ir.prelude_free {
            std_paths::shorten(tokens)
        } else {
            tokens
        })
    }
}

impl<'ir> Module<'ir> {
    fn child(&mut self, name: &str, public: bool, docs: &str) -> &mut Module<'ir> {
        let module = self.children.entry(name.to_owned()).or_default();
        module.public = public;
        if module.docs.is_none() && !docs.is_empty() {
            module.docs = Some(docs.to_owned());
        }
        module
    }

    /// The module at `path` below this one, created public where missing.
    fn at(&mut self, path: &[crate::names::RustIdent]) -> &mut Module<'ir> {
        let mut module = self;
        for segment in path {
            let docs = module_docs(segment.base());
            module = module.child(&segment.to_string(), true, docs);
        }
        module
    }
}

fn module_docs(name: &str) -> &'static str {
    match name {
        "types" => "Data structures and enums shared by the operations.",
        "error" => "Error structures the service returns.",
        "operation" => "One module per operation, with its input, output and builders.",
        "builders" => "Builders for the structures of the parent module.",
        _ => "",
    }
}

/// Lays the whole crate out as a module tree rooted at the crate root.
pub fn crate_tree(ir: &CrateIr) -> Module<'_> {
    let mut root = Module {
        docs: Some(crate_docs(ir)),
        public: true,
        ..Module::default()
    };
    runtime::add(&mut root, ir);

    for s in &ir.structures {
        place_type(&mut root, &s.path, Item::Structure(s), true);
    }
    for e in &ir.enums {
        place_type(&mut root, &e.path, Item::Enum(e), false);
    }
    for u in &ir.unions {
        place_type(&mut root, &u.path, Item::Union(u), false);
    }
    for op in &ir.operations {
        let module = root.at(&[crate::names::RustIdent::plain("operation"), op.module.clone()]);
        if module.docs.is_none() {
            module.docs = op
                .docs
                .clone()
                .or_else(|| Some(format!("The `{}` operation.", op.name)));
        }
        module.items.push(Item::Operation(op));
    }
    if let Some(endpoint) = &ir.endpoint {
        let docs = format!(
            "Endpoint resolution from {}'s rules in its model: `Params` (region, FIPS, \
             dual-stack, custom endpoint...) to the URL to send requests to.",
            ir.service.name
        );
        let module = root.child("endpoint", true, &docs);
        module.items.push(Item::Endpoint);
        if !endpoint.tests.is_empty() {
            let tests = module.child("tests", false, "");
            tests.test_only = true;
            tests.items.push(Item::EndpointTests);
        }
    }
    if !ir.protocol_tests.is_empty() {
        let tests = root.child("protocol_tests", false, "");
        tests.test_only = true;
        tests.items.push(Item::ProtocolTests);
    }
    root
}

/// Puts a type in its private file module, re-exported from the public
/// module (and its builder from `builders`).
fn place_type<'ir>(root: &mut Module<'ir>, path: &'ir TypePath, item: Item<'ir>, has_builder: bool) {
    let public = root.at(&path.module);
    public.items.push(Item::ReExport(path));
    if has_builder {
        let builders = public.child("builders", true, module_docs("builders"));
        builders.items.push(Item::ReExportBuilder(path));
    }
    public.child(&path.file_module.to_string(), false, "").items.push(item);
}

fn crate_docs(ir: &CrateIr) -> String {
    let title = ir.service.title.clone().unwrap_or_else(|| ir.service.name.clone());
    let mut docs = format!(
        "Types and {} wire format for {title}, generated by shapesmith from `{}`.\n\n\
         Every structure implements serde's `Serialize` and `Deserialize` in the exact wire \
         format, so `serde_json::to_vec(&input)` is a request body and \
         `serde_json::from_slice` parses a response body. The [`json`] module \
         does both faster, with the same bytes, values and errors; the \
         operations' `request` and `parse_response` use it.",
        ir.service.protocol.name(),
        ir.model_file
    );
    if let Some(service_docs) = &ir.service.docs {
        docs.push_str("\n\n# Service\n\n");
        docs.push_str(service_docs);
    }
    docs
}
