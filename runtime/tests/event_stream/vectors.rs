//! Frames from outside this code: one written out byte by byte from the
//! specification, and AWS's public test vectors (the `encoded/positive`
//! and `encoded/negative` cases shared by aws-c-event-stream and the AWS
//! SDKs, transcribed from the byte arrays of aws-sdk-js-v3's
//! `packages/eventstream-codec/src/TestVectors.fixture.ts`).

use shapesmith_runtime::event_stream::{crc32, encode, ErrorKind, Header, HeaderValue, Message};

use super::support::{decode_error, decode_one, reference_crc32};

#[test]
fn crc32_has_the_standard_check_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(reference_crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    // The table one agrees with the bitwise one on every byte value and
    // on a longer input.
    for byte in 0..=255u8 {
        assert_eq!(crc32(&[byte]), reference_crc32(&[byte]), "byte {byte}");
    }
    let long: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
    assert_eq!(crc32(&long), reference_crc32(&long));
}

/// An event written out field by field as the specification lays it out:
/// two string headers, `:message-type: event` and `:event-type: Chunk`,
/// and the payload `hi`.
#[test]
fn a_frame_written_from_the_specification() {
    // Headers: 1 + 13 + 1 + 2 + 5 = 22 and 1 + 11 + 1 + 2 + 5 = 20 bytes.
    // Total: prelude 8 + CRC 4 + headers 42 + payload 2 + CRC 4 = 60.
    let mut frame: Vec<u8> = vec![
        0x00, 0x00, 0x00, 0x3c, // total length 60
        0x00, 0x00, 0x00, 0x2a, // headers length 42
    ];
    frame.extend_from_slice(&reference_crc32(&frame).to_be_bytes());
    frame.push(0x0d); // name length 13
    frame.extend_from_slice(b":message-type");
    frame.extend_from_slice(&[0x07, 0x00, 0x05]); // string, length 5
    frame.extend_from_slice(b"event");
    frame.push(0x0b); // name length 11
    frame.extend_from_slice(b":event-type");
    frame.extend_from_slice(&[0x07, 0x00, 0x05]);
    frame.extend_from_slice(b"Chunk");
    frame.extend_from_slice(b"hi");
    frame.extend_from_slice(&reference_crc32(&frame).to_be_bytes());
    assert_eq!(frame.len(), 60);

    let expected = Message::new("hi")
        .with_header(":message-type", "event")
        .with_header(":event-type", "Chunk");
    assert_eq!(decode_one(&frame), expected);
    assert_eq!(encode(&expected).unwrap(), frame);
}

/// `empty_message`: no headers, no payload; the 16-byte minimum.
const EMPTY_MESSAGE: [u8; 16] = [0, 0, 0, 16, 0, 0, 0, 0, 5, 194, 72, 235, 125, 152, 200, 255];

/// `payload_no_headers`.
const PAYLOAD_NO_HEADERS: [u8; 29] = [
    0, 0, 0, 29, 0, 0, 0, 0, 253, 82, 140, 90, 123, 39, 102, 111, 111, 39, 58, 39, 98, 97, 114, 39, 125, 195, 101, 57,
    54,
];

/// `payload_one_str_header`.
const PAYLOAD_ONE_STR_HEADER: [u8; 61] = [
    0, 0, 0, 61, 0, 0, 0, 32, 7, 253, 131, 150, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16,
    97, 112, 112, 108, 105, 99, 97, 116, 105, 111, 110, 47, 106, 115, 111, 110, 123, 39, 102, 111, 111, 39, 58, 39, 98,
    97, 114, 39, 125, 141, 156, 8, 177,
];

/// `int32_header`.
const INT32_HEADER: [u8; 45] = [
    0, 0, 0, 45, 0, 0, 0, 16, 65, 196, 36, 184, 10, 101, 118, 101, 110, 116, 45, 116, 121, 112, 101, 4, 0, 0, 160, 12,
    123, 39, 102, 111, 111, 39, 58, 39, 98, 97, 114, 39, 125, 54, 244, 128, 160,
];

/// `all_headers`: one header of every type.
const ALL_HEADERS: [u8; 204] = [
    0, 0, 0, 204, 0, 0, 0, 175, 15, 174, 100, 202, 10, 101, 118, 101, 110, 116, 45, 116, 121, 112, 101, 4, 0, 0, 160,
    12, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16, 97, 112, 112, 108, 105, 99, 97, 116,
    105, 111, 110, 47, 106, 115, 111, 110, 10, 98, 111, 111, 108, 32, 102, 97, 108, 115, 101, 1, 9, 98, 111, 111, 108,
    32, 116, 114, 117, 101, 0, 4, 98, 121, 116, 101, 2, 207, 8, 98, 121, 116, 101, 32, 98, 117, 102, 6, 0, 20, 73, 39,
    109, 32, 97, 32, 108, 105, 116, 116, 108, 101, 32, 116, 101, 97, 112, 111, 116, 33, 9, 116, 105, 109, 101, 115,
    116, 97, 109, 112, 8, 0, 0, 0, 0, 0, 132, 95, 237, 5, 105, 110, 116, 49, 54, 3, 0, 42, 5, 105, 110, 116, 54, 52, 5,
    0, 0, 0, 0, 2, 135, 87, 178, 4, 117, 117, 105, 100, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 123,
    39, 102, 111, 111, 39, 58, 39, 98, 97, 114, 39, 125, 171, 165, 241, 12,
];

const FOO_BAR: &[u8] = b"{'foo':'bar'}";

/// Decodes `bytes` to `expected`, and encodes `expected` back to `bytes`
/// (the vectors keep the headers in the order they are listed here).
fn check_vector(bytes: &[u8], expected: &Message) {
    assert_eq!(&decode_one(bytes), expected);
    assert_eq!(encode(expected).unwrap(), bytes);
}

#[test]
fn empty_message() {
    check_vector(&EMPTY_MESSAGE, &Message::default());
}

#[test]
fn payload_no_headers() {
    check_vector(&PAYLOAD_NO_HEADERS, &Message::new(FOO_BAR));
}

#[test]
fn payload_one_str_header() {
    check_vector(
        &PAYLOAD_ONE_STR_HEADER,
        &Message::new(FOO_BAR).with_header("content-type", "application/json"),
    );
}

#[test]
fn int32_header() {
    check_vector(
        &INT32_HEADER,
        &Message::new(FOO_BAR).with_header("event-type", 40972i32),
    );
}

#[test]
fn all_headers() {
    let expected = Message {
        headers: vec![
            Header::new("event-type", 40972i32),
            Header::new("content-type", "application/json"),
            Header::new("bool false", false),
            Header::new("bool true", true),
            Header::new("byte", -49i8),
            Header::new("byte buf", b"I'm a little teapot!".to_vec()),
            Header::new("timestamp", HeaderValue::Timestamp(8_675_309)),
            Header::new("int16", 42i16),
            Header::new("int64", 42_424_242i64),
            Header::new(
                "uuid",
                HeaderValue::Uuid([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
            ),
        ],
        payload: FOO_BAR.to_vec(),
    };
    check_vector(&ALL_HEADERS, &expected);
}

/// `corrupted_headers` and `corrupted_payload`: a payload byte changed
/// after the CRCs were computed.
#[test]
fn corrupted_payloads_fail_the_message_crc() {
    let mut corrupted_headers = PAYLOAD_ONE_STR_HEADER;
    corrupted_headers[45] = 97;
    let (kind, offset) = decode_error(&corrupted_headers);
    assert!(
        matches!(
            kind,
            ErrorKind::MessageCrc {
                expected: 0x8d9c_08b1,
                ..
            }
        ),
        "{kind:?}"
    );
    assert_eq!(offset, Some(57));

    let mut corrupted_payload = PAYLOAD_NO_HEADERS;
    corrupted_payload[12] = 91;
    let (kind, offset) = decode_error(&corrupted_payload);
    assert!(
        matches!(
            kind,
            ErrorKind::MessageCrc {
                expected: 0xc365_3936,
                ..
            }
        ),
        "{kind:?}"
    );
    assert_eq!(offset, Some(25));
}

/// `corrupted_header_len` and `corrupted_length`: a prelude length
/// changed, which its CRC catches before the length is used.
#[test]
fn corrupted_lengths_fail_the_prelude_crc() {
    let mut corrupted_header_len = PAYLOAD_ONE_STR_HEADER;
    corrupted_header_len[7] = 33;
    let (kind, offset) = decode_error(&corrupted_header_len);
    assert!(
        matches!(
            kind,
            ErrorKind::PreludeCrc {
                expected: 0x07fd_8396,
                ..
            }
        ),
        "{kind:?}"
    );
    assert_eq!(offset, Some(8));

    let mut corrupted_length = PAYLOAD_ONE_STR_HEADER;
    corrupted_length[3] = 62;
    let (kind, _) = decode_error(&corrupted_length);
    assert!(matches!(kind, ErrorKind::PreludeCrc { .. }), "{kind:?}");
}
