//! Shape ids, in a module of their own because both the model and the
//! error types name them: keeping them apart from the parser lets
//! `error` and `warning` depend on ids without depending on `model`.

use std::fmt;

use serde::Deserialize;

/// An absolute shape id such as `com.amazonaws.ssm#Session`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parses an absolute shape id (`namespace#Name`, optionally `$member`).
    pub fn parse(text: &str) -> Option<ShapeId> {
        let (namespace, rest) = text.split_once('#')?;
        let name = rest.split_once('$').map_or(rest, |(name, _)| name);
        let valid_ident = |s: &str| {
            let mut chars = s.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        let namespace_ok = !namespace.is_empty() && namespace.split('.').all(valid_ident);
        let member_ok = rest.split_once('$').is_none_or(|(_, m)| valid_ident(m));
        (namespace_ok && valid_ident(name) && member_ok).then(|| ShapeId(text.to_owned()))
    }

    /// The full id as written in the model.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The namespace part, before `#`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The shape name, between `#` and an optional `$member`.
    pub fn name(&self) -> &str {
        let rest = self.0.split_once('#').map_or(self.0.as_str(), |(_, r)| r);
        rest.split_once('$').map_or(rest, |(name, _)| name)
    }

    /// The id of a member of this shape.
    pub fn member(&self, member: &str) -> ShapeId {
        ShapeId(format!("{}${member}", self.0))
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ShapeId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ShapeId::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not an absolute shape id")))
    }
}

/// The `smithy.api#Unit` shape id.
pub fn unit_id() -> ShapeId {
    ShapeId("smithy.api#Unit".to_owned())
}
