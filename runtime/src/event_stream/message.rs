//! A message, and what its `:message-type` header makes of it.

use super::error::{ErrorKind, EventStreamError};
use super::header::{Header, HeaderValue};

/// One message of an event stream: its headers, in wire order, and its
/// payload.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Message {
    /// The headers, in the order they were decoded or are to be encoded.
    pub headers: Vec<Header>,
    /// The payload, whose format `:content-type` names.
    pub payload: Vec<u8>,
}

impl Message {
    /// A message with `payload` and no headers.
    pub fn new(payload: impl Into<Vec<u8>>) -> Message {
        Message {
            headers: Vec::new(),
            payload: payload.into(),
        }
    }

    /// Adds a header after the others.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<HeaderValue>) -> Message {
        self.headers.push(Header::new(name, value));
        self
    }

    /// The value of the first header named `name` (case-sensitive).
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers
            .iter()
            .find(|header| header.name == name)
            .map(|header| &header.value)
    }

    /// What the message is, from its `:message-type` header: an event, a
    /// modelled error (`exception`) or an unmodelled one (`error`).
    ///
    /// Fails when `:message-type` is missing, not a string or none of the
    /// three, or when a header that type requires (`:event-type`,
    /// `:exception-type`, `:error-code`) is missing or not a string. An
    /// event type the caller does not know is not an error here: the
    /// caller decides what to do with it.
    pub fn classify(&self) -> Result<MessageType<'_>, EventStreamError> {
        match self.required_str(":message-type")? {
            "event" => Ok(MessageType::Event {
                event_type: self.required_str(":event-type")?,
                content_type: self.optional_str(":content-type")?,
                payload: &self.payload,
            }),
            "exception" => Ok(MessageType::Exception {
                exception_type: self.required_str(":exception-type")?,
                content_type: self.optional_str(":content-type")?,
                payload: &self.payload,
            }),
            // The specification requires `:error-message` too; without it
            // the code is still worth reporting, so it is optional here.
            "error" => Ok(MessageType::Error {
                code: self.required_str(":error-code")?,
                message: self.optional_str(":error-message")?,
            }),
            other => Err(EventStreamError::new(ErrorKind::UnknownMessageType {
                value: other.to_owned(),
            })),
        }
    }

    fn optional_str(&self, name: &'static str) -> Result<Option<&str>, EventStreamError> {
        match self.header(name) {
            None => Ok(None),
            Some(value) => value
                .as_str()
                .map(Some)
                .ok_or_else(|| EventStreamError::new(ErrorKind::HeaderNotString { name })),
        }
    }

    fn required_str(&self, name: &'static str) -> Result<&str, EventStreamError> {
        self.optional_str(name)?
            .ok_or_else(|| EventStreamError::new(ErrorKind::MissingHeader { name }))
    }
}

/// A message classified by its `:message-type`, borrowing from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageType<'a> {
    /// `:message-type: event`: one member of the stream's union.
    Event {
        /// `:event-type`: the union member's name; possibly one the
        /// caller's model does not know.
        event_type: &'a str,
        /// `:content-type`, if present.
        content_type: Option<&'a str>,
        /// The payload.
        payload: &'a [u8],
    },
    /// `:message-type: exception`: a modelled error, one of the union's
    /// error members.
    Exception {
        /// `:exception-type`: the union member's name.
        exception_type: &'a str,
        /// `:content-type`, if present.
        content_type: Option<&'a str>,
        /// The payload (the error structure).
        payload: &'a [u8],
    },
    /// `:message-type: error`: an error the model does not describe.
    Error {
        /// `:error-code`.
        code: &'a str,
        /// `:error-message`, if present.
        message: Option<&'a str>,
    },
}
