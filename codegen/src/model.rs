//! Typed view of a Smithy 2.0 JSON AST model.
//!
//! This is the first stage of the pipeline: it only parses. Nothing here
//! decides a Rust name or a wire rule; [`crate::resolve`] does that.
//!
//! Every shape type of the specification is represented. Traits are kept as
//! raw JSON values keyed by their absolute shape id, so traits shapesmith does
//! not use survive parsing untouched.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
pub use crate::shape_id::{unit_id, ShapeId};

/// A parsed Smithy model: the `shapes` of a JSON AST document.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The `smithy` version string of the document (for example `"2.0"`).
    pub version: String,
    /// Every shape, keyed by absolute shape id.
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// SHA-256 of the model file's bytes, in hex: which model a crate came from.
    pub sha256: String,
}

/// The traits applied to a shape or member, keyed by absolute trait id.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Traits(pub BTreeMap<String, Value>);

/// Trait ids shapesmith understands.
pub mod trait_ids {
    #![allow(missing_docs)]
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const INPUT: &str = "smithy.api#input";
    pub const ERROR: &str = "smithy.api#error";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const LENGTH: &str = "smithy.api#length";
    pub const RANGE: &str = "smithy.api#range";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ENUM: &str = "smithy.api#enum";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
    pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const REST_JSON_1: &str = "aws.protocols#restJson1";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const STREAMING: &str = "smithy.api#streaming";
}

impl Traits {
    /// The raw value of a trait, if applied.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether a trait is applied.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// The `@documentation` text, if any.
    pub fn documentation(&self) -> Option<&str> {
        self.get(trait_ids::DOCUMENTATION).and_then(Value::as_str)
    }
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeRef {
    /// The referenced shape.
    pub target: ShapeId,
}

/// A member of an aggregate shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The shape the member targets.
    pub target: ShapeId,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// Every shape type of the Smithy 2.0 specification.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Shape {
    /// `blob`
    Blob(Simple),
    /// `boolean`
    Boolean(Simple),
    /// `string`
    String(Simple),
    /// `byte`
    Byte(Simple),
    /// `short`
    Short(Simple),
    /// `integer`
    Integer(Simple),
    /// `long`
    Long(Simple),
    /// `float`
    Float(Simple),
    /// `double`
    Double(Simple),
    /// `bigInteger`
    BigInteger(Simple),
    /// `bigDecimal`
    BigDecimal(Simple),
    /// `timestamp`
    Timestamp(Simple),
    /// `document`
    Document(Simple),
    /// `enum`: string values named by members.
    Enum(Aggregate),
    /// `intEnum`: integer values named by members.
    IntEnum(Aggregate),
    /// `list`
    List(ListShape),
    /// `set` (Smithy 1.0; a list with unique items)
    Set(ListShape),
    /// `map`
    Map(MapShape),
    /// `structure`
    Structure(Aggregate),
    /// `union`
    Union(Aggregate),
    /// `service`
    Service(ServiceShape),
    /// `operation`
    Operation(OperationShape),
    /// `resource`
    Resource(ResourceShape),
}

/// A simple shape: only traits.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A shape with named members: structure, union, enum and intEnum.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    /// Members in model order.
    #[serde(default)]
    pub members: OrderedMembers,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// Members in the order the model lists them (the order of the wire output).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderedMembers(pub Vec<(String, Member)>);

impl<'de> Deserialize<'de> for OrderedMembers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OrderedMembers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of members")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members: Vec<(String, Member)> = Vec::new();
                while let Some((name, member)) = map.next_entry::<String, Member>()? {
                    if members.iter().any(|(n, _)| *n == name) {
                        return Err(serde::de::Error::custom(format_args!(
                            "member `{name}` is defined twice"
                        )));
                    }
                    members.push((name, member));
                }
                Ok(OrderedMembers(members))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// `list` and `set`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListShape {
    /// The element member.
    pub member: Member,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// `map`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    /// The key member (always a string shape).
    pub key: Member,
    /// The value member.
    pub value: Member,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// `service`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceShape {
    /// The service version.
    #[serde(default)]
    pub version: Option<String>,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<ShapeRef>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<ShapeRef>,
    /// Errors every operation can return.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Shape renames that disambiguate the service closure.
    #[serde(default)]
    pub rename: BTreeMap<ShapeId, String>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// `operation`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationShape {
    /// The input structure (`smithy.api#Unit` when absent).
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// The output structure (`smithy.api#Unit` when absent).
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Errors the operation can return.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// `resource`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceShape {
    /// Identifier names and their target shapes.
    #[serde(default)]
    pub identifiers: BTreeMap<String, ShapeRef>,
    /// Property names and their target shapes.
    #[serde(default)]
    pub properties: BTreeMap<String, ShapeRef>,
    /// Lifecycle operation `create`.
    #[serde(default)]
    pub create: Option<ShapeRef>,
    /// Lifecycle operation `put`.
    #[serde(default)]
    pub put: Option<ShapeRef>,
    /// Lifecycle operation `read`.
    #[serde(default)]
    pub read: Option<ShapeRef>,
    /// Lifecycle operation `update`.
    #[serde(default)]
    pub update: Option<ShapeRef>,
    /// Lifecycle operation `delete`.
    #[serde(default)]
    pub delete: Option<ShapeRef>,
    /// Lifecycle operation `list`.
    #[serde(default)]
    pub list: Option<ShapeRef>,
    /// Instance operations.
    #[serde(default)]
    pub operations: Vec<ShapeRef>,
    /// Collection operations.
    #[serde(default)]
    pub collection_operations: Vec<ShapeRef>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<ShapeRef>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (not supported: models must be flattened).
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

impl ResourceShape {
    /// Every operation bound to the resource, lifecycle ones first.
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeRef> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

impl Shape {
    /// The shape type as the JSON AST spells it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
        }
    }

    /// Traits applied to the shape itself.
    pub fn traits(&self) -> &Traits {
        self.traits_and_mixins().0
    }

    fn mixins(&self) -> &[ShapeRef] {
        self.traits_and_mixins().1
    }

    /// The two fields every shape type has.
    fn traits_and_mixins(&self) -> (&Traits, &[ShapeRef]) {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => (&s.traits, &s.mixins),
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => (&a.traits, &a.mixins),
            Shape::List(l) | Shape::Set(l) => (&l.traits, &l.mixins),
            Shape::Map(m) => (&m.traits, &m.mixins),
            Shape::Service(s) => (&s.traits, &s.mixins),
            Shape::Operation(o) => (&o.traits, &o.mixins),
            Shape::Resource(r) => (&r.traits, &r.mixins),
        }
    }

    /// Every shape this shape refers to, with the place of the reference
    /// (member name or property) for error messages.
    pub fn references(&self) -> Vec<(String, &ShapeId)> {
        fn all<'a>(what: &str, list: &'a [ShapeRef]) -> impl Iterator<Item = (String, &'a ShapeId)> + 'a {
            let what = what.to_owned();
            list.iter().map(move |r| (what.clone(), &r.target))
        }
        let mut refs: Vec<(String, &ShapeId)> = Vec::new();
        match self {
            Shape::Structure(a) | Shape::Union(a) => {
                for (name, m) in &a.members.0 {
                    refs.push((format!("member `{name}`"), &m.target));
                }
            }
            Shape::List(l) | Shape::Set(l) => refs.push(("member `member`".into(), &l.member.target)),
            Shape::Map(m) => {
                refs.push(("member `key`".into(), &m.key.target));
                refs.push(("member `value`".into(), &m.value.target));
            }
            Shape::Service(s) => {
                refs.extend(all("operations", &s.operations));
                refs.extend(all("resources", &s.resources));
                refs.extend(all("errors", &s.errors));
            }
            Shape::Operation(o) => {
                if let Some(i) = &o.input {
                    refs.push(("input".into(), &i.target));
                }
                if let Some(out) = &o.output {
                    refs.push(("output".into(), &out.target));
                }
                refs.extend(all("errors", &o.errors));
            }
            Shape::Resource(r) => {
                for op in r.all_operations() {
                    refs.push(("operations".into(), &op.target));
                }
                refs.extend(all("resources", &r.resources));
            }
            _ => {}
        }
        refs
    }
}

/// Simple shapes of the `smithy.api` prelude that models target without defining.
fn prelude_shape(id: &ShapeId) -> Option<Shape> {
    if id.namespace() != "smithy.api" {
        return None;
    }
    let simple = Simple::default;
    let shape = match id.name() {
        "String" => Shape::String(simple()),
        "Blob" => Shape::Blob(simple()),
        "BigInteger" => Shape::BigInteger(simple()),
        "BigDecimal" => Shape::BigDecimal(simple()),
        "Timestamp" => Shape::Timestamp(simple()),
        "Document" => Shape::Document(simple()),
        "Boolean" | "PrimitiveBoolean" => Shape::Boolean(simple()),
        "Byte" | "PrimitiveByte" => Shape::Byte(simple()),
        "Short" | "PrimitiveShort" => Shape::Short(simple()),
        "Integer" | "PrimitiveInteger" => Shape::Integer(simple()),
        "Long" | "PrimitiveLong" => Shape::Long(simple()),
        "Float" | "PrimitiveFloat" => Shape::Float(simple()),
        "Double" | "PrimitiveDouble" => Shape::Double(simple()),
        "Unit" => Shape::Structure(Aggregate::default()),
        _ => return None,
    };
    Some(shape)
}

impl Model {
    /// Reads and parses a model file.
    pub fn load(path: &Path) -> Result<Model, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Model::parse(&text, path)
    }

    /// Parses JSON AST text; `path` names the file in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Model, Error> {
        let document: Value = serde_json::from_str(text).map_err(|source| Error::Json {
            path: path.to_owned(),
            source,
        })?;
        let Value::Object(mut document) = document else {
            return Err(Error::model(
                path,
                None,
                "the top level must be a JSON object with `smithy` and `shapes`",
            ));
        };
        let version = match document.remove("smithy") {
            Some(Value::String(v)) => v,
            Some(other) => {
                return Err(Error::model(
                    path,
                    None,
                    format!("`smithy` must be a version string, found {other}"),
                ))
            }
            None => {
                return Err(Error::model(
                    path,
                    None,
                    "has no `smithy` version; is this a Smithy JSON AST model?",
                ))
            }
        };
        let raw_shapes = match document.remove("shapes") {
            Some(Value::Object(shapes)) => shapes,
            None => serde_json::Map::new(),
            Some(_) => {
                return Err(Error::model(
                    path,
                    None,
                    "`shapes` must be a JSON object keyed by shape id",
                ))
            }
        };
        if !version.starts_with('1') && !version.starts_with('2') {
            return Err(Error::model(
                path,
                None,
                format!("unsupported Smithy version `{version}`"),
            ));
        }
        let mut shapes = BTreeMap::new();
        for (id_text, value) in raw_shapes {
            let id = ShapeId::parse(&id_text)
                .filter(|id| !id.as_str().contains('$'))
                .ok_or_else(|| Error::model(path, None, format!("`{id_text}` is not an absolute shape id")))?;
            let shape = parse_shape(value).map_err(|message| Error::model(path, Some(&id), message))?;
            if !shape.mixins().is_empty() {
                return Err(Error::model(
                    path,
                    Some(&id),
                    "uses mixins; shapesmith reads flattened JSON AST models (as `smithy build` writes them)",
                ));
            }
            shapes.insert(id, shape);
        }
        let sha256 = {
            use sha2::Digest;
            sha2::Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let model = Model {
            version,
            shapes,
            sha256,
        };
        model.check_references(path)?;
        Ok(model)
    }

    /// Looks up a shape, including the simple shapes of the prelude.
    pub fn shape(&self, id: &ShapeId) -> Option<std::borrow::Cow<'_, Shape>> {
        match self.shapes.get(id) {
            Some(shape) => Some(std::borrow::Cow::Borrowed(shape)),
            None => prelude_shape(id).map(std::borrow::Cow::Owned),
        }
    }

    /// Every reference must resolve, so later stages can look shapes up freely.
    fn check_references(&self, path: &Path) -> Result<(), Error> {
        for (id, shape) in &self.shapes {
            for (place, target) in shape.references() {
                if self.shape(target).is_none() {
                    return Err(Error::model(
                        path,
                        Some(id),
                        format!("{place} targets `{target}`, which is not defined in the model"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Parses one shape, turning serde's message into one that names the problem.
fn parse_shape(value: Value) -> Result<Shape, String> {
    let type_name = match value.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(other) => return Err(format!("`type` must be a string, found {other}")),
        None => return Err("has no `type`".to_owned()),
    };
    const KNOWN: &[&str] = &[
        "blob",
        "boolean",
        "string",
        "byte",
        "short",
        "integer",
        "long",
        "float",
        "double",
        "bigInteger",
        "bigDecimal",
        "timestamp",
        "document",
        "enum",
        "intEnum",
        "list",
        "set",
        "map",
        "structure",
        "union",
        "service",
        "operation",
        "resource",
    ];
    if type_name == "apply" {
        return Err("is an `apply` statement; shapesmith reads flattened models without them".to_owned());
    }
    if !KNOWN.contains(&type_name.as_str()) {
        return Err(format!("has unknown shape type `{type_name}`"));
    }
    serde_json::from_value(value).map_err(|e| format!("is not a valid `{type_name}` shape: {e}"))
}
