//! What the encoder refuses: names outside 1..=255 bytes, values longer
//! than the specification allows, and headers or messages above the
//! limits.

use shapesmith_runtime::event_stream::{
    encode, ErrorKind, Header, Message, MAX_HEADERS_LENGTH, MAX_HEADER_VALUE_LENGTH, MAX_MESSAGE_LENGTH,
};

fn encode_error(message: &Message) -> ErrorKind {
    let error = encode(message).unwrap_err();
    assert_eq!(
        error.offset(),
        None,
        "encoding errors concern a message, not a stream position"
    );
    error.kind().clone()
}

#[test]
fn header_names_must_be_1_to_255_bytes() {
    assert_eq!(
        encode_error(&Message::new("p").with_header("", 1i32)),
        ErrorKind::HeaderNameLength { length: 0 }
    );
    assert_eq!(
        encode_error(&Message::new("p").with_header("n".repeat(256), 1i32)),
        ErrorKind::HeaderNameLength { length: 256 }
    );
    // 255 bytes of multi-byte characters: bytes count, not characters.
    assert_eq!(
        encode_error(&Message::new("p").with_header("é".repeat(128), 1i32)),
        ErrorKind::HeaderNameLength { length: 256 }
    );
}

#[test]
fn values_must_fit_the_specification() {
    let too_long = MAX_HEADER_VALUE_LENGTH + 1;
    assert_eq!(
        encode_error(&Message::new("p").with_header("s", "x".repeat(too_long))),
        ErrorKind::HeaderValueTooLong {
            name: "s".to_owned(),
            length: too_long
        }
    );
    assert_eq!(
        encode_error(&Message::new("p").with_header("b", vec![0u8; too_long])),
        ErrorKind::HeaderValueTooLong {
            name: "b".to_owned(),
            length: too_long
        }
    );
    let error = encode(&Message::new("p").with_header("b", vec![0u8; 70_000])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "event stream: value of header `b` is 70000 bytes long, above the maximum of 32767"
    );
}

#[test]
fn headers_must_fit_128_kib() {
    // Five 30000-byte values: each is allowed, together they are too long.
    let headers: Vec<Header> = (0..5)
        .map(|i| Header::new(format!("h{i}"), vec![0u8; 30_000]))
        .collect();
    let length = 5 * (1 + 2 + 1 + 2 + 30_000);
    assert!(length > MAX_HEADERS_LENGTH as usize);
    assert_eq!(
        encode_error(&Message {
            headers,
            payload: Vec::new()
        }),
        ErrorKind::HeadersTooLong { length }
    );
}

#[test]
fn messages_must_fit_16_mib() {
    let largest = MAX_MESSAGE_LENGTH as usize - 16;
    assert_eq!(
        encode(&Message::new(vec![0u8; largest])).unwrap().len(),
        MAX_MESSAGE_LENGTH as usize
    );
    assert_eq!(
        encode_error(&Message::new(vec![0u8; largest + 1])),
        ErrorKind::MessageTooLong {
            length: MAX_MESSAGE_LENGTH as usize + 1
        }
    );
}
