//! What waiter paths read: a value of a generated type as a JSON-like tree
//! keyed by the model's member names, whatever the protocol writes on the
//! wire (a `@jsonName`, an `xmlName`, a query key...). The Smithy waiters
//! specification evaluates paths over the member names of the input and
//! output, so a path written against the model finds the member whatever
//! the codec calls it.
//!
//! Generated crates implement [`Inspect`] for the structures, unions and
//! enums their waiters can reach; the impls here cover what those hold.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use crate::primitives::{BigDecimal, BigInteger, Blob, DateTime};

/// A value as waiter paths see it.
pub trait Inspect {
    /// The value as a tree: structures are objects keyed by member name
    /// (unset members are `null`, which JMESPath reads like an absent key),
    /// unions objects with their one member, enums their wire value,
    /// timestamps seconds since the epoch, blobs base64 text.
    fn tree(&self) -> Value;
}

/// A structure's (or a union's) members, by model name.
pub fn members<const N: usize>(members: [(&'static str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect::<Map<String, Value>>(),
    )
}

impl<T: Inspect + ?Sized> Inspect for &T {
    fn tree(&self) -> Value {
        (**self).tree()
    }
}

impl<T: Inspect + ?Sized> Inspect for Box<T> {
    fn tree(&self) -> Value {
        (**self).tree()
    }
}

impl<T: Inspect> Inspect for Option<T> {
    fn tree(&self) -> Value {
        self.as_ref().map_or(Value::Null, Inspect::tree)
    }
}

impl<T: Inspect> Inspect for Vec<T> {
    fn tree(&self) -> Value {
        Value::Array(self.iter().map(Inspect::tree).collect())
    }
}

/// Keys are strings or string enums; a key whose tree is not a string
/// (which no generated key type gives) is written as its JSON text.
impl<K: Inspect, V: Inspect> Inspect for BTreeMap<K, V> {
    fn tree(&self) -> Value {
        Value::Object(
            self.iter()
                .map(|(key, value)| {
                    let key = match key.tree() {
                        Value::String(text) => text,
                        other => other.to_string(),
                    };
                    (key, value.tree())
                })
                .collect(),
        )
    }
}

impl Inspect for String {
    fn tree(&self) -> Value {
        Value::String(self.clone())
    }
}

impl Inspect for str {
    fn tree(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl Inspect for bool {
    fn tree(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! integers {
    ($($ty:ty),*) => {$(
        impl Inspect for $ty {
            fn tree(&self) -> Value {
                Value::Number(Number::from(*self))
            }
        }
    )*};
}
integers!(i8, i16, i32, i64);

/// A finite float is a number; NaN and the infinities, which JSON numbers
/// cannot hold, are the strings the AWS protocols write for them.
fn float(value: f64) -> Value {
    match Number::from_f64(value) {
        Some(number) => Value::Number(number),
        None if value.is_nan() => Value::String("NaN".to_owned()),
        None if value > 0.0 => Value::String("Infinity".to_owned()),
        None => Value::String("-Infinity".to_owned()),
    }
}

impl Inspect for f32 {
    fn tree(&self) -> Value {
        float(f64::from(*self))
    }
}

impl Inspect for f64 {
    fn tree(&self) -> Value {
        float(*self)
    }
}

impl Inspect for DateTime {
    fn tree(&self) -> Value {
        float(self.as_secs_f64())
    }
}

impl Inspect for Blob {
    fn tree(&self) -> Value {
        Value::String(crate::primitives::base64_encode(self.as_bytes()))
    }
}

/// Big numbers are JSON number text, so they read as numbers (rounded to a
/// double where they do not fit an integer, as JMESPath compares them).
fn big_number(text: &str) -> Value {
    serde_json::from_str::<Number>(text).map_or_else(|_| Value::String(text.to_owned()), Value::Number)
}

impl Inspect for BigInteger {
    fn tree(&self) -> Value {
        big_number(self.as_str())
    }
}

impl Inspect for BigDecimal {
    fn tree(&self) -> Value {
        big_number(self.as_str())
    }
}

/// A document (`crate::primitives::Document`) is already a tree.
impl Inspect for Value {
    fn tree(&self) -> Value {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_the_waiters_specification_expects() {
        assert_eq!(f64::NAN.tree(), Value::String("NaN".into()));
        assert_eq!(f32::NEG_INFINITY.tree(), Value::String("-Infinity".into()));
        assert_eq!(2.5f64.tree(), serde_json::json!(2.5));
        assert_eq!(Inspect::tree(&Some(7i8)), serde_json::json!(7));
        assert_eq!(Inspect::tree(&None::<String>), Value::Null);
        assert_eq!(Blob::new(b"hi".to_vec()).tree(), serde_json::json!("aGk="));
        let mut map = BTreeMap::new();
        map.insert("k".to_owned(), vec![Box::new(true)]);
        assert_eq!(map.tree(), serde_json::json!({"k": [true]}));
        assert_eq!(
            members([("Name", "x".tree()), ("Size", 3i64.tree())]),
            serde_json::json!({"Name": "x", "Size": 3})
        );
    }

    #[test]
    fn big_numbers_read_as_numbers() {
        let big = "123456789012345678901234567890"
            .parse::<BigInteger>()
            .expect("number text");
        assert!(big.tree().is_number());
        assert_eq!(
            "1.5".parse::<BigDecimal>().expect("number text").tree(),
            serde_json::json!(1.5)
        );
    }
}
