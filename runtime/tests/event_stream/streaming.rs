//! The incremental decoder: frames split at any byte, several frames in
//! one push, what is buffered, and how a stream may end.

use shapesmith_runtime::event_stream::{encode, Decoder, ErrorKind, Message};

use super::support::decode_chunked;

fn three_messages() -> (Vec<Message>, Vec<u8>) {
    let messages = vec![
        Message::new("first")
            .with_header(":message-type", "event")
            .with_header(":event-type", "A"),
        Message::default(),
        Message::new(vec![7u8; 300]).with_header("n", 5i64),
    ];
    let stream = messages.iter().flat_map(|m| encode(m).unwrap()).collect();
    (messages, stream)
}

#[test]
fn one_byte_at_a_time() {
    let (messages, stream) = three_messages();
    let mut decoder = Decoder::new();
    let mut decoded = Vec::new();
    for (i, byte) in stream.iter().enumerate() {
        decoder.push(&[*byte]);
        match decoder.next_message().unwrap() {
            Some(message) => decoded.push(message),
            None => assert!(decoder.buffered() > 0, "nothing buffered before byte {i}"),
        }
        assert_eq!(decoder.next_message().unwrap(), None, "one message per byte at most");
    }
    assert_eq!(decoded, messages);
    assert_eq!(decoder.buffered(), 0);
    decoder.finish().unwrap();
}

#[test]
fn every_chunk_size() {
    let (messages, stream) = three_messages();
    for size in 1..=stream.len() {
        assert_eq!(decode_chunked(&stream, size).unwrap(), messages, "chunks of {size}");
    }
}

#[test]
fn split_in_two_at_every_byte() {
    let (messages, stream) = three_messages();
    for at in 0..=stream.len() {
        let (head, tail) = stream.split_at(at);
        let mut decoder = Decoder::new();
        let mut decoded = Vec::new();
        for part in [head, tail] {
            decoder.push(part);
            while let Some(message) = decoder.next_message().unwrap() {
                decoded.push(message);
            }
        }
        decoder.finish().unwrap();
        assert_eq!(decoded, messages, "split at {at}");
    }
}

#[test]
fn several_frames_in_one_push() {
    let (messages, stream) = three_messages();
    let mut decoder = Decoder::new();
    decoder.push(&stream);
    assert_eq!(decoder.buffered(), stream.len());
    for message in &messages {
        assert_eq!(decoder.next_message().unwrap().as_ref(), Some(message));
    }
    assert_eq!(decoder.next_message().unwrap(), None);
    assert_eq!(decoder.buffered(), 0);
    decoder.finish().unwrap();
    // And the decoder goes on after: pushes drop what was taken.
    decoder.push(&stream);
    assert_eq!(decoder.next_message().unwrap().as_ref(), messages.first());
}

#[test]
fn many_small_frames_in_one_push() {
    let message = Message::new("x").with_header("k", "v");
    let frame = encode(&message).unwrap();
    let stream = frame.repeat(10_000);
    let mut decoder = Decoder::new();
    decoder.push(&stream);
    let mut count = 0;
    while let Some(decoded) = decoder.next_message().unwrap() {
        assert_eq!(decoded, message);
        count += 1;
    }
    assert_eq!(count, 10_000);
    decoder.finish().unwrap();
}

#[test]
fn an_empty_stream_finishes() {
    Decoder::new().finish().unwrap();
    let mut decoder = Decoder::new();
    decoder.push(&[]);
    assert_eq!(decoder.next_message().unwrap(), None);
    decoder.finish().unwrap();
}

#[test]
fn finish_inside_a_prelude_is_truncated() {
    let (_, stream) = three_messages();
    for cut in 1..12 {
        let mut decoder = Decoder::new();
        decoder.push(&stream[..cut]);
        assert_eq!(decoder.next_message().unwrap(), None);
        let error = decoder.finish().unwrap_err();
        assert_eq!(
            error.kind(),
            &ErrorKind::Truncated {
                buffered: cut,
                needed: None
            }
        );
        assert_eq!(error.offset(), Some(0));
    }
}

#[test]
fn finish_inside_a_later_message_is_truncated_at_its_start() {
    let (_, stream) = three_messages();
    let first = u32::from_be_bytes(stream[0..4].try_into().unwrap());
    let second_end = first + 16;
    let third_total = u32::from_be_bytes(stream[second_end as usize..second_end as usize + 4].try_into().unwrap());
    let cut = second_end as usize + 20;
    let mut decoder = Decoder::new();
    decoder.push(&stream[..cut]);
    assert!(decoder.next_message().unwrap().is_some());
    assert!(decoder.next_message().unwrap().is_some());
    assert_eq!(decoder.next_message().unwrap(), None);
    let error = decoder.finish().unwrap_err();
    assert_eq!(
        error.kind(),
        &ErrorKind::Truncated {
            buffered: 20,
            needed: Some(third_total)
        }
    );
    assert_eq!(error.offset(), Some(u64::from(second_end)));
    assert_eq!(
        error.to_string(),
        format!(
            "event stream: stream ends inside a message: 20 of its {third_total} bytes received at byte {second_end}"
        )
    );
}

#[test]
fn finish_with_a_message_not_taken() {
    let (_, stream) = three_messages();
    let mut decoder = Decoder::new();
    decoder.push(&stream);
    assert_eq!(decoder.finish().unwrap_err().kind(), &ErrorKind::UnreadMessage);
}

/// A corrupt prelude is reported as soon as its 12 bytes are in, without
/// waiting for the length it claims.
#[test]
fn a_bad_prelude_fails_before_the_rest_arrives() {
    let (_, mut stream) = three_messages();
    stream[1] = 0x7F;
    let mut decoder = Decoder::new();
    decoder.push(&stream[..11]);
    assert_eq!(decoder.next_message().unwrap(), None);
    decoder.push(&stream[11..12]);
    let error = decoder.next_message().unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::PreludeCrc { .. }));
}

/// After an error, the stream cannot be trusted: the decoder keeps
/// giving it, even when good frames follow.
#[test]
fn errors_are_final() {
    let good = encode(&Message::new("ok")).unwrap();
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let mut decoder = Decoder::new();
    decoder.push(&bad);
    decoder.push(&good);
    let error = decoder.next_message().unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::MessageCrc { .. }));
    assert_eq!(decoder.next_message().unwrap_err(), error);
    decoder.push(&good);
    assert_eq!(decoder.next_message().unwrap_err(), error);
    assert_eq!(decoder.finish().unwrap_err(), error);
}

/// Offsets count from the first byte pushed, across frames and pushes.
#[test]
fn error_offsets_are_stream_offsets() {
    let good = encode(&Message::new("ok").with_header("a", "b")).unwrap();
    let mut bad = encode(&Message::new("payload")).unwrap();
    let last = bad.len() - 1;
    bad[last] ^= 0xFF;
    let mut decoder = Decoder::new();
    for _ in 0..3 {
        decoder.push(&good);
        assert!(decoder.next_message().unwrap().is_some());
    }
    decoder.push(&bad);
    let error = decoder.next_message().unwrap_err();
    let expected = 3 * good.len() + bad.len() - 4;
    assert_eq!(error.offset(), Some(expected as u64));
    assert!(error.to_string().ends_with(&format!("at byte {expected}")), "{error}");
}
