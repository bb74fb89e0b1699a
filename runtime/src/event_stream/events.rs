//! The events of a generated crate's event-stream unions, to and from
//! messages: what the generated `from_message` and `to_message` call, and
//! [`EventError`], the error they give.

use super::{EventStreamError, HeaderValue, Message, MessageType};
use crate::primitives::{Blob, DateTime};

/// Why a message is not an event of the stream's union (or an event cannot
/// be written as one).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventError {
    /// `:message-type: error`: an error the model does not describe. The
    /// service ends the stream after it.
    Service {
        /// `:error-code`.
        code: String,
        /// `:error-message`, if present.
        message: Option<String>,
    },
    /// `:message-type: exception` of a type the model does not list among
    /// the stream's errors (or that this version does not know).
    Exception {
        /// `:exception-type`.
        exception_type: String,
        /// The `message` (or `Message`) of its JSON payload, if any.
        message: Option<String>,
    },
    /// The message's own headers are wrong (`:message-type` missing or
    /// unknown, `:event-type` not a string...).
    Malformed(EventStreamError),
    /// A known event whose payload or headers do not fit its structure, or
    /// an event that cannot be written.
    Unreadable {
        /// The member (event or exception) name.
        event: String,
        /// What does not fit.
        reason: String,
    },
}

impl EventError {
    /// An exception the stream's union does not list: its type and the
    /// message its JSON payload holds, if any.
    #[doc(hidden)]
    pub fn exception(exception_type: &str, payload: &[u8]) -> EventError {
        let fields: Option<serde_json::Map<String, serde_json::Value>> = crate::aws_json::from_body(payload).ok();
        let text = |key: &str| {
            fields
                .as_ref()
                .and_then(|f| f.get(key))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        EventError::Exception {
            exception_type: exception_type.to_owned(),
            message: text("message").or_else(|| text("Message")),
        }
    }

    /// An event that does not fit its structure.
    #[doc(hidden)]
    pub fn unreadable(event: &str, reason: String) -> EventError {
        EventError::Unreadable {
            event: event.to_owned(),
            reason,
        }
    }
}

impl std::fmt::Display for EventError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventError::Service {
                code,
                message: Some(message),
            } => write!(f, "the event stream ended with the error {code}: {message}"),
            EventError::Service { code, message: None } => write!(f, "the event stream ended with the error {code}"),
            EventError::Exception {
                exception_type,
                message: Some(message),
            } => write!(f, "the event stream sent the exception {exception_type}: {message}"),
            EventError::Exception {
                exception_type,
                message: None,
            } => write!(f, "the event stream sent the exception {exception_type}"),
            EventError::Malformed(error) => write!(f, "a malformed event-stream message: {error}"),
            EventError::Unreadable { event, reason } => write!(f, "event `{event}`: {reason}"),
        }
    }
}

impl std::error::Error for EventError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventError::Malformed(error) => Some(error),
            _ => None,
        }
    }
}

impl From<EventStreamError> for EventError {
    fn from(error: EventStreamError) -> EventError {
        EventError::Malformed(error)
    }
}

/// The member name (`:event-type` or `:exception-type`) and payload of a
/// message, and whether it is an exception; an `error` message is
/// [`EventError::Service`].
#[doc(hidden)]
pub fn event_of(message: &Message) -> Result<(&str, &[u8], bool), EventError> {
    match message.classify()? {
        MessageType::Event {
            event_type, payload, ..
        } => Ok((event_type, payload, false)),
        MessageType::Exception {
            exception_type,
            payload,
            ..
        } => Ok((exception_type, payload, true)),
        MessageType::Error { code, message } => Err(EventError::Service {
            code: code.to_owned(),
            message: message.map(str::to_owned),
        }),
    }
}

/// A JSON payload (an empty one is an empty object).
#[doc(hidden)]
pub fn json_payload<T: serde::de::DeserializeOwned>(payload: &[u8]) -> Result<T, String> {
    crate::aws_json::from_body(payload).map_err(|e| format!("the payload: {e}"))
}

/// A header's value as a member's type.
#[doc(hidden)]
pub trait FromHeaderValue: Sized {
    /// The value, or `None` when the header has another type.
    fn from_header_value(value: &HeaderValue) -> Option<Self>;
}

/// A member's value as a header's.
#[doc(hidden)]
pub trait ToHeaderValue {
    /// The header value.
    fn to_header_value(&self) -> HeaderValue;
}

macro_rules! header_type {
    ($($ty:ty => $variant:ident),*) => {
        $(impl FromHeaderValue for $ty {
            fn from_header_value(value: &HeaderValue) -> Option<Self> {
                match value {
                    HeaderValue::$variant(value) => Some(value.clone()),
                    _ => None,
                }
            }
        }

        impl ToHeaderValue for $ty {
            fn to_header_value(&self) -> HeaderValue {
                HeaderValue::$variant(self.clone())
            }
        })*
    };
}

header_type!(bool => Bool, i8 => Byte, i16 => Short, i32 => Integer, i64 => Long, String => String);

impl FromHeaderValue for Blob {
    fn from_header_value(value: &HeaderValue) -> Option<Self> {
        match value {
            HeaderValue::ByteArray(bytes) => Some(Blob::new(bytes.clone())),
            _ => None,
        }
    }
}

impl ToHeaderValue for Blob {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::ByteArray(self.as_bytes().to_vec())
    }
}

/// Timestamp headers are milliseconds since the epoch.
impl FromHeaderValue for DateTime {
    fn from_header_value(value: &HeaderValue) -> Option<Self> {
        match value {
            HeaderValue::Timestamp(millis) => {
                let nanos = u32::try_from(millis.rem_euclid(1000)).ok()?.checked_mul(1_000_000)?;
                DateTime::from_secs_and_nanos(millis.div_euclid(1000), nanos)
            }
            _ => None,
        }
    }
}

impl ToHeaderValue for DateTime {
    /// Sub-millisecond digits are dropped, as the header cannot hold them.
    fn to_header_value(&self) -> HeaderValue {
        let millis = i64::from(self.subsec_nanos() / 1_000_000);
        HeaderValue::Timestamp(self.secs().saturating_mul(1000).saturating_add(millis))
    }
}

/// The value of the header `name` as `T`: `None` when absent, an error
/// naming the header when it has another type.
#[doc(hidden)]
pub fn event_header<T: FromHeaderValue>(message: &Message, name: &str) -> Result<Option<T>, String> {
    match message.header(name) {
        None => Ok(None),
        Some(value) => T::from_header_value(value)
            .map(Some)
            .ok_or_else(|| format!("header `{name}` has the wrong type for its member: {value:?}")),
    }
}
