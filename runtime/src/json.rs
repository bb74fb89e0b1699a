//! JSON bodies, read and written faster than serde_json, to exactly the
//! same result.
//!
//! [`from_slice`] and [`to_vec`] are what `parse_response` and `request`
//! use; they give the same values, bytes and errors as
//! `serde_json::from_slice` and `serde_json::to_vec`. On a DescribeSessions
//! response the reader needs two thirds of serde_json's instructions; the
//! writer is a little ahead of serde_json on request bodies.
//!
//! The reader is a `serde::Deserializer` over the UTF-8-checked text that
//! hands the generated `Deserialize` impls the visitor calls serde_json
//! would, with the same values: strings without escapes borrowed, with
//! escapes decoded; integers as `u64`/`i64`, other numbers as correctly
//! rounded `f64`. The writer is a `serde::Serializer` that writes what
//! serde_json writes. Both only have to be right on the way to success: on
//! anything they do not handle exactly as serde_json would (malformed JSON,
//! a type mismatch, `-0`, an integer beyond 64 bits, nesting deeper than
//! serde_json allows, a serde call the generated code never makes) they
//! give up, and serde_json does the work again, so its result and its
//! errors (with line and column) are the ones returned.
//!
//! They are faster because they do less: one UTF-8 check for the whole
//! body instead of one per string, strings scanned and copied in runs
//! found eight bytes at a time, no position bookkeeping for error messages,
//! and errors that carry nothing. The one difference in values is on
//! purpose: epoch-second timestamps read here keep every digit of the
//! fraction (serde_json passes numbers through `f64`, about 16 digits).

use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};

/// Parses a JSON body as `T`: `serde_json::from_slice`, faster.
pub fn from_slice<'de, T: serde::Deserialize<'de>>(body: &'de [u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => from_str(text),
        // serde_json says where the bad byte is.
        Err(_) => serde_json::from_slice(body),
    }
}

/// Parses JSON text as `T`: `serde_json::from_str`, faster.
pub fn from_str<'de, T: serde::Deserialize<'de>>(text: &'de str) -> serde_json::Result<T> {
    let fast = if plain_serde_json() { read(text) } else { None };
    fast.map_or_else(|| serde_json::from_str(text), Ok)
}

/// Writes `value` as JSON: the bytes of `serde_json::to_vec`, faster.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    if !plain_serde_json() {
        return serde_json::to_vec(value);
    }
    write(value).or_else(|GaveUp| serde_json::to_vec(value))
}

/// `value` by this module's writer alone.
#[inline]
fn write<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, GaveUp> {
    let mut writer = Writer {
        out: Vec::with_capacity(128),
    };
    value.serialize(&mut writer).map(|()| writer.out)
}

/// Writes a value of a generated type as JSON: the bytes of [`to_vec`],
/// without its fallback to serde_json. What a generated crate sends never
/// needs it (no tuples, no enum variants with data; serde_json's `Value`
/// only through its number and raw-value protocols, which the writer
/// follows), and a fallback would compile serde_json's whole writer once
/// more for every type sent: a tenth of a generated crate's LLVM IR.
#[doc(hidden)]
pub fn to_body<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, crate::error::BuildRequestError> {
    write(value).map_err(|GaveUp| not_a_body())
}

/// Why [`to_body`] refused a value; compiled once rather than per type.
fn not_a_body() -> crate::error::BuildRequestError {
    crate::error::BuildRequestError::new(
        "the value has a form JSON bodies do not take (a tuple or an enum variant with data)".to_owned(),
    )
}

/// Whether serde_json reads numbers as this module does. Another crate in
/// the build can turn on its `arbitrary_precision` feature, which makes
/// `serde_json::Value` keep a number's text (`1.50` stays `1.50`); then
/// everything is left to serde_json. Checked once.
pub(crate) fn plain_serde_json() -> bool {
    static PLAIN: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PLAIN.get_or_init(|| {
        let number = serde_json::from_str::<serde_json::Value>("1.50").unwrap_or_default();
        serde_json::to_string(&number).is_ok_and(|text| text == "1.5")
    })
}

/// Reads `text` as one JSON value of type `T`; `None` when the reader
/// gives up (see the module documentation).
pub(crate) fn read<'de, T: serde::Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        depth: 0,
        scratch: String::new(),
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_whitespace();
    (reader.pos == text.len()).then_some(value)
}

/// The newtype-struct name through which a type asks for the exact text of
/// a JSON number: this reader answers with `visit_borrowed_str(text)` when
/// the value is a number, serde_json (like any other deserializer) with
/// `visit_newtype_struct`. Epoch-second timestamps use it to keep every
/// digit instead of going through `f64`, and big numbers to keep their
/// text (which serde_json gives them through its raw-value protocol).
pub(crate) const NUMBER_TEXT: &str = "$shapesmith::NumberText";

/// serde_json's nesting limit (it rejects the 128th level); deeper input is
/// its to reject.
const MAX_DEPTH: u32 = 128;

/// The reader or writer gave up. Deliberately empty: the message serde_json gives for
/// the same input is the one users see.
#[derive(Debug)]
pub(crate) struct GaveUp;

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("shapesmith's JSON reader or writer gave up; serde_json decides")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_message: T) -> Self {
        GaveUp
    }
}

struct Reader<'de> {
    text: &'de str,
    pos: usize,
    depth: u32,
    /// Holds a string with escapes while it is decoded.
    scratch: String,
}

/// A string value: borrowed from the input, or decoded into the scratch
/// buffer when it had escapes.
enum Text<'de, 's> {
    Borrowed(&'de str),
    Decoded(&'s str),
}

/// A number's text, checked, and its value when it is an integer of at
/// most 19 digits.
struct Scanned<'de> {
    text: &'de str,
    negative: bool,
    /// With a fraction or an exponent.
    is_float: bool,
    integer: Option<u64>,
}

enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl<'de> Reader<'de> {
    #[inline]
    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The first byte of the next value, after whitespace. Bodies are
    /// usually compact, so the first byte is checked before any loop.
    #[inline(always)]
    fn peek_value(&mut self) -> Result<u8, GaveUp> {
        match self.text.as_bytes().get(self.pos) {
            Some(&byte) if byte > b' ' => Ok(byte),
            _ => {
                self.skip_whitespace();
                self.text.as_bytes().get(self.pos).copied().ok_or(GaveUp)
            }
        }
    }

    #[inline]
    fn literal(&mut self, word: &str) -> Result<(), GaveUp> {
        if self
            .text
            .as_bytes()
            .get(self.pos..)
            .unwrap_or_default()
            .starts_with(word.as_bytes())
        {
            self.pos += word.len();
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// Reads the string whose opening quote is at `pos`. Inlined into its
    /// few callers: the call itself cost a tenth of all parsing work.
    #[inline(always)]
    fn string(&mut self) -> Result<Text<'de, '_>, GaveUp> {
        let start = self.pos + 1;
        let end = find_special(self.text.as_bytes(), start);
        match self.text.as_bytes().get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                // Both ends sit next to ASCII quotes, so they are char boundaries.
                Ok(Text::Borrowed(self.text.get(start..end).ok_or(GaveUp)?))
            }
            Some(b'\\') => {
                self.escaped(start, end)?;
                Ok(Text::Decoded(&self.scratch))
            }
            // A control character, or the end of the input.
            _ => Err(GaveUp),
        }
    }

    /// Decodes a string with escapes into `scratch`: `start` is just past
    /// its opening quote, `first` at its first backslash.
    fn escaped(&mut self, start: usize, first: usize) -> Result<(), GaveUp> {
        let text = self.text;
        let bytes = text.as_bytes();
        let out = &mut self.scratch;
        out.clear();
        out.push_str(text.get(start..first).ok_or(GaveUp)?);
        let mut pos = first;
        loop {
            // `pos` is at a backslash.
            let escape = bytes.get(pos + 1).copied().ok_or(GaveUp)?;
            let simple = match escape {
                b'"' | b'\\' | b'/' => escape,
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'u' => 0,
                _ => return Err(GaveUp),
            };
            if simple == 0 {
                let (c, len) = unicode_escape(bytes, pos)?;
                out.push(c);
                pos += len;
            } else {
                out.push(char::from(simple));
                pos += 2;
            }
            let end = find_special(bytes, pos);
            out.push_str(text.get(pos..end).ok_or(GaveUp)?);
            pos = end;
            match bytes.get(pos) {
                Some(b'\\') => {}
                Some(b'"') => {
                    self.pos = pos + 1;
                    return Ok(());
                }
                _ => return Err(GaveUp),
            }
        }
    }
}

/// The character of the `\uXXXX` escape (or surrogate pair) at `pos`, and
/// how many bytes it spans. Lone surrogates are serde_json's to reject.
fn unicode_escape(bytes: &[u8], pos: usize) -> Result<(char, usize), GaveUp> {
    let unit = hex4(bytes, pos + 2)?;
    let code = match unit {
        0xD800..=0xDBFF => {
            if bytes.get(pos + 6..pos + 8) != Some(b"\\u") {
                return Err(GaveUp);
            }
            let low = hex4(bytes, pos + 8)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(GaveUp);
            }
            let code = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
            return char::from_u32(code).map(|c| (c, 12)).ok_or(GaveUp);
        }
        0xDC00..=0xDFFF => return Err(GaveUp),
        unit => u32::from(unit),
    };
    char::from_u32(code).map(|c| (c, 6)).ok_or(GaveUp)
}

impl<'de> Reader<'de> {
    /// Scans the number at `pos`, checking its syntax as serde_json does.
    fn scan_number(&mut self) -> Result<Scanned<'de>, GaveUp> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut pos = start;
        let negative = bytes.get(pos) == Some(&b'-');
        if negative {
            pos += 1;
        }
        let digits_start = pos;
        let mut magnitude: u64 = 0;
        match bytes.get(pos) {
            Some(b'0') => {
                pos += 1;
                if let Some(b'0'..=b'9') = bytes.get(pos) {
                    return Err(GaveUp); // a leading zero
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&digit @ b'0'..=b'9') = bytes.get(pos) {
                    magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
                    pos += 1;
                }
            }
            _ => return Err(GaveUp),
        }
        let int_digits = pos - digits_start;
        let mut is_float = false;
        if bytes.get(pos) == Some(&b'.') {
            pos = digits_after(bytes, pos + 1)?;
            is_float = true;
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            pos += 1;
            if let Some(b'+' | b'-') = bytes.get(pos) {
                pos += 1;
            }
            pos = digits_after(bytes, pos)?;
            is_float = true;
        }
        self.pos = pos;
        Ok(Scanned {
            text: self.text.get(start..pos).ok_or(GaveUp)?,
            negative,
            // Up to 19 digits cannot overflow a u64.
            is_float,
            integer: (!is_float && int_digits <= 19).then_some(magnitude),
        })
    }

    /// Reads the number at `pos` as serde_json does: an integer without
    /// fraction or exponent is a `u64`, or an `i64` when negative; anything
    /// else is the nearest `f64`.
    fn number(&mut self) -> Result<Number, GaveUp> {
        let scanned = self.scan_number()?;
        match (scanned.integer, scanned.negative) {
            (Some(magnitude), false) => return Ok(Number::U64(magnitude)),
            // serde_json reads `-0` as -0.0, and integers below i64::MIN as
            // floats: its call.
            (Some(magnitude @ 1..=0x8000_0000_0000_0000), true) => {
                return Ok(Number::I64(0i64.wrapping_sub_unsigned(magnitude)));
            }
            (Some(_), true) => return Err(GaveUp),
            (None, _) if !scanned.is_float => return Err(GaveUp), // over 19 digits
            (None, _) => {}
        }
        let value: f64 = scanned.text.parse().map_err(|_| GaveUp)?;
        if value.is_finite() {
            Ok(Number::F64(value))
        } else {
            Err(GaveUp) // out of range: serde_json rejects it
        }
    }

    /// Reads the value whose first byte, `first`, was just peeked, and
    /// hands it to the visitor as serde_json would. Inlined so that a
    /// caller that already checked `first` keeps only its own branch.
    #[inline(always)]
    fn value<V: Visitor<'de>>(&mut self, first: u8, visitor: V) -> Result<V::Value, GaveUp> {
        match first {
            b'"' => match self.string()? {
                Text::Borrowed(text) => visitor.visit_borrowed_str(text),
                Text::Decoded(text) => visitor.visit_str(text),
            },
            b'{' => {
                self.enter()?;
                let value = visitor.visit_map(Entries {
                    reader: &mut *self,
                    first: true,
                })?;
                self.leave(b'}')?;
                Ok(value)
            }
            b'[' => {
                self.enter()?;
                let value = visitor.visit_seq(Items {
                    reader: &mut *self,
                    first: true,
                })?;
                self.leave(b']')?;
                Ok(value)
            }
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            b'-' | b'0'..=b'9' => match self.number()? {
                Number::U64(value) => visitor.visit_u64(value),
                Number::I64(value) => visitor.visit_i64(value),
                Number::F64(value) => visitor.visit_f64(value),
            },
            _ => Err(GaveUp),
        }
    }

    fn enter(&mut self) -> Result<(), GaveUp> {
        self.depth += 1;
        self.pos += 1; // the opening bracket
        if self.depth >= MAX_DEPTH {
            Err(GaveUp)
        } else {
            Ok(())
        }
    }

    fn leave(&mut self, close: u8) -> Result<(), GaveUp> {
        self.depth -= 1;
        if self.peek_value()? == close {
            self.pos += 1;
            Ok(())
        } else {
            Err(GaveUp) // the visitor stopped before the end
        }
    }

    /// Moves past the `,` between items (not before the first); `false` at
    /// the closing bracket, which is left for [`Reader::leave`].
    #[inline]
    fn next_item(&mut self, first: &mut bool, close: u8) -> Result<bool, GaveUp> {
        let byte = self.peek_value()?;
        if byte == close {
            return Ok(false);
        }
        if *first {
            *first = false;
        } else if byte == b',' {
            self.pos += 1;
        } else {
            return Err(GaveUp);
        }
        Ok(true)
    }
}

/// What [`json_number`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonNumber {
    /// No fraction and no exponent.
    Integer,
    /// With a fraction or an exponent.
    Other,
}

/// Whether `text` is exactly one JSON number (RFC 8259 section 6), and
/// which kind: the check big numbers make before their text is written
/// as is.
pub(crate) fn json_number(text: &str) -> Option<JsonNumber> {
    let bytes = text.as_bytes();
    let mut pos = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(pos) {
        Some(b'0') => pos += 1,
        Some(b'1'..=b'9') => pos = digits_after(bytes, pos).ok()?,
        _ => return None,
    }
    let mut kind = JsonNumber::Integer;
    if bytes.get(pos) == Some(&b'.') {
        pos = digits_after(bytes, pos + 1).ok()?;
        kind = JsonNumber::Other;
    }
    if let Some(b'e' | b'E') = bytes.get(pos) {
        pos += 1;
        if let Some(b'+' | b'-') = bytes.get(pos) {
            pos += 1;
        }
        pos = digits_after(bytes, pos).ok()?;
        kind = JsonNumber::Other;
    }
    (pos == bytes.len()).then_some(kind)
}

/// serde_json's raw-value protocol (see `primitives`): the writer writes
/// such a struct's text as is when it is a JSON number.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// serde_json's number protocol (its `arbitrary_precision` feature): a
/// struct of that name with one field of that name, the number's text.
const ARBITRARY_NUMBER: &str = "$serde_json::private::Number";

/// The number of digits at `pos`, which must be at least one.
fn digits_after(bytes: &[u8], mut pos: usize) -> Result<usize, GaveUp> {
    let start = pos;
    while let Some(b'0'..=b'9') = bytes.get(pos) {
        pos += 1;
    }
    if pos == start {
        Err(GaveUp)
    } else {
        Ok(pos)
    }
}

fn hex4(bytes: &[u8], pos: usize) -> Result<u16, GaveUp> {
    let digits = bytes.get(pos..pos + 4).ok_or(GaveUp)?;
    digits.iter().try_fold(0u16, |value, &digit| {
        let nibble = match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            b'A'..=b'F' => digit - b'A' + 10,
            _ => return Err(GaveUp),
        };
        Ok(value << 4 | u16::from(nibble))
    })
}

/// The index of the first `"`, `\` or control character at or after `pos`
/// (or the length). Eight bytes at a time: a byte is flagged when it equals
/// `"` or `\` or is below 0x20; such a test can only misfire on a byte
/// *after* a real hit, so the lowest flagged byte is the real first one.
#[inline]
fn find_special(bytes: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(chunk);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let hits = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word))
            & HIGH;
        if hits != 0 {
            return pos + (hits.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while let Some(&byte) = bytes.get(pos) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            break;
        }
        pos += 1;
    }
    pos
}

/// Generates `deserialize_*` methods that give up.
macro_rules! give_up {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GaveUp> {
            Err(GaveUp)
        })*
    };
}

/// Generates `deserialize_*` methods that read a value only when its first
/// byte is one serde_json accepts for that type (it rejects anything else
/// without asking the visitor, and some visitors would accept it: a
/// `serde_json::Map` reads `null` as an empty map).
macro_rules! typed_value {
    ($($method:ident($first:pat))*) => {
        $(#[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
            match self.peek_value()? {
                first @ $first => self.value(first, visitor),
                _ => Err(GaveUp),
            }
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        let first = self.peek_value()?;
        self.value(first, visitor)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        if self.peek_value()? == b'n' {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, GaveUp> {
        if name == NUMBER_TEXT {
            if let b'-' | b'0'..=b'9' = self.peek_value()? {
                return visitor.visit_borrowed_str(self.scan_number()?.text);
            }
        }
        if name.starts_with("$serde_json") {
            return Err(GaveUp); // serde_json's private RawValue protocol
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        // Reading the value checks it as strictly as serde_json's skipping does.
        self.deserialize_any(de::IgnoredAny)?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, GaveUp> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        match self.peek_value()? {
            first @ (b'{' | b'[') => self.value(first, visitor),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    typed_value! {
        deserialize_bool(b't' | b'f')
        deserialize_i8(b'-' | b'0'..=b'9')
        deserialize_i16(b'-' | b'0'..=b'9')
        deserialize_i32(b'-' | b'0'..=b'9')
        deserialize_i64(b'-' | b'0'..=b'9')
        deserialize_u8(b'-' | b'0'..=b'9')
        deserialize_u16(b'-' | b'0'..=b'9')
        deserialize_u32(b'-' | b'0'..=b'9')
        deserialize_u64(b'-' | b'0'..=b'9')
        deserialize_f64(b'-' | b'0'..=b'9')
        deserialize_str(b'"')
        deserialize_string(b'"')
        deserialize_identifier(b'"')
        deserialize_unit(b'n')
        deserialize_seq(b'[')
        deserialize_map(b'{')
    }

    // f32: serde_json rounds the decimal straight to f32 (and rejects what
    // overflows it); reading an f64 and narrowing can round differently.
    give_up! {
        deserialize_f32 deserialize_i128 deserialize_u128 deserialize_char deserialize_bytes deserialize_byte_buf
    }
}

/// The entries of an object.
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = GaveUp;

    #[inline(always)]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, GaveUp> {
        if !self.reader.next_item(&mut self.first, b'}')? {
            return Ok(None);
        }
        if self.reader.peek_value()? != b'"' {
            return Err(GaveUp);
        }
        let key = seed.deserialize(Key {
            reader: &mut *self.reader,
        })?;
        if self.reader.peek_value()? != b':' {
            return Err(GaveUp);
        }
        self.reader.pos += 1;
        Ok(Some(key))
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        seed.deserialize(&mut *self.reader)
    }
}

/// The items of an array.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, GaveUp> {
        if !self.reader.next_item(&mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// An object key (the reader stands on its opening quote): a string, read
/// as serde_json reads keys for string-like types; anything else gives up.
struct Key<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = GaveUp;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        match self.reader.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Decoded(text) => visitor.visit_str(text),
        }
    }

    // Every member key of every structure comes through here: a call per
    // key cost 18 instructions of prologue and epilogue (callgrind).
    #[inline(always)]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        match self.reader.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Decoded(text) => visitor.visit_str(text),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        self.reader.string()?;
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    // serde_json parses keys as numbers or booleans for such key types;
    // Smithy map keys are strings, so that is left to it.
    give_up! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map
    }
}

// ---------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------

impl ser::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_message: T) -> Self {
        GaveUp
    }
}

pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
}

/// Writes `text` as a JSON string, escaped as serde_json escapes: `"`,
/// `\`, and control characters (`\n`-style where JSON has a short form,
/// else `\u00xx`); everything else, `/` and non-ASCII included, as is.
fn write_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let end = find_special(bytes, start);
        out.extend_from_slice(bytes.get(start..end).unwrap_or_default());
        let Some(&byte) = bytes.get(end) else {
            break;
        };
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            control => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(control >> 4)]);
                out.push(HEX[usize::from(control & 0xf)]);
            }
        }
        start = end + 1;
    }
    out.push(b'"');
}

fn write_u64(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

fn write_i64(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_u64(out, value.unsigned_abs());
}

/// Writes through serde_json's own serializer, for the few values whose
/// text it decides in ways not worth repeating here (floats).
fn write_with_serde_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), GaveUp> {
    serde_json::to_writer(out, value).map_err(|_| GaveUp)
}

/// Generates serializer methods that give up.
macro_rules! give_up_writing {
    ($($method:ident($ty:ty))*) => {
        $(fn $method(self, _value: $ty) -> Result<(), GaveUp> {
            Err(GaveUp)
        })*
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = GaveUp;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), GaveUp>;
    type SerializeTupleStruct = ser::Impossible<(), GaveUp>;
    type SerializeTupleVariant = ser::Impossible<(), GaveUp>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), GaveUp>;

    fn serialize_bool(self, value: bool) -> Result<(), GaveUp> {
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, value: i8) -> Result<(), GaveUp> {
        write_i64(&mut self.out, i64::from(value));
        Ok(())
    }
    fn serialize_i16(self, value: i16) -> Result<(), GaveUp> {
        write_i64(&mut self.out, i64::from(value));
        Ok(())
    }
    fn serialize_i32(self, value: i32) -> Result<(), GaveUp> {
        write_i64(&mut self.out, i64::from(value));
        Ok(())
    }
    fn serialize_i64(self, value: i64) -> Result<(), GaveUp> {
        write_i64(&mut self.out, value);
        Ok(())
    }
    fn serialize_u8(self, value: u8) -> Result<(), GaveUp> {
        write_u64(&mut self.out, u64::from(value));
        Ok(())
    }
    fn serialize_u16(self, value: u16) -> Result<(), GaveUp> {
        write_u64(&mut self.out, u64::from(value));
        Ok(())
    }
    fn serialize_u32(self, value: u32) -> Result<(), GaveUp> {
        write_u64(&mut self.out, u64::from(value));
        Ok(())
    }
    fn serialize_u64(self, value: u64) -> Result<(), GaveUp> {
        write_u64(&mut self.out, value);
        Ok(())
    }
    fn serialize_f32(self, value: f32) -> Result<(), GaveUp> {
        write_with_serde_json(&mut self.out, &value)
    }
    fn serialize_f64(self, value: f64) -> Result<(), GaveUp> {
        write_with_serde_json(&mut self.out, &value)
    }
    fn serialize_char(self, value: char) -> Result<(), GaveUp> {
        write_string(&mut self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Result<(), GaveUp> {
        write_string(&mut self.out, value);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), GaveUp> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), GaveUp> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), GaveUp> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), GaveUp> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), GaveUp> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), GaveUp> {
        if name.starts_with("$serde_json") {
            return Err(GaveUp); // serde_json's private protocols (RawValue, Number)
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, GaveUp> {
        self.out.push(b'[');
        Ok(Compound {
            writer: self,
            first: true,
            raw: false,
        })
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, GaveUp> {
        self.out.push(b'{');
        Ok(Compound {
            writer: self,
            first: true,
            raw: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>, GaveUp> {
        // serde_json's private protocols: a raw value, or its `Number` with
        // `arbitrary_precision` on (in some crate of the build), is text
        // written as it is. One prefix check keeps ordinary structures fast.
        if name.starts_with("$serde_json") {
            return if name == RAW_VALUE || name == ARBITRARY_NUMBER {
                Ok(Compound {
                    writer: self,
                    first: true,
                    raw: true,
                })
            } else {
                Err(GaveUp)
            };
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, GaveUp> {
        Err(GaveUp)
    }
    give_up_writing! { serialize_bytes(&[u8]) }
}

/// An array or object being written, or (`raw`) a raw JSON value.
pub(crate) struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    raw: bool,
}

impl Compound<'_> {
    #[inline]
    fn separate(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push(b',');
        }
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = GaveUp;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GaveUp> {
        self.separate();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), GaveUp> {
        self.writer.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = GaveUp;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), GaveUp> {
        self.separate();
        key.serialize(KeyWriter {
            writer: &mut *self.writer,
            raw_number: false,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GaveUp> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), GaveUp> {
        self.writer.out.push(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = GaveUp;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), GaveUp> {
        if self.raw {
            if !(key == RAW_VALUE || key == ARBITRARY_NUMBER) || !self.first {
                return Err(GaveUp);
            }
            self.first = false;
            return value.serialize(KeyWriter {
                writer: &mut *self.writer,
                raw_number: true,
            });
        }
        self.separate();
        write_field_name(&mut self.writer.out, key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), GaveUp> {
        if self.raw {
            // The text was written by its one field.
            return if self.first { Err(GaveUp) } else { Ok(()) };
        }
        self.writer.out.push(b'}');
        Ok(())
    }
}

/// `"key":`. Field names are short and, in practice, never need escaping:
/// checked byte by byte, they are copied in one go. Not generic, so its
/// check is compiled once per crate rather than in every field's writer.
#[inline(always)]
fn write_field_name(out: &mut Vec<u8>, key: &str) {
    if key.bytes().all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\') {
        out.reserve(key.len() + 3);
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
    } else {
        write_string(out, key);
        out.push(b':');
    }
}

/// An object key: a string. serde_json also writes numbers and booleans as
/// quoted keys; Smithy map keys are strings, so those are left to it.
/// With `raw_number`, the string is a raw value's text, written as is when
/// it is a JSON number (anything else is left to serde_json).
pub(crate) struct KeyWriter<'a> {
    writer: &'a mut Writer,
    raw_number: bool,
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = GaveUp;
    type SerializeSeq = ser::Impossible<(), GaveUp>;
    type SerializeTuple = ser::Impossible<(), GaveUp>;
    type SerializeTupleStruct = ser::Impossible<(), GaveUp>;
    type SerializeTupleVariant = ser::Impossible<(), GaveUp>;
    type SerializeMap = ser::Impossible<(), GaveUp>;
    type SerializeStruct = ser::Impossible<(), GaveUp>;
    type SerializeStructVariant = ser::Impossible<(), GaveUp>;

    fn serialize_str(self, value: &str) -> Result<(), GaveUp> {
        if !self.raw_number {
            write_string(&mut self.writer.out, value);
        } else if json_number(value).is_some() {
            self.writer.out.extend_from_slice(value.as_bytes());
        } else {
            return Err(GaveUp);
        }
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), GaveUp> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), GaveUp> {
        value.serialize(self)
    }
    give_up_writing! {
        serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32) serialize_i64(i64)
        serialize_u8(u8) serialize_u16(u16) serialize_u32(u32) serialize_u64(u64)
        serialize_f32(f32) serialize_f64(f64) serialize_char(char) serialize_bytes(&[u8])
    }
    fn serialize_none(self) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_unit(self) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), GaveUp> {
        Err(GaveUp)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, GaveUp> {
        Err(GaveUp)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, GaveUp> {
        Err(GaveUp)
    }
}
