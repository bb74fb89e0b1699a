//! Each malformed frame is an error that names what is wrong and the byte
//! of the stream where it is; none panics.

use shapesmith_runtime::event_stream::{ErrorKind, MAX_HEADERS_LENGTH, MAX_MESSAGE_LENGTH};

use super::support::{decode_all, decode_error, frame, frame_with_lengths, header, reference_crc32, string_header};

#[test]
fn bad_prelude_crc() {
    let mut bytes = frame(&string_header("k", "v"), b"payload");
    bytes[9] ^= 0x10;
    let (kind, offset) = decode_error(&bytes);
    let ErrorKind::PreludeCrc { expected, actual } = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(actual, reference_crc32(&bytes[..8]));
    assert_eq!(expected, u32::from_be_bytes(bytes[8..12].try_into().unwrap()));
    assert_eq!(offset, Some(8));
}

#[test]
fn bad_message_crc() {
    let mut bytes = frame(&string_header("k", "v"), b"payload");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    let (kind, offset) = decode_error(&bytes);
    assert!(matches!(kind, ErrorKind::MessageCrc { .. }), "{kind:?}");
    assert_eq!(offset, Some(bytes.len() as u64 - 4));
    // A flipped payload or header byte too.
    for at in [12, 14, 20] {
        let mut bytes = frame(&string_header("k", "v"), b"payload");
        bytes[at] ^= 0x80;
        assert!(
            matches!(decode_error(&bytes).0, ErrorKind::MessageCrc { .. }),
            "byte {at}"
        );
    }
}

#[test]
fn total_length_below_16() {
    for total in [0, 1, 12, 15] {
        let bytes = frame_with_lengths(total, 0, &[], &[]);
        let (kind, offset) = decode_error(&bytes);
        assert_eq!(kind, ErrorKind::MessageLength { length: total });
        assert_eq!(offset, Some(0));
    }
}

#[test]
fn total_length_above_16_mib() {
    for total in [MAX_MESSAGE_LENGTH + 1, u32::MAX] {
        // Only the prelude: the length is refused before anything else is
        // waited for.
        let mut prelude = total.to_be_bytes().to_vec();
        prelude.extend_from_slice(&0u32.to_be_bytes());
        prelude.extend_from_slice(&reference_crc32(&prelude.clone()).to_be_bytes());
        let (kind, offset) = decode_error(&prelude);
        assert_eq!(kind, ErrorKind::MessageLength { length: total });
        assert_eq!(offset, Some(0));
    }
}

#[test]
fn a_message_of_exactly_16_mib_is_accepted() {
    let payload = vec![0u8; MAX_MESSAGE_LENGTH as usize - 16];
    let bytes = frame(&[], &payload);
    assert_eq!(decode_all(&bytes).unwrap()[0].payload.len(), payload.len());
}

#[test]
fn headers_length_above_128_kib() {
    let length = MAX_HEADERS_LENGTH + 1;
    let bytes = frame_with_lengths(1 << 20, length, &[], &[]);
    let (kind, offset) = decode_error(&bytes);
    assert_eq!(kind, ErrorKind::HeadersLength { length });
    assert_eq!(offset, Some(4));
}

#[test]
fn headers_length_exceeding_the_total() {
    // 16 + 5 > 20: the headers cannot fit beside the prelude and CRCs.
    let bytes = frame_with_lengths(20, 5, &[0; 4], &[]);
    let (kind, offset) = decode_error(&bytes);
    assert_eq!(
        kind,
        ErrorKind::HeadersExceedMessage {
            total_length: 20,
            headers_length: 5
        }
    );
    assert_eq!(offset, Some(4));
    assert_eq!(
        shapesmith_runtime::event_stream::EventStreamError::to_string(&decode_all(&bytes).unwrap_err()),
        "event stream: headers length 5 does not fit in a message of total length 20 at byte 4"
    );
}

#[test]
fn truncated_headers() {
    let cases: [&[u8]; 7] = [
        &[5, b'a', b'b'],                // name shorter than its length
        &[1, b'a'],                      // no type byte
        &[1, b'a', 4, 0, 0],             // i32 cut short
        &[1, b'a', 5, 0, 0, 0, 0, 0, 0], // i64 cut short
        &[1, b'a', 7, 0],                // string length cut short
        &[1, b'a', 6, 0, 9, 1, 2, 3],    // byte array shorter than its length
        &[1, b'a', 9, 1, 2, 3],          // uuid cut short
    ];
    for headers in cases {
        // A whole first header, then the truncated one: the offset is the
        // start of the truncated header.
        let mut section = header(b"ok", 0, &[]);
        section.extend_from_slice(headers);
        let bytes = frame(&section, b"payload after");
        let (kind, offset) = decode_error(&bytes);
        assert_eq!(kind, ErrorKind::TruncatedHeader, "{headers:?}");
        assert_eq!(offset, Some(12 + 4), "{headers:?}");
    }
}

#[test]
fn unknown_header_type() {
    for value_type in [10, 11, 0x7F, 0xFF] {
        let bytes = frame(&header(b"name", value_type, &[0; 8]), b"");
        let (kind, offset) = decode_error(&bytes);
        assert_eq!(kind, ErrorKind::UnknownHeaderType { value_type });
        // Prelude 12, name length 1, name 4: the type byte is byte 17.
        assert_eq!(offset, Some(17));
        assert!(decode_all(&bytes)
            .unwrap_err()
            .to_string()
            .contains(&format!("unknown header value type {value_type} at byte 17")));
    }
}

#[test]
fn empty_header_name() {
    let bytes = frame(&[0, 0], b"");
    assert_eq!(decode_error(&bytes), (ErrorKind::EmptyHeaderName, Some(12)));
}

#[test]
fn non_utf8_header_name() {
    for name in [&[0xFF][..], &[b'a', 0xC3], &[0xED, 0xA0, 0x80]] {
        let bytes = frame(&header(name, 0, &[]), b"");
        assert_eq!(
            decode_error(&bytes),
            (ErrorKind::HeaderNameNotUtf8, Some(13)),
            "{name:?}"
        );
    }
}

#[test]
fn non_utf8_string_value() {
    let bytes = frame(&header(b"bad", 7, &[0, 2, 0xC3, 0x28]), b"");
    let (kind, offset) = decode_error(&bytes);
    assert_eq!(kind, ErrorKind::HeaderValueNotUtf8 { name: "bad".to_owned() });
    assert_eq!(offset, Some(12 + 1 + 3 + 1));
    // The same bytes as a byte array are fine.
    let bytes = frame(&header(b"bad", 6, &[0, 2, 0xC3, 0x28]), b"");
    assert_eq!(decode_all(&bytes).unwrap().len(), 1);
}

/// Byte arrays and strings longer than the encoder writes (2^15 - 1) but
/// within their `u16` length are read: a receiver has no reason to refuse
/// them.
#[test]
fn values_up_to_u16_max_are_read() {
    let mut value = u16::MAX.to_be_bytes().to_vec();
    value.extend(std::iter::repeat_n(b'x', usize::from(u16::MAX)));
    let bytes = frame(&header(b"long", 7, &value), b"");
    let messages = decode_all(&bytes).unwrap();
    assert_eq!(
        messages[0].header("long").and_then(|v| v.as_str()).map(str::len),
        Some(65_535)
    );
}

/// Every prefix and every single-byte corruption of a frame with every
/// header type is an error or a message, never a panic.
#[test]
fn every_corruption_is_an_error_not_a_panic() {
    let mut section = Vec::new();
    for (value_type, value) in [
        (0u8, &[][..]),
        (2, &[1]),
        (3, &[1, 2]),
        (4, &[1, 2, 3, 4]),
        (5, &[1; 8]),
        (6, &[0, 2, 1, 2]),
        (7, &[0, 2, b'o', b'k']),
        (8, &[2; 8]),
        (9, &[3; 16]),
    ] {
        section.extend(header(b"h", value_type, value));
    }
    let bytes = frame(&section, b"payload");
    for cut in 0..bytes.len() {
        assert!(decode_all(&bytes[..cut]).is_err() || cut == 0);
    }
    for at in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xFF] {
            let mut corrupt = bytes.clone();
            corrupt[at] ^= flip;
            assert!(decode_all(&corrupt).is_err(), "byte {at} ^ {flip:#x} went unnoticed");
        }
    }
}
