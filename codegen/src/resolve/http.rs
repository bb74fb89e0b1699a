//! restJson1's HTTP bindings: where each member of an input, output or
//! error goes (`@httpLabel`, `@httpQuery`, `@httpHeader`...), its JSON key
//! (`@jsonName`), and an operation's `@http` method, URI and status.

use serde_json::Value;

use super::{Placement, Resolver};
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Member, Shape, ShapeId};

impl Resolver<'_> {
    /// The member's name in the body codec's messages: its `@jsonName`
    /// where the JSON codec honours it, else its name. The codecs to come
    /// decide theirs here too (`xmlName`, `ec2QueryName`).
    pub(super) fn wire_name(
        &self,
        at: &ShapeId,
        name: &str,
        member: &Member,
        placement: &Placement,
    ) -> Result<String, Error> {
        let BodyCodec::Json { json_names: true, .. } = placement.wire.codec else {
            return Ok(name.to_owned());
        };
        match member.traits.get(t::JSON_NAME) {
            None => Ok(name.to_owned()),
            Some(Value::String(json)) if !json.is_empty() => Ok(json.clone()),
            Some(other) => Err(self.err(at, format!("has a @jsonName that is not a non-empty string: {other}"))),
        }
    }

    /// Where a member of an input, output or error goes. Traits that do not
    /// apply to the structure's role are ignored, as the spec says: an
    /// output's `@httpQuery` member is read from the body, an input's
    /// `@httpResponseCode` member is sent in it.
    pub(super) fn http_binding(
        &self,
        at: &ShapeId,
        member: &Member,
        ty: &ValueType,
        role: StructRole,
    ) -> Result<HttpBinding, Error> {
        let traits = &member.traits;
        let input = role == StructRole::Input;
        let text_arg = |trait_id: &str| -> Result<String, Error> {
            match traits.get(trait_id) {
                Some(Value::String(name)) if !name.is_empty() => Ok(name.clone()),
                other => Err(self.err(
                    at,
                    format!(
                        "has a @{} trait that is not a non-empty string: {}",
                        trait_id.trim_start_matches("smithy.api#"),
                        other.map(ToString::to_string).unwrap_or_default()
                    ),
                )),
            }
        };
        if traits.has(t::HTTP_LABEL) && input {
            self.check_scalar(at, ty, "@httpLabel")?;
            return Ok(HttpBinding::Label {
                format: self.location_format(member, TimestampFormat::DateTime)?,
            });
        }
        if traits.has(t::HTTP_QUERY) && input {
            self.check_scalar_or_list(at, ty, "@httpQuery")?;
            return Ok(HttpBinding::Query {
                name: text_arg(t::HTTP_QUERY)?,
                format: self.location_format(member, TimestampFormat::DateTime)?,
            });
        }
        if traits.has(t::HTTP_QUERY_PARAMS) && input {
            let ok = match ty {
                ValueType::Map { value, .. } => match &value.ty {
                    ValueType::List { item, .. } => matches!(item.ty, ValueType::String | ValueType::Enum(_)),
                    other => matches!(other, ValueType::String | ValueType::Enum(_)),
                },
                _ => false,
            };
            if !ok {
                return Err(self.err(
                    at,
                    "has @httpQueryParams but is not a map of strings or lists of strings",
                ));
            }
            return Ok(HttpBinding::QueryParams);
        }
        if traits.has(t::HTTP_HEADER) {
            self.check_scalar_or_list(at, ty, "@httpHeader")?;
            return Ok(HttpBinding::Header {
                name: text_arg(t::HTTP_HEADER)?,
                format: self.location_format(member, TimestampFormat::HttpDate)?,
                base64: matches!(ty, ValueType::String) && self.shape(&member.target)?.traits().has(t::MEDIA_TYPE),
            });
        }
        if traits.has(t::HTTP_PREFIX_HEADERS) {
            let prefix = match traits.get(t::HTTP_PREFIX_HEADERS) {
                Some(Value::String(prefix)) => prefix.clone(),
                other => {
                    return Err(self.err(
                        at,
                        format!(
                            "has an @httpPrefixHeaders trait that is not a string: {}",
                            other.map(ToString::to_string).unwrap_or_default()
                        ),
                    ))
                }
            };
            let ok = matches!(ty, ValueType::Map { value, .. } if matches!(value.ty, ValueType::String));
            if !ok {
                return Err(self.err(at, "has @httpPrefixHeaders but is not a map of strings"));
            }
            return Ok(HttpBinding::PrefixHeaders(prefix));
        }
        if traits.has(t::HTTP_RESPONSE_CODE) && !input {
            if !matches!(ty, ValueType::Integer) {
                return Err(self.err(at, "has @httpResponseCode but is not an integer"));
            }
            return Ok(HttpBinding::ResponseCode);
        }
        if traits.has(t::HTTP_PAYLOAD) {
            return Ok(HttpBinding::Payload(self.payload_kind(
                at,
                member,
                ty,
                "@httpPayload",
            )?));
        }
        Ok(HttpBinding::Body)
    }

    /// Where a member of an event structure goes: `@eventHeader` to a
    /// message header named as the member, `@eventPayload` to the payload,
    /// the others into the payload's JSON object.
    pub(super) fn event_binding(
        &self,
        at: &ShapeId,
        name: &str,
        member: &Member,
        ty: &ValueType,
    ) -> Result<HttpBinding, Error> {
        if member.traits.has("smithy.api#eventHeader") {
            let ok = matches!(
                ty,
                ValueType::Bool
                    | ValueType::Byte
                    | ValueType::Short
                    | ValueType::Integer
                    | ValueType::Long
                    | ValueType::Blob
                    | ValueType::String
                    | ValueType::Enum(_)
                    | ValueType::IntEnum(_)
                    | ValueType::Timestamp(_)
            );
            if !ok {
                return Err(self.err(
                    at,
                    "has @eventHeader but is not a boolean, integer, blob, string or timestamp",
                ));
            }
            return Ok(HttpBinding::Header {
                name: name.to_owned(),
                format: TimestampFormat::EpochSeconds,
                base64: false,
            });
        }
        if member.traits.has("smithy.api#eventPayload") {
            return Ok(HttpBinding::Payload(self.payload_kind(
                at,
                member,
                ty,
                "@eventPayload",
            )?));
        }
        Ok(HttpBinding::Body)
    }

    /// What an `@httpPayload` or `@eventPayload` member holds: a blob
    /// (`@streaming` or not), text, JSON, or an event stream (only an
    /// HTTP payload can be one).
    fn payload_kind(&self, at: &ShapeId, member: &Member, ty: &ValueType, binding: &str) -> Result<PayloadKind, Error> {
        let target = self.shape(&member.target)?;
        let media_type = target.traits().get(t::MEDIA_TYPE).and_then(Value::as_str);
        let streaming = target.traits().has(t::STREAMING);
        Ok(match ty {
            ValueType::Blob => PayloadKind::Blob {
                streaming,
                media_type: media_type.unwrap_or("application/octet-stream").to_owned(),
            },
            ValueType::String | ValueType::Enum(_) => PayloadKind::Text {
                media_type: media_type.unwrap_or("text/plain").to_owned(),
            },
            ValueType::Union(_) if streaming && binding == "@httpPayload" => PayloadKind::EventStream,
            ValueType::Struct(_) | ValueType::Union(_) | ValueType::Document => PayloadKind::Encoded,
            _ => {
                return Err(self.err(
                    at,
                    format!("has {binding} but is not a blob, string, enum, structure, union or document"),
                ))
            }
        })
    }

    /// The timestamp format of a member outside the body: the member's or
    /// its target's `@timestampFormat` (a list's: its member's), else the
    /// location's default.
    fn location_format(&self, member: &Member, default: TimestampFormat) -> Result<TimestampFormat, Error> {
        let mut found = member.traits.get(t::TIMESTAMP_FORMAT).cloned();
        if found.is_none() {
            let target = self.shape(&member.target)?;
            found = target.traits().get(t::TIMESTAMP_FORMAT).cloned();
            if let (None, Shape::List(list) | Shape::Set(list)) = (&found, &*target) {
                found = match list.member.traits.get(t::TIMESTAMP_FORMAT) {
                    Some(format) => Some(format.clone()),
                    None => self
                        .shape(&list.member.target)?
                        .traits()
                        .get(t::TIMESTAMP_FORMAT)
                        .cloned(),
                };
            }
        }
        Ok(match found.as_ref().and_then(Value::as_str) {
            Some("epoch-seconds") => TimestampFormat::EpochSeconds,
            Some("date-time") => TimestampFormat::DateTime,
            Some("http-date") => TimestampFormat::HttpDate,
            // An unknown format was refused when the member's type was read.
            _ => default,
        })
    }

    fn check_scalar(&self, at: &ShapeId, ty: &ValueType, binding: &str) -> Result<(), Error> {
        if is_scalar(ty) {
            Ok(())
        } else {
            Err(self.err(at, format!("has {binding} but is not a simple value")))
        }
    }

    fn check_scalar_or_list(&self, at: &ShapeId, ty: &ValueType, binding: &str) -> Result<(), Error> {
        match ty {
            ValueType::List { item, .. } if is_scalar(&item.ty) => Ok(()),
            ty if is_scalar(ty) => Ok(()),
            _ => Err(self.err(at, format!("has {binding} but is not a simple value or a list of them"))),
        }
    }

    /// An operation's `@http` trait, its labels matched with the input's
    /// `@httpLabel` members (each label names one, each such member
    /// appears once).
    pub(super) fn http_trait(
        &self,
        id: &ShapeId,
        traits: &crate::model::Traits,
        input: &StructIr,
    ) -> Result<HttpIr, Error> {
        let http = traits
            .get(t::HTTP)
            .ok_or_else(|| self.err(id, "has no @http trait, which restJson1 operations need"))?;
        let method = http
            .get("method")
            .and_then(Value::as_str)
            .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic()))
            .ok_or_else(|| self.err(id, "has an @http trait without a method"))?;
        let uri = http
            .get("uri")
            .and_then(Value::as_str)
            .filter(|u| u.starts_with('/'))
            .ok_or_else(|| self.err(id, "has an @http trait whose `uri` does not start with `/`"))?;
        let code = match http.get("code") {
            None => 200,
            Some(code) => code
                .as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .filter(|c| (100..=599).contains(c))
                .ok_or_else(|| self.err(id, format!("has an @http code that is not an HTTP status: {code}")))?,
        };
        let (path_text, query_text) = uri.split_once('?').unwrap_or((uri, ""));
        let mut path = Vec::new();
        let mut rest = path_text;
        let mut used = Vec::new();
        while let Some((text, after)) = rest.split_once('{') {
            let (label, after) = after
                .split_once('}')
                .ok_or_else(|| self.err(id, format!("has an @http uri `{uri}` with an unclosed `{{`")))?;
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            let member = input
                .members
                .iter()
                .position(|m| m.name == name && matches!(m.http, HttpBinding::Label { .. }))
                .ok_or_else(|| {
                    self.err(
                        id,
                        format!("has the URI label `{{{label}}}` in `{uri}`, but no @httpLabel input member `{name}`"),
                    )
                })?;
            if used.contains(&member) {
                return Err(self.err(id, format!("uses the URI label `{name}` twice in `{uri}`")));
            }
            used.push(member);
            if !text.is_empty() {
                path.push(PathPart::Text(text.to_owned()));
            }
            path.push(PathPart::Label { member, greedy });
            rest = after;
        }
        if !rest.is_empty() {
            path.push(PathPart::Text(rest.to_owned()));
        }
        if let Some(unused) = input
            .members
            .iter()
            .enumerate()
            .find(|(i, m)| matches!(m.http, HttpBinding::Label { .. }) && !used.contains(i))
        {
            return Err(self.err(
                id,
                format!(
                    "has the @httpLabel input member `{}`, which its uri `{uri}` does not use",
                    unused.1.name
                ),
            ));
        }
        let query = query_text
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (pair.to_owned(), None),
            })
            .collect();
        Ok(HttpIr {
            method: method.to_owned(),
            path,
            query,
            code,
        })
    }
}

/// A value the URI or a header can carry as text.
fn is_scalar(ty: &ValueType) -> bool {
    !matches!(
        ty,
        ValueType::Document
            | ValueType::Struct(_)
            | ValueType::Union(_)
            | ValueType::List { .. }
            | ValueType::Map { .. }
    )
}
