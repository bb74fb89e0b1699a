//! Adapters between Rust values and their JSON form (awsJson1_0, awsJson1_1
//! and restJson1 bodies alike), for the types
//! whose serde form is not the wire form: floats (`"NaN"`, `"Infinity"`),
//! timestamps in a non-default format, and lists and maps holding those.
//! Generated `Serialize`/`Deserialize` impls name a marker type per value,
//! e.g. `List<F64>` for a `Vec<f64>`, decided when the crate was generated.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::primitives::DateTime;

/// How values of `Self::Value` are written and read on the wire.
pub trait Wire {
    /// The Rust type.
    type Value;
    /// Writes a value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
}

/// Serializes a borrowed value through the marker `W`.
pub struct Ser<'a, W: Wire>(&'a W::Value, PhantomData<W>);

impl<'a, W: Wire> Ser<'a, W> {
    /// Wraps a value.
    pub fn new(value: &'a W::Value) -> Self {
        Ser(value, PhantomData)
    }
}

impl<W: Wire> Serialize for Ser<'_, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        W::serialize(self.0, serializer)
    }
}

/// Deserializes a value through the marker `W`.
pub struct De<W: Wire>(pub W::Value);

impl<'de, W: Wire> Deserialize<'de> for De<W> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        W::deserialize(deserializer).map(De)
    }
}

/// A value whose serde form is already the wire form.
pub struct Plain<T>(PhantomData<T>);

impl<T: Serialize + DeserializeOwned> Wire for Plain<T> {
    type Value = T;
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Floats: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub struct Float<T>(PhantomData<T>);

/// `f32` on the wire.
pub type F32 = Float<f32>;
/// `f64` on the wire.
pub type F64 = Float<f64>;

/// The float types [`Float`] handles.
pub trait FloatType: Copy {
    /// Widens to `f64`.
    fn to_f64(self) -> f64;
    /// Narrows from `f64`.
    fn from_f64(value: f64) -> Self;
}

impl FloatType for f32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[allow(clippy::cast_possible_truncation)]
    fn from_f64(value: f64) -> f32 {
        value as f32
    }
}

impl FloatType for f64 {
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(value: f64) -> f64 {
        value
    }
}

impl<T: FloatType> Wire for Float<T> {
    type Value = T;
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        let value = value.to_f64();
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value == f64::INFINITY {
            serializer.serialize_str("Infinity")
        } else if value == f64::NEG_INFINITY {
            serializer.serialize_str("-Infinity")
        } else {
            serializer.serialize_f64(value)
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        struct Visitor<T>(PhantomData<T>);
        impl<T: FloatType> serde::de::Visitor<'_> for Visitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number, or \"NaN\", \"Infinity\" or \"-Infinity\"")
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<T, E> {
                Ok(T::from_f64(value))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<T, E> {
                Ok(T::from_f64(value as f64))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<T, E> {
                Ok(T::from_f64(value as f64))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
                match value {
                    "NaN" => Ok(T::from_f64(f64::NAN)),
                    "Infinity" => Ok(T::from_f64(f64::INFINITY)),
                    "-Infinity" => Ok(T::from_f64(f64::NEG_INFINITY)),
                    other => Err(E::invalid_value(serde::de::Unexpected::Str(other), &self)),
                }
            }
        }
        deserializer.deserialize_any(Visitor(PhantomData))
    }
}

/// Timestamps as epoch seconds (the protocol default).
pub struct EpochSeconds;

impl Wire for EpochSeconds {
    type Value = DateTime;
    fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        DateTime::deserialize(deserializer)
    }
}

/// Timestamps as RFC 3339 strings (`@timestampFormat("date-time")`).
pub struct DateTimeString;

impl Wire for DateTimeString {
    type Value = DateTime;
    fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_rfc3339())
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateTime::parse_rfc3339(&text).map_err(D::Error::custom)
    }
}

/// Timestamps as IMF-fixdate strings (`@timestampFormat("http-date")`).
pub struct HttpDate;

impl Wire for HttpDate {
    type Value = DateTime;
    fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_http_date())
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateTime::parse_http_date(&text).map_err(D::Error::custom)
    }
}

/// A dense list: an array without nulls.
pub struct List<W>(PhantomData<W>);

impl<W: Wire> Wire for List<W> {
    type Value = Vec<W::Value>;
    fn serialize<S: Serializer>(value: &Vec<W::Value>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Ser::<W>::new))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<W::Value>, D::Error> {
        let items = Vec::<De<W>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|item| item.0).collect())
    }
}

/// A `@sparse` list: an array whose items may be null.
pub type SparseList<W> = List<Optional<W>>;

/// A dense map: an object without null values.
pub struct Map<K, V>(PhantomData<(K, V)>);

impl<K: Wire, V: Wire> Wire for Map<K, V>
where
    K::Value: Ord,
{
    type Value = BTreeMap<K::Value, V::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (Ser::<K>::new(k), Ser::<V>::new(v))))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        Ok(MapEntries::<K, V>::deserialize(deserializer)?.0)
    }
}

/// A `@sparse` map: an object whose values may be null.
pub type SparseMap<K, V> = Map<K, Optional<V>>;

/// `null` as `None`, for the items of sparse lists and the values of sparse maps.
pub struct Optional<W>(PhantomData<W>);

impl<W: Wire> Wire for Optional<W> {
    type Value = Option<W::Value>;
    fn serialize<S: Serializer>(value: &Option<W::Value>, serializer: S) -> Result<S::Ok, S::Error> {
        value.as_ref().map(Ser::<W>::new).serialize(serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<W::Value>, D::Error> {
        Ok(Option::<De<W>>::deserialize(deserializer)?.map(|v| v.0))
    }
}

/// A JSON object's entries, each side read through its marker, straight
/// into the map (a repeated key keeps its last value).
struct MapEntries<K: Wire, V: Wire>(BTreeMap<K::Value, V::Value>);

impl<'de, K: Wire, V: Wire> Deserialize<'de> for MapEntries<K, V>
where
    K::Value: Ord,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Wire, V: Wire> serde::de::Visitor<'de> for Visitor<K, V>
        where
            K::Value: Ord,
        {
            type Value = MapEntries<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<De<K>, De<V>>()? {
                    entries.insert(key.0, value.0);
                }
                Ok(MapEntries(entries))
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
    }
}

/// The zero value a client fills in when a response lacks a `@required`
/// member (Smithy's client error correction): `false`, `0`, `""`, empty
/// collections and blobs, the epoch, and the unknown variant of enums and
/// unions.
pub trait ErrorCorrection {
    /// The zero value.
    fn corrected() -> Self;
}

macro_rules! zero_values {
    ($($ty:ty),* $(,)?) => {
        $(impl ErrorCorrection for $ty {
            fn corrected() -> Self {
                <$ty>::default()
            }
        })*
    };
}

zero_values!(bool, i8, i16, i32, i64, f32, f64, String);

impl ErrorCorrection for DateTime {
    fn corrected() -> Self {
        DateTime::UNIX_EPOCH
    }
}

impl ErrorCorrection for crate::primitives::Blob {
    fn corrected() -> Self {
        crate::primitives::Blob::new(Vec::new())
    }
}

impl ErrorCorrection for crate::primitives::Document {
    fn corrected() -> Self {
        crate::primitives::Document::Null
    }
}

impl ErrorCorrection for crate::primitives::BigInteger {
    fn corrected() -> Self {
        crate::primitives::BigInteger::from(0)
    }
}

impl ErrorCorrection for crate::primitives::BigDecimal {
    fn corrected() -> Self {
        crate::primitives::BigDecimal::from(0)
    }
}

impl<T> ErrorCorrection for Vec<T> {
    fn corrected() -> Self {
        Vec::new()
    }
}

impl<K, V> ErrorCorrection for BTreeMap<K, V> {
    fn corrected() -> Self {
        BTreeMap::new()
    }
}

impl<T: ErrorCorrection> ErrorCorrection for Box<T> {
    fn corrected() -> Self {
        Box::new(T::corrected())
    }
}

/// A value read through `W` and boxed (a recursive member).
pub struct Boxed<W>(PhantomData<W>);

impl<W: Wire> Wire for Boxed<W> {
    type Value = Box<W::Value>;
    fn serialize<S: Serializer>(value: &Box<W::Value>, serializer: S) -> Result<S::Ok, S::Error> {
        W::serialize(value, serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Box<W::Value>, D::Error> {
        W::deserialize(deserializer).map(Box::new)
    }
}

/// Reads the value of the member whose key a structure's visitor just read
/// into `slot` (`null` leaves it empty); a second value for the same member
/// is an error. One call per member keeps the generated visitors short;
/// `#[inline]` keeps them as fast as the inline code they replace.
#[inline]
pub fn read_member<'de, A: serde::de::MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = map.next_value::<Option<T>>()?;
    Ok(())
}

/// [`read_member`] for a value whose wire form the marker `W` gives.
#[inline]
pub fn read_member_with<'de, A: serde::de::MapAccess<'de>, W: Wire>(
    map: &mut A,
    slot: &mut Option<W::Value>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = map.next_value::<Option<De<W>>>()?.map(|value| value.0);
    Ok(())
}

/// Writes an optional member of a structure: an absent one is left out of
/// the object, as the JSON protocols want. One call per member keeps the
/// generated `Serialize` impls short.
#[doc(hidden)]
#[inline]
pub fn write_member<S: serde::ser::SerializeStruct, T: Serialize + ?Sized>(
    state: &mut S,
    name: &'static str,
    value: Option<&T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => state.serialize_field(name, value),
        None => Ok(()),
    }
}

/// [`write_member`] for a value whose wire form the marker `W` gives.
#[doc(hidden)]
#[inline]
pub fn write_member_with<S: serde::ser::SerializeStruct, W: Wire>(
    state: &mut S,
    name: &'static str,
    value: Option<&W::Value>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => state.serialize_field(name, &Ser::<W>::new(value)),
        None => Ok(()),
    }
}

/// The zero value of `T` a client fills in for a `@required` member a
/// response left out.
#[doc(hidden)]
#[inline]
pub fn corrected<T: ErrorCorrection>() -> T {
    T::corrected()
}

/// A structure read from a JSON object member by member: the generated
/// impl reads a member by its wire name; [`read_struct`] walks the object
/// and hands over each key, without allocating unless it has escapes. The
/// slots are the structure's builder (every member an `Option`).
#[doc(hidden)]
pub trait ReadStruct: Sized {
    /// What the value should be, for the error when it is not an object.
    const EXPECTING: &'static str;
    /// Where members are kept until the object ends.
    type Slots: Default;
    /// Reads the value of the member named `key`, or skips it ([`skip_member`])
    /// when the structure has no such member.
    fn read<'de, A: serde::de::MapAccess<'de>>(slots: &mut Self::Slots, key: &str, map: &mut A)
        -> Result<(), A::Error>;
    /// The structure from what was read (or the error reading it):
    /// required members checked, absent ones defaulted or corrected. A
    /// structure that is its own slots returns `read` as it is, so that
    /// it is built where the caller wants it rather than copied there.
    fn finish<E: serde::de::Error>(read: Result<Self::Slots, E>) -> Result<Self, E>;
}

/// Skips the value of a member the structure does not have: a newer
/// service version may send members this crate does not know.
#[doc(hidden)]
#[inline]
pub fn skip_member<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(|_| ())
}

/// `Deserialize` for a [`ReadStruct`]: a JSON object (never an array).
#[doc(hidden)]
#[inline]
pub fn read_struct<'de, T: ReadStruct, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor::<T>(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: ReadStruct> serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // One `Result` from start to end, errors stored in it rather than
        // returned early: a structure that is its own slots is then filled
        // in the caller's place (callgrind: one memcpy of it less per object).
        let mut read = Ok(T::Slots::default());
        if let Ok(slots) = &mut read {
            let failed = loop {
                match map.next_key_seed(MemberKey) {
                    Ok(Some(key)) => {
                        if let Err(e) = T::read(slots, &key, &mut map) {
                            break Some(e);
                        }
                    }
                    Ok(None) => break None,
                    Err(e) => break Some(e),
                }
            };
            if let Some(e) = failed {
                read = Err(e);
            }
        }
        T::finish(read)
    }
}

/// Reads a list of structures that are their own slots (every member
/// optional) straight into the list's storage: each element is pushed
/// empty and its members read into it, so no element is built elsewhere
/// and moved in (callgrind: two copies of each element less than serde's
/// `Vec<T>`, which returns every element through `Option<T>` and `push`).
#[doc(hidden)]
#[inline]
pub fn read_struct_list<'de, A, T>(map: &mut A, slot: &mut Option<Vec<T>>, name: &'static str) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: ReadStruct<Slots = T> + Default,
{
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = map.next_value_seed(StructList::<T>(PhantomData))?;
    Ok(())
}

struct StructList<T>(PhantomData<T>);

impl<'de, T: ReadStruct<Slots = T> + Default> serde::de::DeserializeSeed<'de> for StructList<T> {
    type Value = Option<Vec<T>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Vec<T>>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: ReadStruct<Slots = T> + Default> serde::de::Visitor<'de> for StructList<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // What serde's `Vec` says, so errors read the same whichever reads the list.
        f.write_str("a sequence")
    }

    #[inline]
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }

    #[inline]
    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut list: Vec<T> = Vec::new();
        while seq.next_element_seed(Push(&mut list))?.is_some() {}
        Ok(Some(list))
    }
}

/// One more element of a list: pushed empty when the list has one more,
/// then read in place.
struct Push<'a, T>(&'a mut Vec<T>);

impl<'de, T: ReadStruct<Slots = T> + Default> serde::de::DeserializeSeed<'de> for Push<'_, T> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.0.push(T::default());
        match self.0.last_mut() {
            Some(element) => deserializer.deserialize_map(InPlace(element)),
            None => Ok(()),
        }
    }
}

/// One structure read into a place that already holds its empty slots.
struct InPlace<'a, T>(&'a mut T);

impl<'de, T: ReadStruct<Slots = T> + Default> serde::de::Visitor<'de> for InPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(MemberKey)? {
            T::read(self.0, &key, &mut map)?;
        }
        Ok(())
    }
}

/// A JSON object key, borrowed from the input when it has no escapes.
struct MemberKey;

impl<'de> serde::de::DeserializeSeed<'de> for MemberKey {
    type Value = Cow<'de, str>;

    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> serde::de::Visitor<'de> for MemberKey {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(key))
    }

    #[inline]
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    #[inline]
    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(key))
    }
}
