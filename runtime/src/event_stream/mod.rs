//! The `application/vnd.amazon.eventstream` framing, sans I/O: the binary
//! messages in which AWS services stream events (`@streaming` unions) over
//! one HTTP body, as the Amazon Event Stream Specification
//! (<https://smithy.io/2.0/aws/amazon-eventstream.html>) describes them.
//!
//! # The format
//!
//! A stream is a sequence of messages, each of them:
//!
//! | bytes | field |
//! | --- | --- |
//! | 4 | total length of the message, big-endian, 16 to 16 MiB |
//! | 4 | length of the headers section, big-endian, at most 128 KiB |
//! | 4 | CRC-32 of the 8 bytes above (the prelude) |
//! | headers length | headers |
//! | the rest | payload |
//! | 4 | CRC-32 of every byte of the message before it |
//!
//! The CRCs are CRC-32 as zlib and gzip compute it ([`crc32`]). A header
//! is a name length (one byte), the name (1 to 255 bytes of UTF-8), a type
//! byte and a value: `true` (0) and `false` (1) with no bytes, `i8` (2),
//! `i16` (3), `i32` (4), `i64` (5), a byte array (6) or a UTF-8 string (7)
//! after a `u16` length, a timestamp in milliseconds as an `i64` (8), a
//! UUID as 16 bytes (9); integers are big-endian ([`HeaderValue`]).
//!
//! On top of the framing, headers say what a message is
//! ([`Message::classify`]): `:message-type` is `event` (with
//! `:event-type`, the member of the stream's union, and `:content-type`),
//! `exception` (a modelled error: `:exception-type`, `:content-type`) or
//! `error` (an unmodelled one: `:error-code`, `:error-message`).
//!
//! # Reading a streamed body
//!
//! The [`Decoder`] takes the body's bytes as they arrive, in chunks split
//! anywhere, and gives each message once whole; the caller's HTTP client
//! does the I/O:
//!
//! ```text
//! let mut decoder = Decoder::new();
//! for chunk in body {                     // the body's chunks, as they arrive
//!     decoder.push(&chunk);
//!     while let Some(message) = decoder.next_message()? {
//!         match message.classify()? {
//!             MessageType::Event { event_type, payload, .. } => { /* the union member */ }
//!             MessageType::Exception { exception_type, payload, .. } => { /* a modelled error */ }
//!             MessageType::Error { code, message } => { /* an unmodelled error */ }
//!         }
//!     }
//! }
//! decoder.finish()?;                      // the body ended: nothing may be left over
//! ```
//!
//! (Not compiled here, as this file is also copied into generated crates,
//! which do not depend on `shapesmith-runtime`; the runtime's crate
//! documentation has it as a tested example.)
//!
//! Every malformed input is an [`EventStreamError`] naming what is wrong
//! and at which byte of the stream, never a panic; after one, the decoder
//! refuses the rest of the stream, as the specification requires.

mod decoder;
mod error;
mod events;
mod frame;
mod header;
mod message;

pub use decoder::Decoder;
pub use error::{ErrorKind, EventStreamError};
pub use events::EventError;
#[doc(hidden)]
pub use events::{event_header, event_of, json_payload, FromHeaderValue, ToHeaderValue};
pub use frame::{crc32, encode, MAX_HEADERS_LENGTH, MAX_MESSAGE_LENGTH};
pub use header::{Header, HeaderValue, MAX_HEADER_VALUE_LENGTH};
pub use message::{Message, MessageType};
