//! Encoding then decoding gives the message back, for every header type
//! and its extreme values, and for random messages.

use shapesmith_runtime::event_stream::{encode, Header, HeaderValue, Message, MAX_HEADER_VALUE_LENGTH};

use super::support::{decode_all, decode_one, reference_crc32, Rng};

fn round_trip(message: &Message) {
    let bytes = encode(message).unwrap_or_else(|e| panic!("{message:?} should encode: {e}"));
    // The frame is what the specification says, checked here field by field.
    let total = u32::from_be_bytes(bytes[0..4].try_into().unwrap());
    assert_eq!(usize::try_from(total).unwrap(), bytes.len());
    let headers_length = usize::try_from(u32::from_be_bytes(bytes[4..8].try_into().unwrap())).unwrap();
    assert_eq!(bytes[8..12], reference_crc32(&bytes[0..8]).to_be_bytes());
    assert_eq!(bytes[12 + headers_length..bytes.len() - 4], message.payload[..]);
    assert_eq!(
        bytes[bytes.len() - 4..],
        reference_crc32(&bytes[..bytes.len() - 4]).to_be_bytes()
    );
    assert_eq!(&decode_one(&bytes), message);
}

#[test]
fn every_header_type_round_trips() {
    let values = [
        HeaderValue::Bool(true),
        HeaderValue::Bool(false),
        HeaderValue::Byte(0),
        HeaderValue::Byte(i8::MIN),
        HeaderValue::Byte(i8::MAX),
        HeaderValue::Short(i16::MIN),
        HeaderValue::Short(i16::MAX),
        HeaderValue::Integer(i32::MIN),
        HeaderValue::Integer(-1),
        HeaderValue::Integer(i32::MAX),
        HeaderValue::Long(i64::MIN),
        HeaderValue::Long(i64::MAX),
        HeaderValue::ByteArray(Vec::new()),
        HeaderValue::ByteArray(vec![0, 255, 1, 254]),
        HeaderValue::ByteArray(vec![0xAB; MAX_HEADER_VALUE_LENGTH]),
        HeaderValue::String(String::new()),
        HeaderValue::String("application/json".to_owned()),
        HeaderValue::String("héllo wörld ✓ 🦀".to_owned()),
        HeaderValue::String("x".repeat(MAX_HEADER_VALUE_LENGTH)),
        HeaderValue::Timestamp(0),
        HeaderValue::Timestamp(-1),
        HeaderValue::Timestamp(1_700_000_000_123),
        HeaderValue::Timestamp(i64::MIN),
        HeaderValue::Timestamp(i64::MAX),
        HeaderValue::Uuid([0; 16]),
        HeaderValue::Uuid([0xFF; 16]),
    ];
    for value in &values {
        round_trip(&Message::new(b"payload".to_vec()).with_header("h", value.clone()));
    }
    // All of them in one message, in order.
    let headers = values
        .iter()
        .enumerate()
        .map(|(i, value)| Header::new(format!("header-{i}"), value.clone()))
        .filter(|header| !matches!(&header.value, HeaderValue::ByteArray(b) if b.len() > 100))
        .collect();
    round_trip(&Message {
        headers,
        payload: Vec::new(),
    });
}

/// The wire form of each type byte, written out: the decoder reads the
/// bytes the specification gives, not only what this encoder writes.
#[test]
fn each_type_byte_has_the_specified_layout() {
    let cases: [(u8, &[u8], HeaderValue); 10] = [
        (0, &[], HeaderValue::Bool(true)),
        (1, &[], HeaderValue::Bool(false)),
        (2, &[0xFE], HeaderValue::Byte(-2)),
        (3, &[0x01, 0x02], HeaderValue::Short(0x0102)),
        (4, &[0xFF, 0xFF, 0xFF, 0xFE], HeaderValue::Integer(-2)),
        (5, &[0, 0, 0, 1, 0, 0, 0, 2], HeaderValue::Long(0x1_0000_0002)),
        (6, &[0x00, 0x02, 0xCA, 0xFE], HeaderValue::ByteArray(vec![0xCA, 0xFE])),
        (7, &[0x00, 0x02, b'o', b'k'], HeaderValue::String("ok".to_owned())),
        (8, &[0, 0, 0, 0, 0, 0, 0x03, 0xE8], HeaderValue::Timestamp(1000)),
        (9, &[7; 16], HeaderValue::Uuid([7; 16])),
    ];
    for (value_type, value_bytes, value) in cases {
        let headers = super::support::header(b"n", value_type, value_bytes);
        let frame = super::support::frame(&headers, b"");
        let expected = Message::new(Vec::new()).with_header("n", value);
        assert_eq!(decode_one(&frame), expected, "type {value_type}");
        assert_eq!(encode(&expected).unwrap(), frame, "type {value_type}");
    }
}

#[test]
fn names_of_1_and_255_bytes_and_utf8_names_round_trip() {
    round_trip(&Message::new("p").with_header("a", 1i32));
    round_trip(&Message::new("p").with_header("n".repeat(255), 1i32));
    round_trip(&Message::new("p").with_header("ünïcødé-🦀", "v"));
}

#[test]
fn duplicate_headers_are_kept_and_lookup_takes_the_first() {
    let message = Message::new("p")
        .with_header("dup", "first")
        .with_header("other", 1i32)
        .with_header("dup", "second");
    let decoded = decode_one(&encode(&message).unwrap());
    assert_eq!(decoded.headers.len(), 3);
    assert_eq!(decoded.header("dup"), Some(&HeaderValue::String("first".to_owned())));
    assert_eq!(decoded.header("Dup"), None, "names are case-sensitive");
    assert_eq!(decoded, message);
}

#[test]
fn payloads_of_any_size_round_trip() {
    for length in [0, 1, 2, 3, 4, 255, 256, 65_536, 1 << 20] {
        let payload: Vec<u8> = (0..length).map(|i| (i % 251) as u8).collect();
        round_trip(&Message::new(payload).with_header(":message-type", "event"));
    }
}

fn random_value(rng: &mut Rng) -> HeaderValue {
    match rng.below(10) {
        0 => HeaderValue::Bool(true),
        1 => HeaderValue::Bool(false),
        2 => HeaderValue::Byte(rng.next() as i8),
        3 => HeaderValue::Short(rng.next() as i16),
        4 => HeaderValue::Integer(rng.next() as i32),
        5 => HeaderValue::Long(rng.next() as i64),
        6 => {
            let length = rng.below(40);
            HeaderValue::ByteArray(rng.bytes(length))
        }
        7 => {
            let length = rng.below(40);
            HeaderValue::String(rng.bytes(length).iter().map(|b| char::from(b'a' + b % 26)).collect())
        }
        8 => HeaderValue::Timestamp(rng.next() as i64),
        _ => HeaderValue::Uuid(rng.bytes(16).try_into().unwrap()),
    }
}

/// Random messages, concatenated and pushed in random chunks, come back
/// in order.
#[test]
fn random_messages_round_trip_through_random_chunks() {
    let mut rng = Rng::new(0x5EED);
    for _ in 0..200 {
        let messages: Vec<Message> = (0..1 + rng.below(5))
            .map(|_| {
                let headers = (0..rng.below(6))
                    .map(|i| Header::new(format!("h{i}-{}", rng.below(1000)), random_value(&mut rng)))
                    .collect();
                let length = rng.below(300);
                Message {
                    headers,
                    payload: rng.bytes(length),
                }
            })
            .collect();
        let stream: Vec<u8> = messages.iter().flat_map(|m| encode(m).unwrap()).collect();
        let size = 1 + rng.below(64);
        assert_eq!(super::support::decode_chunked(&stream, size).unwrap(), messages);
        assert_eq!(decode_all(&stream).unwrap(), messages);
    }
}
