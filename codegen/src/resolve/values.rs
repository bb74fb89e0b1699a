//! Member values: element types, constraint traits, typed `@range` bounds
//! and decoded `@default`s.

use base64::Engine as _;
use serde_json::Value;

use super::{Placement, Resolver};
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Member, Shape, ShapeId, Traits};

/// A `@range` as the model wrote it, before the member's type is known.
type RawRange = (Option<serde_json::Number>, Option<serde_json::Number>);

impl Resolver<'_> {
    pub(super) fn element(
        &self,
        at: &ShapeId,
        member: &Member,
        placement: &Placement,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<Element, Error> {
        let target = &member.target;
        let shape = self.shape(target)?;
        let (constraints, raw_range) = self.constraints(at, target, &member.traits, shape.traits(), patterns)?;
        let ty = match &*shape {
            Shape::Boolean(_) => ValueType::Bool,
            Shape::Byte(_) => ValueType::Byte,
            Shape::Short(_) => ValueType::Short,
            Shape::Integer(_) => ValueType::Integer,
            Shape::Long(_) => ValueType::Long,
            Shape::Float(_) => ValueType::Float,
            Shape::Double(_) => ValueType::Double,
            Shape::BigInteger(_) => ValueType::BigInteger,
            Shape::BigDecimal(_) => ValueType::BigDecimal,
            Shape::Blob(_) => ValueType::Blob,
            Shape::Document(_) => ValueType::Document,
            Shape::String(s) if s.traits.has(t::ENUM) => ValueType::Enum(placement.paths[target].clone()),
            Shape::String(_) => ValueType::String,
            Shape::Timestamp(s) => {
                let format = member
                    .traits
                    .get(t::TIMESTAMP_FORMAT)
                    .or_else(|| s.traits.get(t::TIMESTAMP_FORMAT))
                    .map(|f| f.as_str().unwrap_or_default())
                    .unwrap_or("epoch-seconds");
                ValueType::Timestamp(match format {
                    "epoch-seconds" => TimestampFormat::EpochSeconds,
                    "date-time" => TimestampFormat::DateTime,
                    "http-date" => TimestampFormat::HttpDate,
                    other => return Err(self.err(at, format!("has an unknown @timestampFormat `{other}`"))),
                })
            }
            Shape::Enum(_) => ValueType::Enum(placement.paths[target].clone()),
            Shape::IntEnum(_) => ValueType::IntEnum(placement.paths[target].clone()),
            Shape::Union(_) => ValueType::Union(placement.paths[target].clone()),
            Shape::Structure(_) => ValueType::Struct(placement.paths[target].clone()),
            Shape::List(l) | Shape::Set(l) => {
                let _guard = self.enter_collection(target)?;
                ValueType::List {
                    item: Box::new(self.element(&target.member("member"), &l.member, placement, patterns)?),
                    sparse: l.traits.has(t::SPARSE),
                }
            }
            Shape::Map(m) => {
                let _guard = self.enter_collection(target)?;
                let key = self.element(&target.member("key"), &m.key, placement, patterns)?;
                if !matches!(key.ty, ValueType::String | ValueType::Enum(_)) {
                    return Err(self.err(target, "has a map key that is not a string shape"));
                }
                let value = self.element(&target.member("value"), &m.value, placement, patterns)?;
                ValueType::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                    sparse: m.traits.has(t::SPARSE),
                }
            }
            other @ (Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_)) => {
                return Err(self.err(
                    at,
                    format!(
                        "targets `{target}`, whose shape type `{}` is not a value",
                        other.type_name()
                    ),
                ))
            }
        };
        let mut constraints = constraints;
        if let Some((min, max)) = raw_range {
            constraints.range = self.range(at, &ty, min, max)?;
        }
        // Smithy's selectors for the two traits: a model that puts them
        // elsewhere would generate a check that does not compile.
        let textual = matches!(ty, ValueType::String | ValueType::Enum(_));
        if constraints.pattern.is_some() && !textual {
            return Err(self.err(
                at,
                format!(
                    "has a @pattern, which applies to strings, on `{target}`, of shape type `{}`",
                    shape.type_name()
                ),
            ));
        }
        let sized = textual
            || matches!(
                ty,
                ValueType::IntEnum(_) | ValueType::Blob | ValueType::List { .. } | ValueType::Map { .. }
            );
        if constraints.length.is_some() && !sized {
            return Err(self.err(
                at,
                format!(
                    "has a @length, which applies to strings, blobs, lists and maps, on `{target}`, of shape type `{}`",
                    shape.type_name()
                ),
            ));
        }
        Ok(Element { ty, constraints })
    }

    /// `@range` bounds as values of the member's type. A bound at the
    /// type's own limit holds for every value, and checking it would be a
    /// comparison rustc flags as useless, so it is dropped; one beyond the
    /// type's limits, or not a whole number for an integer, is a model
    /// error. Big numbers have no Rust type to compare with: their bounds
    /// are not checked, with a warning.
    fn range(
        &self,
        at: &ShapeId,
        ty: &ValueType,
        min: Option<serde_json::Number>,
        max: Option<serde_json::Number>,
    ) -> Result<Option<Range>, Error> {
        let typed = |bound: Option<serde_json::Number>,
                     limit_of: fn((f64, f64)) -> f64|
         -> Result<Option<RangeBound>, Error> {
            let Some(n) = bound else { return Ok(None) };
            let text = n.to_string();
            if let Some((lowest, highest)) = integer_limits(ty) {
                let value = text
                    .parse::<i64>()
                    .ok()
                    .filter(|v| (lowest..=highest).contains(&i128::from(*v)))
                    .ok_or_else(|| {
                        self.err(at, format!("has a @range bound {text} that is not a whole number in the range of its type ({lowest} to {highest})"))
                    })?;
                let at_limit = i128::from(value) == lowest || i128::from(value) == highest;
                return Ok((!at_limit).then_some(RangeBound {
                    text,
                    value: BoundValue::Integer(value),
                }));
            }
            let limits = match ty {
                ValueType::Float => (f64::from(f32::MIN), f64::from(f32::MAX)),
                ValueType::Double => (f64::MIN, f64::MAX),
                _ => unreachable!("range() is only called for numbers"),
            };
            let value = n
                .as_f64()
                .filter(|v| v.is_finite() && (limits.0..=limits.1).contains(v))
                .ok_or_else(|| {
                    self.err(
                        at,
                        format!(
                            "has a @range bound {text} beyond the range of its type ({:e} to {:e})",
                            limits.0, limits.1
                        ),
                    )
                })?;
            let at_limit = value == limit_of(limits);
            Ok((!at_limit).then_some(RangeBound {
                text,
                value: BoundValue::Float(value),
            }))
        };
        match ty {
            ValueType::Byte
            | ValueType::Short
            | ValueType::Integer
            | ValueType::Long
            | ValueType::IntEnum(_)
            | ValueType::Float
            | ValueType::Double => {
                let min = typed(min, |(lowest, _)| lowest)?;
                let max = typed(max, |(_, highest)| highest)?;
                Ok((min.is_some() || max.is_some()).then_some((min, max)))
            }
            ValueType::BigInteger | ValueType::BigDecimal => {
                self.warn(at, "has a @range on a big number, which is not checked (big numbers are kept as exact text, with no Rust type to compare with)");
                Ok(None)
            }
            _ => Err(self.err(at, "has a @range but is not a number")),
        }
    }

    /// Constraint traits: the member's own traits win over its target's.
    /// `@range` comes back as the model's numbers, typed by the caller once
    /// the member's type is known.
    fn constraints(
        &self,
        at: &ShapeId,
        target_id: &ShapeId,
        member: &Traits,
        target: &Traits,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<(Constraints, Option<RawRange>), Error> {
        let pick = |id: &str| member.get(id).or_else(|| target.get(id));
        let bound = |v: &Value, key: &str, which: &str| -> Result<Option<serde_json::Number>, Error> {
            match v.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => Ok(Some(n.clone())),
                Some(other) => Err(self.err(
                    at,
                    format!("has a {which} trait whose `{key}` is {other}, not a number"),
                )),
            }
        };
        let mut out = Constraints::default();
        if let Some(length) = pick(t::LENGTH) {
            let as_u64 = |v: Option<serde_json::Number>, key: &str| -> Result<Option<u64>, Error> {
                v.map(|n| {
                    n.as_u64()
                        .ok_or_else(|| self.err(at, format!("has a @length `{key}` of {n}, not a whole number ≥ 0")))
                })
                .transpose()
            };
            out.length = Some((
                as_u64(bound(length, "min", "@length")?, "min")?,
                as_u64(bound(length, "max", "@length")?, "max")?,
            ));
        }
        let mut range = None;
        if let Some(trait_value) = pick(t::RANGE) {
            range = Some((
                bound(trait_value, "min", "@range")?,
                bound(trait_value, "max", "@range")?,
            ));
        }
        if let Some(pattern) = pick(t::PATTERN) {
            let pattern = pattern
                .as_str()
                .ok_or_else(|| self.err(at, format!("has a @pattern that is not a string: {pattern}")))?;
            if let Err(e) = crate::pattern::Pattern::new(pattern) {
                // A pattern this engine cannot read is no reason to refuse
                // the model: the service checks it anyway.
                let owner = if member.get(t::PATTERN).is_some() {
                    at
                } else {
                    target_id
                };
                self.warn(
                    owner,
                    format!("has a @pattern `{pattern}` that cannot be compiled ({e}); it is not checked"),
                );
                return Ok((out, range));
            }
            out.pattern = Some(match patterns.iter().position(|p| p.source == pattern) {
                Some(i) => i,
                None => {
                    patterns.push(PatternIr {
                        source: pattern.to_owned(),
                        table_index: None,
                    });
                    patterns.len() - 1
                }
            });
        }
        Ok((out, range))
    }

    /// A `@default` must fit the member's type; it is decoded here once.
    pub(super) fn check_default(&self, at: &ShapeId, ty: &ValueType, value: &Value) -> Result<DefaultValue, Error> {
        let integer = |fits: fn(i64) -> bool| value.as_i64().filter(|n| fits(*n)).map(DefaultValue::Integer);
        let decoded = match ty {
            ValueType::Bool => value.as_bool().map(DefaultValue::Bool),
            ValueType::Byte => integer(|n| i8::try_from(n).is_ok()),
            ValueType::Short => integer(|n| i16::try_from(n).is_ok()),
            ValueType::Integer | ValueType::IntEnum(_) => integer(|n| i32::try_from(n).is_ok()),
            ValueType::Long => integer(|_| true),
            ValueType::Float => value
                .as_f64()
                .filter(|f| f.abs() <= f64::from(f32::MAX))
                .map(DefaultValue::Float),
            ValueType::Double => value.as_f64().map(DefaultValue::Float),
            ValueType::String | ValueType::Enum(_) => value.as_str().map(|s| DefaultValue::Text(s.to_owned())),
            ValueType::Blob => match value.as_str() {
                Some(text) => Some(DefaultValue::Bytes(
                    base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| {
                        self.err(
                            at,
                            format!("has a @default of {value}, which is not base64 for a blob: {e}"),
                        )
                    })?,
                )),
                None => None,
            },
            ValueType::Timestamp(_) => value.as_f64().and_then(timestamp_default),
            ValueType::List { .. } => value.as_array().filter(|a| a.is_empty()).map(|_| DefaultValue::Empty),
            ValueType::Map { .. } => value.as_object().filter(|m| m.is_empty()).map(|_| DefaultValue::Empty),
            ValueType::Document => Some(DefaultValue::Document(value.clone())),
            _ => None,
        };
        decoded.ok_or_else(|| {
            self.err(
                at,
                format!("has a @default of {value}, which shapesmith cannot use for this member's type"),
            )
        })
    }
}

/// Epoch seconds (possibly fractional) as whole seconds and nanoseconds,
/// if they fit an `i64` of seconds.
fn timestamp_default(seconds: f64) -> Option<DefaultValue> {
    if !seconds.is_finite() || seconds.abs() >= 9.2e18 {
        return None;
    }
    let secs = seconds.floor();
    let nanos = ((seconds - secs) * 1e9).round();
    // Both casts are in range: checked just above, and 0 <= nanos <= 1e9.
    let (secs, nanos) = (secs as i64, nanos as u32);
    Some(if nanos >= 1_000_000_000 {
        DefaultValue::Timestamp {
            secs: secs.checked_add(1)?,
            nanos: 0,
        }
    } else {
        DefaultValue::Timestamp { secs, nanos }
    })
}

/// The smallest and largest value of an integer type, for `@range` bounds.
fn integer_limits(ty: &ValueType) -> Option<(i128, i128)> {
    Some(match ty {
        ValueType::Byte => (i8::MIN.into(), i8::MAX.into()),
        ValueType::Short => (i16::MIN.into(), i16::MAX.into()),
        ValueType::Integer | ValueType::IntEnum(_) => (i32::MIN.into(), i32::MAX.into()),
        ValueType::Long => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}
