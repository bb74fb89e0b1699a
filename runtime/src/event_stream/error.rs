//! What can be wrong with an event stream, and where.

use std::fmt;

/// A malformed or truncated event stream, a message that cannot be encoded,
/// or one that cannot be classified.
///
/// A decoding error carries the byte offset in the stream (counted from the
/// first byte pushed into the [`Decoder`](super::Decoder)) of the field
/// found wrong, so that a log line points at the bad frame. After one, the
/// stream cannot be trusted any further: the specification has the
/// receiver terminate it, and the decoder gives the same error again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventStreamError {
    kind: ErrorKind,
    offset: Option<u64>,
}

impl EventStreamError {
    pub(super) fn at(kind: ErrorKind, offset: u64) -> EventStreamError {
        EventStreamError {
            kind,
            offset: Some(offset),
        }
    }

    pub(super) fn new(kind: ErrorKind) -> EventStreamError {
        EventStreamError { kind, offset: None }
    }

    /// What is wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset in the stream of the field found wrong, for errors
    /// found while decoding; `None` for encoding and classification errors,
    /// which concern one message rather than a position in a stream.
    pub fn offset(&self) -> Option<u64> {
        self.offset
    }
}

/// What an [`EventStreamError`] found wrong.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The CRC-32 after the prelude does not match the prelude's 8 bytes,
    /// so neither length in it can be trusted.
    PreludeCrc {
        /// The CRC the frame carries.
        expected: u32,
        /// The CRC of the bytes received.
        actual: u32,
    },
    /// The CRC-32 at the end of a message does not match the bytes before it.
    MessageCrc {
        /// The CRC the frame carries.
        expected: u32,
        /// The CRC of the bytes received.
        actual: u32,
    },
    /// A total length below 16 (the prelude and the two CRCs) or above
    /// [`MAX_MESSAGE_LENGTH`](super::MAX_MESSAGE_LENGTH).
    MessageLength {
        /// The total length the prelude gives.
        length: u32,
    },
    /// A headers length above [`MAX_HEADERS_LENGTH`](super::MAX_HEADERS_LENGTH).
    HeadersLength {
        /// The headers length the prelude gives.
        length: u32,
    },
    /// A total length too small to hold the prelude, the headers the
    /// prelude announces and the message CRC.
    HeadersExceedMessage {
        /// The total length the prelude gives.
        total_length: u32,
        /// The headers length the prelude gives.
        headers_length: u32,
    },
    /// A header runs past the end of the headers section.
    TruncatedHeader,
    /// A header name of length 0 (the specification requires at least one byte).
    EmptyHeaderName,
    /// A header name that is not UTF-8.
    HeaderNameNotUtf8,
    /// A header value type byte outside 0..=9.
    UnknownHeaderType {
        /// The type byte.
        value_type: u8,
    },
    /// A string header value that is not UTF-8.
    HeaderValueNotUtf8 {
        /// The header's name.
        name: String,
    },
    /// The stream ended inside a message.
    Truncated {
        /// The bytes of the unfinished message received.
        buffered: usize,
        /// The message's total length, once its prelude has arrived.
        needed: Option<u32>,
    },
    /// [`Decoder::finish`](super::Decoder::finish) was called while a whole
    /// message was still waiting to be taken with `next_message`.
    UnreadMessage,
    /// A message to encode would be longer than
    /// [`MAX_MESSAGE_LENGTH`](super::MAX_MESSAGE_LENGTH).
    MessageTooLong {
        /// Its encoded length.
        length: usize,
    },
    /// A message to encode has headers longer than
    /// [`MAX_HEADERS_LENGTH`](super::MAX_HEADERS_LENGTH) once encoded.
    HeadersTooLong {
        /// Their encoded length.
        length: usize,
    },
    /// A header to encode has a name that is empty or longer than 255 bytes.
    HeaderNameLength {
        /// The name's length in bytes.
        length: usize,
    },
    /// A header to encode has a byte array or string value longer than
    /// [`MAX_HEADER_VALUE_LENGTH`](super::MAX_HEADER_VALUE_LENGTH).
    HeaderValueTooLong {
        /// The header's name.
        name: String,
        /// The value's length in bytes.
        length: usize,
    },
    /// A message lacks a header its `:message-type` requires.
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A header the message type is read from is not a string.
    HeaderNotString {
        /// The header's name.
        name: &'static str,
    },
    /// A `:message-type` other than `event`, `exception` and `error`.
    UnknownMessageType {
        /// The value of `:message-type`.
        value: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::PreludeCrc { expected, actual } => {
                write!(
                    f,
                    "prelude CRC mismatch: the frame says {expected:#010x}, its bytes give {actual:#010x}"
                )
            }
            ErrorKind::MessageCrc { expected, actual } => {
                write!(
                    f,
                    "message CRC mismatch: the frame says {expected:#010x}, its bytes give {actual:#010x}"
                )
            }
            ErrorKind::MessageLength { length } => {
                write!(f, "total length {length} is outside 16..={}", super::MAX_MESSAGE_LENGTH)
            }
            ErrorKind::HeadersLength { length } => write!(
                f,
                "headers length {length} is above the maximum of {}",
                super::MAX_HEADERS_LENGTH
            ),
            ErrorKind::HeadersExceedMessage {
                total_length,
                headers_length,
            } => write!(
                f,
                "headers length {headers_length} does not fit in a message of total length {total_length}"
            ),
            ErrorKind::TruncatedHeader => f.write_str("header runs past the end of the headers section"),
            ErrorKind::EmptyHeaderName => f.write_str("header name is empty"),
            ErrorKind::HeaderNameNotUtf8 => f.write_str("header name is not UTF-8"),
            ErrorKind::UnknownHeaderType { value_type } => write!(f, "unknown header value type {value_type}"),
            ErrorKind::HeaderValueNotUtf8 { name } => write!(f, "string value of header `{name}` is not UTF-8"),
            ErrorKind::Truncated {
                buffered,
                needed: Some(needed),
            } => write!(
                f,
                "stream ends inside a message: {buffered} of its {needed} bytes received"
            ),
            ErrorKind::Truncated { buffered, needed: None } => write!(
                f,
                "stream ends inside a message prelude: {buffered} of its 12 bytes received"
            ),
            ErrorKind::UnreadMessage => f.write_str("finished with a whole message not taken"),
            ErrorKind::MessageTooLong { length } => write!(
                f,
                "message would be {length} bytes long, above the maximum of {}",
                super::MAX_MESSAGE_LENGTH
            ),
            ErrorKind::HeadersTooLong { length } => write!(
                f,
                "headers would be {length} bytes long, above the maximum of {}",
                super::MAX_HEADERS_LENGTH
            ),
            ErrorKind::HeaderNameLength { length } => {
                write!(f, "header name is {length} bytes long, outside 1..=255")
            }
            ErrorKind::HeaderValueTooLong { name, length } => write!(
                f,
                "value of header `{name}` is {length} bytes long, above the maximum of {}",
                super::MAX_HEADER_VALUE_LENGTH
            ),
            ErrorKind::MissingHeader { name } => write!(f, "message has no `{name}` header"),
            ErrorKind::HeaderNotString { name } => write!(f, "header `{name}` is not a string"),
            ErrorKind::UnknownMessageType { value } => write!(f, "unknown `:message-type` `{value}`"),
        }
    }
}

/// `event stream: <what> at byte <offset>`.
impl fmt::Display for EventStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event stream: {}", self.kind)?;
        if let Some(offset) = self.offset {
            write!(f, " at byte {offset}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EventStreamError {}
