//! One side of a diff, indexed: its types by Rust path, its operations by
//! name, and which types each operation reaches.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{CrateIr, EnumIr, OperationIr, StructIr, TypePath, UnionIr, ValueType};
use crate::model::ShapeId;

/// A generated type.
#[derive(Clone, Copy)]
pub(super) enum TypeDef<'a> {
    Struct(&'a StructIr),
    Enum(&'a EnumIr),
    Union(&'a UnionIr),
}

impl<'a> TypeDef<'a> {
    pub(super) fn id(self) -> &'a ShapeId {
        match self {
            TypeDef::Struct(s) => &s.id,
            TypeDef::Enum(e) => &e.id,
            TypeDef::Union(u) => &u.id,
        }
    }

    pub(super) fn path(self) -> &'a TypePath {
        match self {
            TypeDef::Struct(s) => &s.path,
            TypeDef::Enum(e) => &e.path,
            TypeDef::Union(u) => &u.path,
        }
    }

    pub(super) fn docs(self) -> Option<&'a str> {
        match self {
            TypeDef::Struct(s) => s.docs.as_deref(),
            TypeDef::Enum(e) => e.docs.as_deref(),
            TypeDef::Union(u) => u.docs.as_deref(),
        }
    }

    /// What kind of Rust type it is, in words.
    pub(super) fn kind_name(self) -> &'static str {
        match self {
            TypeDef::Struct(_) => "structure",
            TypeDef::Enum(e) if e.int => "integer enum",
            TypeDef::Enum(_) => "enum",
            TypeDef::Union(_) => "union",
        }
    }
}

/// One model, resolved (or not, when none of the selected operations is in
/// it), with the lookups the rules need.
pub(super) struct Index<'a> {
    pub ir: Option<&'a CrateIr>,
    /// Every generated type by Rust path (`crate::types::Session`).
    pub types: BTreeMap<String, TypeDef<'a>>,
    /// The selected operations by shape name.
    pub operations: BTreeMap<&'a str, &'a OperationIr>,
    /// The types each operation reaches through its input, output and
    /// errors, transitively.
    closures: BTreeMap<&'a str, BTreeSet<String>>,
    /// The types some operation input reaches: `validate()` checks their
    /// constraints before a request is sent.
    from_inputs: BTreeSet<String>,
}

impl<'a> Index<'a> {
    pub(super) fn new(ir: Option<&'a CrateIr>) -> Index<'a> {
        let mut types = BTreeMap::new();
        let mut operations = BTreeMap::new();
        if let Some(ir) = ir {
            for s in &ir.structures {
                types.insert(s.path.rust_path(), TypeDef::Struct(s));
            }
            for e in &ir.enums {
                types.insert(e.path.rust_path(), TypeDef::Enum(e));
            }
            for u in &ir.unions {
                types.insert(u.path.rust_path(), TypeDef::Union(u));
            }
            for op in &ir.operations {
                operations.insert(op.name.as_str(), op);
            }
        }
        let mut index = Index {
            ir,
            types,
            operations,
            closures: BTreeMap::new(),
            from_inputs: BTreeSet::new(),
        };
        let mut closures = BTreeMap::new();
        let mut from_inputs = BTreeSet::new();
        for (name, op) in &index.operations {
            let roots = [&op.input, &op.output]
                .into_iter()
                .chain(op.errors.iter().map(|e| &e.path))
                .map(TypePath::rust_path);
            closures.insert(*name, index.closure(roots));
            from_inputs.extend(index.closure([op.input.rust_path()]));
        }
        index.closures = closures;
        index.from_inputs = from_inputs;
        index
    }

    /// The types reachable from `roots` through members, lists, maps and
    /// union members.
    fn closure(&self, roots: impl IntoIterator<Item = String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = roots.into_iter().collect();
        while let Some(key) = stack.pop() {
            if !seen.insert(key.clone()) {
                continue;
            }
            let mut refs = Vec::new();
            match self.types.get(&key) {
                Some(TypeDef::Struct(s)) => s.members.iter().for_each(|m| named_types(&m.value.ty, &mut refs)),
                Some(TypeDef::Union(u)) => u.variants.iter().for_each(|v| named_types(&v.value.ty, &mut refs)),
                Some(TypeDef::Enum(_)) | None => {}
            }
            stack.extend(refs.into_iter().map(TypePath::rust_path));
        }
        seen
    }

    /// The selected operations whose closure holds the type `key`.
    pub(super) fn operations_reaching(&self, key: &str) -> BTreeSet<&'a str> {
        self.closures
            .iter()
            .filter(|(_, types)| types.contains(key))
            .map(|(name, _)| *name)
            .collect()
    }

    pub(super) fn has_operation(&self, name: &str) -> bool {
        self.operations.contains_key(name)
    }

    /// Whether an operation input reaches the type `key`.
    pub(super) fn reached_by_input(&self, key: &str) -> bool {
        self.from_inputs.contains(key)
    }

    /// The model's text of the pattern the IR indexes.
    pub(super) fn pattern(&self, index: usize) -> Option<&'a str> {
        self.ir.and_then(|ir| ir.patterns.get(index)).map(|p| p.source.as_str())
    }
}

/// The generated types a value refers to, through lists and maps.
fn named_types<'a>(ty: &'a ValueType, out: &mut Vec<&'a TypePath>) {
    match ty {
        ValueType::Struct(p) | ValueType::Enum(p) | ValueType::IntEnum(p) | ValueType::Union(p) => out.push(p),
        ValueType::List { item, .. } => named_types(&item.ty, out),
        ValueType::Map { key, value, .. } => {
            named_types(&key.ty, out);
            named_types(&value.ty, out);
        }
        _ => {}
    }
}

/// A value type as Rust code names it, short (`Vec<SessionFilter>`), for
/// people.
pub(super) fn type_text(ty: &ValueType) -> String {
    let option = |inner: String, sparse: bool| if sparse { format!("Option<{inner}>") } else { inner };
    match ty {
        ValueType::Bool => "bool".into(),
        ValueType::Byte => "i8".into(),
        ValueType::Short => "i16".into(),
        ValueType::Integer => "i32".into(),
        ValueType::Long => "i64".into(),
        ValueType::Float => "f32".into(),
        ValueType::Double => "f64".into(),
        ValueType::String => "String".into(),
        ValueType::BigInteger => "BigInteger".into(),
        ValueType::BigDecimal => "BigDecimal".into(),
        ValueType::Blob => "Blob".into(),
        ValueType::Document => "Document".into(),
        ValueType::Timestamp(_) => "DateTime".into(),
        ValueType::Struct(p) | ValueType::Enum(p) | ValueType::IntEnum(p) | ValueType::Union(p) => p.ident.to_string(),
        ValueType::List { item, sparse } => format!("Vec<{}>", option(type_text(&item.ty), *sparse)),
        ValueType::Map { key, value, sparse } => format!(
            "BTreeMap<{}, {}>",
            type_text(&key.ty),
            option(type_text(&value.ty), *sparse)
        ),
    }
}

/// The value type's Rust code with full paths: two values have the same
/// Rust type exactly when these are equal (the wire format, e.g. of a
/// timestamp, is not part of the type; it is compared on its own).
pub(super) fn type_key(ty: &ValueType) -> String {
    ty.tokens().to_string()
}
