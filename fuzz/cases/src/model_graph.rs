//! Models built from arbitrary shape graphs, for the model reader and the
//! resolver: byte-level mutation of JSON rarely gets past the parser to
//! the cross-shape checks (what an error, a member or a paginator may
//! target), so this target makes well-formed JSON ASTs whose shapes are of
//! every type, whose members, errors and operations target any shape (or
//! none), and whose shapes and members carry any trait with values of any
//! kind. The generator only decides the structure; `arbitrary` reads each
//! decision from the fuzzer's bytes.

use arbitrary::{Result, Unstructured};
use serde_json::{json, Map, Value};

/// Every shape type of the JSON AST.
const TYPES: &[&str] = &[
    "structure",
    "union",
    "list",
    "set",
    "map",
    "string",
    "enum",
    "intEnum",
    "integer",
    "long",
    "short",
    "byte",
    "boolean",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "blob",
    "timestamp",
    "document",
    "operation",
    "service",
    "resource",
];

/// Traits the resolver reads, and a few it does not.
const TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#error",
    "smithy.api#pattern",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#jsonName",
    "smithy.api#httpLabel",
    "smithy.api#httpHeader",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#http",
    "smithy.api#streaming",
    "smithy.api#paginated",
    "smithy.api#sensitive",
    "smithy.api#enumValue",
    "smithy.api#idempotencyToken",
    "smithy.api#timestampFormat",
    "smithy.api#clientOptional",
    "smithy.api#sparse",
    "smithy.api#mediaType",
    "smithy.api#eventHeader",
    "smithy.api#eventPayload",
    "smithy.api#endpoint",
    "smithy.api#hostLabel",
    "smithy.api#retryable",
    "smithy.api#requestCompression",
    "smithy.api#httpChecksumRequired",
    "smithy.api#documentation",
    "smithy.rules#contextParam",
    "smithy.rules#staticContextParams",
    "smithy.rules#operationContextParams",
    "smithy.waiters#waitable",
    "aws.protocols#awsQueryError",
    "example#unknownTrait",
];

/// Protocol traits a service may carry, the unsupported ones too.
const PROTOCOLS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#awsQueryCompatible",
];

/// Names a member or a trait value may use: ordinary, colliding, empty.
const NAMES: &[&str] = &[
    "Name",
    "name",
    "Key",
    "Value",
    "Type",
    "type",
    "NextToken",
    "MaxResults",
    "Items",
    "message",
    "Message",
    "Unknown",
    "meta",
    "self",
    "Self",
    "",
    "a b",
    "1x",
    "__type",
];

fn pick<'a>(u: &mut Unstructured<'_>, from: &[&'a str]) -> Result<&'a str> {
    Ok(from[u.choose_index(from.len())?])
}

/// A shape id: one of the graph's (mostly), a prelude shape, or one not
/// defined.
fn target(u: &mut Unstructured<'_>, shapes: usize) -> Result<String> {
    Ok(match u.int_in_range(0..=49u8)? {
        0 => "smithy.api#Unit".to_owned(),
        1 => "smithy.api#String".to_owned(),
        2 => "smithy.api#Integer".to_owned(),
        3 => "ex#Missing".to_owned(),
        _ => format!("ex#S{}", u.choose_index(shapes.max(1))?),
    })
}

/// A shape of kind `kind` (mostly), else any: the references that usually
/// type-check (an operation's input is a structure), so that models get
/// past the first checks to the later ones.
fn of_kind(u: &mut Unstructured<'_>, kinds: &[&str], kind: &str) -> Result<String> {
    let fitting: Vec<usize> = (0..kinds.len()).filter(|i| kinds[*i] == kind).collect();
    if fitting.is_empty() || u.ratio(1, 8)? {
        return target(u, kinds.len());
    }
    Ok(format!("ex#S{}", fitting[u.choose_index(fitting.len())?]))
}

/// Whether the graph has a shape of `kind`.
fn has(kinds: &[&str], kind: &str) -> bool {
    kinds.contains(&kind)
}

/// A JSON value of any kind, shallow.
fn value(u: &mut Unstructured<'_>, shapes: usize, depth: u8) -> Result<Value> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(u.arbitrary::<i64>()?),
        3 => json!(u.arbitrary::<f64>().map(|f| if f.is_finite() { f } else { 0.5 })?),
        4 => json!(pick(u, NAMES)?),
        5 => json!(pick(
            u,
            &[
                "^[a-z]+$",
                "(",
                "\\d{2,}",
                "[[:alpha:]]",
                "GET",
                "/{Name}",
                "/{Name+}?x=1",
                "epoch-seconds",
                "http-date",
                "client",
                "server"
            ]
        )?),
        6 => json!(target(u, shapes)?),
        7 if depth < 3 => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=3u8)? {
                let key = pick(
                    u,
                    &[
                        "min",
                        "max",
                        "value",
                        "name",
                        "path",
                        "inputToken",
                        "outputToken",
                        "pageSize",
                        "items",
                        "method",
                        "uri",
                        "code",
                        "throttling",
                        "hostPrefix",
                        "encodings",
                    ],
                )?;
                map.insert(key.to_owned(), value(u, shapes, depth + 1)?);
            }
            Value::Object(map)
        }
        8 if depth < 3 => Value::Array(
            (0..u.int_in_range(0..=2u8)?)
                .map(|_| value(u, shapes, depth + 1))
                .collect::<Result<_>>()?,
        ),
        _ => Value::Object(Map::new()),
    })
}

fn traits(u: &mut Unstructured<'_>, shapes: usize) -> Result<Value> {
    let mut map = Map::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        map.insert(pick(u, TRAITS)?.to_owned(), value(u, shapes, 0)?);
    }
    Ok(Value::Object(map))
}

fn members(u: &mut Unstructured<'_>, shapes: usize) -> Result<Value> {
    let mut map = Map::new();
    for _ in 0..u.int_in_range(0..=4u8)? {
        let member = json!({"target": target(u, shapes)?, "traits": traits(u, shapes)?});
        map.insert(pick(u, NAMES)?.to_owned(), member);
    }
    Ok(Value::Object(map))
}

fn references(u: &mut Unstructured<'_>, kinds: &[&str], kind: &str) -> Result<Value> {
    // With no shape of the kind, mostly no reference at all.
    let most = if has(kinds, kind) || u.ratio(1, 8)? { 3 } else { 0 };
    Ok(Value::Array(
        (0..u.int_in_range(0..=most)?)
            .map(|_| Ok(json!({"target": of_kind(u, kinds, kind)?})))
            .collect::<Result<_>>()?,
    ))
}

/// A model: `ex#S0` is a service and `ex#S1` an operation (most of the
/// time), the rest any shape; references mostly fit, traits are anything.
pub fn model(u: &mut Unstructured<'_>) -> Result<Value> {
    let count = u.int_in_range(1..=10usize)?;
    let mut kinds = Vec::with_capacity(count);
    for i in 0..count {
        kinds.push(match i {
            0 if u.ratio(9, 10)? => "service",
            1 if u.ratio(4, 5)? => "operation",
            2 | 3 if u.ratio(4, 5)? => "structure",
            _ => pick(u, TYPES)?,
        });
    }
    let mut shapes = Map::new();
    for (i, kind) in kinds.iter().copied().enumerate() {
        let mut shape = json!({"type": kind, "traits": traits(u, count)?});
        match kind {
            "structure" | "union" | "enum" | "intEnum" => shape["members"] = members(u, count)?,
            "list" | "set" => shape["member"] = json!({"target": target(u, count)?, "traits": traits(u, count)?}),
            "map" => {
                shape["key"] = json!({"target": target(u, count)?});
                shape["value"] = json!({"target": target(u, count)?, "traits": traits(u, count)?});
            }
            "operation" => {
                shape["input"] = json!({"target": of_kind(u, &kinds, "structure")?});
                shape["output"] = json!({"target": of_kind(u, &kinds, "structure")?});
                shape["errors"] = references(u, &kinds, "structure")?;
            }
            "service" => {
                shape["version"] = json!("2024-01-01");
                shape["operations"] = references(u, &kinds, "operation")?;
                shape["resources"] = references(u, &kinds, "resource")?;
                shape["errors"] = references(u, &kinds, "structure")?;
                // A protocol shapesmith speaks, mostly; others and pairs too.
                let protocols = if u.ratio(4, 5)? { &PROTOCOLS[..3] } else { PROTOCOLS };
                shape["traits"][pick(u, protocols)?] = json!({});
                if u.ratio(1, 5)? {
                    shape["traits"][pick(u, PROTOCOLS)?] = json!({});
                }
            }
            "resource" => shape["operations"] = references(u, &kinds, "operation")?,
            _ => {}
        }
        shapes.insert(format!("ex#S{i}"), shape);
    }
    Ok(json!({"smithy": "2.0", "shapes": shapes}))
}
