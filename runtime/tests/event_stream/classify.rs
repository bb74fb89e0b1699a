//! `Message::classify`: events (known or not), modelled exceptions and
//! unmodelled errors, and messages whose type headers are missing or wrong.

use shapesmith_runtime::event_stream::{encode, ErrorKind, HeaderValue, Message, MessageType};

use super::support::decode_one;

/// Classifies the message after a trip through the wire.
fn classified(message: Message) -> Message {
    decode_one(&encode(&message).unwrap())
}

#[test]
fn an_event() {
    let message = classified(
        Message::new(r#"{"foo":"bar"}"#)
            .with_header(":message-type", "event")
            .with_header(":event-type", "StructureEvent")
            .with_header(":content-type", "application/json"),
    );
    assert_eq!(
        message.classify().unwrap(),
        MessageType::Event {
            event_type: "StructureEvent",
            content_type: Some("application/json"),
            payload: br#"{"foo":"bar"}"#,
        }
    );
}

/// An event type no model lists is still an event: the generated code
/// maps it to its `Unknown` variant.
#[test]
fn an_unknown_event_type_is_fine() {
    let message = classified(
        Message::new(Vec::new())
            .with_header(":event-type", "AddedNextYear")
            .with_header(":message-type", "event"),
    );
    assert_eq!(
        message.classify().unwrap(),
        MessageType::Event {
            event_type: "AddedNextYear",
            content_type: None,
            payload: b"",
        }
    );
}

#[test]
fn an_exception() {
    let message = classified(
        Message::new(r#"{"message":"slow down"}"#)
            .with_header(":message-type", "exception")
            .with_header(":exception-type", "ThrottlingException")
            .with_header(":content-type", "application/json"),
    );
    assert_eq!(
        message.classify().unwrap(),
        MessageType::Exception {
            exception_type: "ThrottlingException",
            content_type: Some("application/json"),
            payload: br#"{"message":"slow down"}"#,
        }
    );
}

#[test]
fn an_error() {
    let message = classified(
        Message::new(Vec::new())
            .with_header(":message-type", "error")
            .with_header(":error-code", "InternalError")
            .with_header(":error-message", "An internal server error occurred."),
    );
    assert_eq!(
        message.classify().unwrap(),
        MessageType::Error {
            code: "InternalError",
            message: Some("An internal server error occurred."),
        }
    );
    // Without a message, the code still comes through.
    let message = Message::new(Vec::new())
        .with_header(":message-type", "error")
        .with_header(":error-code", "InternalError");
    assert_eq!(
        message.classify().unwrap(),
        MessageType::Error {
            code: "InternalError",
            message: None
        }
    );
}

fn classify_error(message: &Message) -> ErrorKind {
    let error = message.classify().unwrap_err();
    assert_eq!(error.offset(), None);
    error.kind().clone()
}

#[test]
fn a_missing_or_unknown_message_type_is_an_error() {
    assert_eq!(
        classify_error(&Message::new("p").with_header(":event-type", "A")),
        ErrorKind::MissingHeader { name: ":message-type" }
    );
    assert_eq!(
        classify_error(&Message::new("p").with_header(":message-type", "Event")),
        ErrorKind::UnknownMessageType {
            value: "Event".to_owned()
        }
    );
    assert_eq!(
        classify_error(&Message::new("p").with_header(":message-type", HeaderValue::ByteArray(b"event".to_vec()))),
        ErrorKind::HeaderNotString { name: ":message-type" }
    );
    assert_eq!(
        Message::new("p")
            .with_header(":message-type", "initial-response")
            .classify()
            .unwrap_err()
            .to_string(),
        "event stream: unknown `:message-type` `initial-response`"
    );
}

#[test]
fn each_type_needs_its_headers() {
    assert_eq!(
        classify_error(&Message::new("p").with_header(":message-type", "event")),
        ErrorKind::MissingHeader { name: ":event-type" }
    );
    assert_eq!(
        classify_error(&Message::new("p").with_header(":message-type", "exception")),
        ErrorKind::MissingHeader {
            name: ":exception-type"
        }
    );
    assert_eq!(
        classify_error(&Message::new("p").with_header(":message-type", "error")),
        ErrorKind::MissingHeader { name: ":error-code" }
    );
    assert_eq!(
        classify_error(
            &Message::new("p")
                .with_header(":message-type", "event")
                .with_header(":event-type", 3i32)
        ),
        ErrorKind::HeaderNotString { name: ":event-type" }
    );
    assert_eq!(
        classify_error(
            &Message::new("p")
                .with_header(":message-type", "event")
                .with_header(":event-type", "A")
                .with_header(":content-type", true)
        ),
        ErrorKind::HeaderNotString { name: ":content-type" }
    );
}

/// With a header repeated, the first one decides.
#[test]
fn the_first_of_duplicate_headers_decides() {
    let message = classified(
        Message::new("p")
            .with_header(":message-type", "event")
            .with_header(":message-type", "error")
            .with_header(":event-type", "First")
            .with_header(":event-type", "Second"),
    );
    assert!(matches!(
        message.classify().unwrap(),
        MessageType::Event {
            event_type: "First",
            ..
        }
    ));
}
