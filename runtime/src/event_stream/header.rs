//! Header values and their wire form: a name (length byte, UTF-8), a type
//! byte, then a value whose layout the type decides.

use super::error::{ErrorKind, EventStreamError};

/// The longest byte array or string value the encoder writes: the
/// specification bounds them to `2^15 - 1` bytes although the length
/// prefix has 16 bits. The decoder accepts up to `u16::MAX`, as some
/// peers may write.
pub const MAX_HEADER_VALUE_LENGTH: usize = i16::MAX as usize;

/// One header of a message. Names are case-sensitive, and a name may
/// appear more than once on the wire (the specification forbids it, but a
/// receiver has no use for refusing it); [`Message::header`](super::Message::header)
/// gives the first.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// The name, 1 to 255 bytes of UTF-8.
    pub name: String,
    /// The value.
    pub value: HeaderValue,
}

impl Header {
    /// A header from its name and value.
    pub fn new(name: impl Into<String>, value: impl Into<HeaderValue>) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A header value, one variant per type byte of the specification (the
/// two booleans share one).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HeaderValue {
    /// Types 0 (`true`) and 1 (`false`): no value bytes.
    Bool(bool),
    /// Type 2: one signed byte.
    Byte(i8),
    /// Type 3: a big-endian `i16`.
    Short(i16),
    /// Type 4: a big-endian `i32`.
    Integer(i32),
    /// Type 5: a big-endian `i64`.
    Long(i64),
    /// Type 6: a `u16` length, then the bytes.
    ByteArray(Vec<u8>),
    /// Type 7: a `u16` length, then UTF-8.
    String(String),
    /// Type 8: milliseconds (not seconds) since 1970-01-01T00:00:00Z, a
    /// big-endian `i64`.
    Timestamp(i64),
    /// Type 9: 16 bytes.
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The value of a string header.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            HeaderValue::String(text) => Some(text),
            _ => None,
        }
    }

    fn type_byte(&self) -> u8 {
        match self {
            HeaderValue::Bool(true) => 0,
            HeaderValue::Bool(false) => 1,
            HeaderValue::Byte(_) => 2,
            HeaderValue::Short(_) => 3,
            HeaderValue::Integer(_) => 4,
            HeaderValue::Long(_) => 5,
            HeaderValue::ByteArray(_) => 6,
            HeaderValue::String(_) => 7,
            HeaderValue::Timestamp(_) => 8,
            HeaderValue::Uuid(_) => 9,
        }
    }

    /// The bytes after the type byte.
    fn encoded_len(&self) -> usize {
        match self {
            HeaderValue::Bool(_) => 0,
            HeaderValue::Byte(_) => 1,
            HeaderValue::Short(_) => 2,
            HeaderValue::Integer(_) => 4,
            HeaderValue::Long(_) | HeaderValue::Timestamp(_) => 8,
            HeaderValue::ByteArray(bytes) => bytes.len().saturating_add(2),
            HeaderValue::String(text) => text.len().saturating_add(2),
            HeaderValue::Uuid(_) => 16,
        }
    }
}

impl From<bool> for HeaderValue {
    fn from(value: bool) -> HeaderValue {
        HeaderValue::Bool(value)
    }
}

impl From<i8> for HeaderValue {
    fn from(value: i8) -> HeaderValue {
        HeaderValue::Byte(value)
    }
}

impl From<i16> for HeaderValue {
    fn from(value: i16) -> HeaderValue {
        HeaderValue::Short(value)
    }
}

impl From<i32> for HeaderValue {
    fn from(value: i32) -> HeaderValue {
        HeaderValue::Integer(value)
    }
}

/// A `long`; timestamps are written `HeaderValue::Timestamp(millis)`.
impl From<i64> for HeaderValue {
    fn from(value: i64) -> HeaderValue {
        HeaderValue::Long(value)
    }
}

impl From<Vec<u8>> for HeaderValue {
    fn from(value: Vec<u8>) -> HeaderValue {
        HeaderValue::ByteArray(value)
    }
}

impl From<String> for HeaderValue {
    fn from(value: String) -> HeaderValue {
        HeaderValue::String(value)
    }
}

impl From<&str> for HeaderValue {
    fn from(value: &str) -> HeaderValue {
        HeaderValue::String(value.to_owned())
    }
}

/// The encoded length of `headers`, after checking each name and value
/// length, so that the encoder can refuse a message before writing it.
pub(super) fn encoded_len(headers: &[Header]) -> Result<usize, EventStreamError> {
    let mut total = 0usize;
    for header in headers {
        let name_length = header.name.len();
        if name_length == 0 || name_length > usize::from(u8::MAX) {
            return Err(EventStreamError::new(ErrorKind::HeaderNameLength {
                length: name_length,
            }));
        }
        if let HeaderValue::ByteArray(bytes) = &header.value {
            check_value_length(&header.name, bytes.len())?;
        }
        if let HeaderValue::String(text) = &header.value {
            check_value_length(&header.name, text.len())?;
        }
        // Name length byte, name, type byte, value.
        total = total
            .saturating_add(2)
            .saturating_add(name_length)
            .saturating_add(header.value.encoded_len());
    }
    Ok(total)
}

fn check_value_length(name: &str, length: usize) -> Result<(), EventStreamError> {
    if length > MAX_HEADER_VALUE_LENGTH {
        return Err(EventStreamError::new(ErrorKind::HeaderValueTooLong {
            name: name.to_owned(),
            length,
        }));
    }
    Ok(())
}

/// Appends `header`, whose lengths [`encoded_len`] has checked.
pub(super) fn write(out: &mut Vec<u8>, header: &Header) {
    // Checked by `encoded_len`; saturating keeps a wrong length visible
    // (a CRC over it) rather than a panic.
    out.push(u8::try_from(header.name.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(header.name.as_bytes());
    out.push(header.value.type_byte());
    match &header.value {
        HeaderValue::Bool(_) => {}
        HeaderValue::Byte(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Short(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Integer(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Long(value) | HeaderValue::Timestamp(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::ByteArray(bytes) => write_prefixed(out, bytes),
        HeaderValue::String(text) => write_prefixed(out, text.as_bytes()),
        HeaderValue::Uuid(bytes) => out.extend_from_slice(bytes),
    }
}

fn write_prefixed(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&u16::try_from(bytes.len()).unwrap_or(u16::MAX).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// The headers section of a frame, which starts at byte `offset` of the
/// stream.
pub(super) fn read_all(section: &[u8], offset: u64) -> Result<Vec<Header>, EventStreamError> {
    let mut reader = Reader {
        bytes: section,
        position: 0,
        offset,
    };
    let mut headers = Vec::new();
    while reader.position < section.len() {
        headers.push(reader.header()?);
    }
    Ok(headers)
}

/// A cursor over the headers section; every read is bounds-checked, and
/// running out of bytes is a [`ErrorKind::TruncatedHeader`] at the start
/// of the header being read.
struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
    /// The stream offset of `bytes[0]`.
    offset: u64,
}

impl<'a> Reader<'a> {
    fn stream_offset(&self, position: usize) -> u64 {
        self.offset.saturating_add(u64::try_from(position).unwrap_or(u64::MAX))
    }

    fn take(&mut self, length: usize, header_start: usize) -> Result<&'a [u8], EventStreamError> {
        let end = self.position.checked_add(length);
        match end.and_then(|end| self.bytes.get(self.position..end)) {
            Some(bytes) => {
                self.position = self.position.saturating_add(length);
                Ok(bytes)
            }
            None => Err(EventStreamError::at(
                ErrorKind::TruncatedHeader,
                self.stream_offset(header_start),
            )),
        }
    }

    fn array<const N: usize>(&mut self, header_start: usize) -> Result<[u8; N], EventStreamError> {
        let bytes = self.take(N, header_start)?;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    fn header(&mut self) -> Result<Header, EventStreamError> {
        let start = self.position;
        let [name_length] = self.array::<1>(start)?;
        if name_length == 0 {
            return Err(EventStreamError::at(
                ErrorKind::EmptyHeaderName,
                self.stream_offset(start),
            ));
        }
        let name_start = self.position;
        let name = self.take(usize::from(name_length), start)?;
        let name = std::str::from_utf8(name)
            .map_err(|_| EventStreamError::at(ErrorKind::HeaderNameNotUtf8, self.stream_offset(name_start)))?
            .to_owned();
        let type_position = self.position;
        let [value_type] = self.array::<1>(start)?;
        let value = match value_type {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(self.array(start)?)),
            3 => HeaderValue::Short(i16::from_be_bytes(self.array(start)?)),
            4 => HeaderValue::Integer(i32::from_be_bytes(self.array(start)?)),
            5 => HeaderValue::Long(i64::from_be_bytes(self.array(start)?)),
            6 => HeaderValue::ByteArray(self.prefixed(start)?.to_vec()),
            7 => {
                let value_start = self.position;
                let bytes = self.prefixed(start)?;
                match std::str::from_utf8(bytes) {
                    Ok(text) => HeaderValue::String(text.to_owned()),
                    Err(_) => {
                        return Err(EventStreamError::at(
                            ErrorKind::HeaderValueNotUtf8 { name },
                            self.stream_offset(value_start),
                        ))
                    }
                }
            }
            8 => HeaderValue::Timestamp(i64::from_be_bytes(self.array(start)?)),
            9 => HeaderValue::Uuid(self.array(start)?),
            _ => {
                return Err(EventStreamError::at(
                    ErrorKind::UnknownHeaderType { value_type },
                    self.stream_offset(type_position),
                ))
            }
        };
        Ok(Header { name, value })
    }

    fn prefixed(&mut self, header_start: usize) -> Result<&'a [u8], EventStreamError> {
        let length = u16::from_be_bytes(self.array(header_start)?);
        self.take(usize::from(length), header_start)
    }
}
