//! The `application/vnd.amazon.eventstream` codec (`event_stream`): frames
//! written out byte by byte from the specification and AWS's public test
//! vectors, round trips of every header type, streams split at every byte,
//! each malformed frame as an error naming what and where, classification
//! by `:message-type`, and encoder limits. The CRCs the tests expect come
//! from a bitwise CRC-32 written here, not from the table one under test.
#![cfg(feature = "event-stream")]

#[path = "event_stream/support.rs"]
mod support;

#[path = "event_stream/classify.rs"]
mod classify;
#[path = "event_stream/decode_errors.rs"]
mod decode_errors;
#[path = "event_stream/encode_errors.rs"]
mod encode_errors;
#[path = "event_stream/round_trip.rs"]
mod round_trip;
#[path = "event_stream/streaming.rs"]
mod streaming;
#[path = "event_stream/vectors.rs"]
mod vectors;
