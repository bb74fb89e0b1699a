//! Event streams through the generated crates: `from_message` and
//! `to_message` of the restJson1 suite's `EventStream` union (headers of
//! every type, blob, string, structure and union payloads, explicit and
//! implicit payloads, a modelled exception) and of Lambda's
//! `InvokeWithResponseStream` events, over the runtime's frame codec.
//! One frame is written out byte by byte from the specification; unknown
//! events, unmodelled errors and ill-typed headers are checked too.

use lambda::prelude::Operation as _;
use lambda::types::InvokeWithResponseStreamResponseEvent;
use rest_json_protocol::event_stream::{encode, Decoder, EventError, HeaderValue, Message};
use rest_json_protocol::primitives::{Blob, DateTime};
use rest_json_protocol::types::error::ErrorEvent;
use rest_json_protocol::types::{
    BlobPayloadEvent, EventStream, HeadersAndExplicitPayloadEvent, HeadersAndImplicitPayloadEvent, HeadersEvent,
    PayloadStructure, PayloadUnion, StringPayloadEvent, StructurePayloadEvent, UnionPayloadEvent,
};

/// CRC-32 (IEEE), bit by bit: independent of the runtime's table.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A frame from the specification: total length, headers length, prelude
/// CRC, headers, payload, message CRC. String headers only (type 7).
fn frame(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut header_bytes = Vec::new();
    for (name, value) in headers {
        header_bytes.push(u8::try_from(name.len()).unwrap());
        header_bytes.extend_from_slice(name.as_bytes());
        header_bytes.push(7);
        header_bytes.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
        header_bytes.extend_from_slice(value.as_bytes());
    }
    let total = 12 + header_bytes.len() + payload.len() + 4;
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(total).unwrap().to_be_bytes());
    out.extend_from_slice(&u32::try_from(header_bytes.len()).unwrap().to_be_bytes());
    let prelude_crc = crc32(&out);
    out.extend_from_slice(&prelude_crc.to_be_bytes());
    out.extend_from_slice(&header_bytes);
    out.extend_from_slice(payload);
    let message_crc = crc32(&out);
    out.extend_from_slice(&message_crc.to_be_bytes());
    out
}

fn decode_one(bytes: &[u8]) -> Message {
    let mut decoder = Decoder::new();
    decoder.push(bytes);
    let message = decoder.next_message().expect("a valid frame").expect("a whole frame");
    decoder.finish().expect("nothing left over");
    message
}

#[test]
fn a_hand_written_lambda_frame_is_a_payload_chunk() {
    let bytes = frame(
        &[
            (":event-type", "PayloadChunk"),
            (":content-type", "application/octet-stream"),
            (":message-type", "event"),
        ],
        b"{\"partial\":",
    );
    let event = InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).expect("an event");
    match event {
        InvokeWithResponseStreamResponseEvent::PayloadChunk(chunk) => {
            assert_eq!(chunk.payload().map(|p| p.as_bytes()), Some(&b"{\"partial\":"[..]));
        }
        other => panic!("expected PayloadChunk, got {other:?}"),
    }
}

#[test]
fn lambdas_completion_event_reads_its_json_payload() {
    let bytes = frame(
        &[
            (":event-type", "InvokeComplete"),
            (":message-type", "event"),
            (":content-type", "application/json"),
        ],
        br#"{"ErrorCode":"Unhandled","ErrorDetails":"boom","LogResult":"U1RBUlQ="}"#,
    );
    match InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).expect("an event") {
        InvokeWithResponseStreamResponseEvent::InvokeComplete(done) => {
            assert_eq!(done.error_code(), Some("Unhandled"));
            assert_eq!(done.error_details(), Some("boom"));
            assert_eq!(done.log_result(), Some("U1RBUlQ="));
        }
        other => panic!("expected InvokeComplete, got {other:?}"),
    }
}

#[test]
fn an_event_this_version_does_not_know_is_unknown() {
    let bytes = frame(&[(":event-type", "FutureEvent"), (":message-type", "event")], b"{}");
    match InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).expect("not an error") {
        InvokeWithResponseStreamResponseEvent::Unknown(name) => assert_eq!(name.as_str(), "FutureEvent"),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn an_unmodelled_error_message_is_a_service_error() {
    let bytes = frame(
        &[
            (":message-type", "error"),
            (":error-code", "InternalFailure"),
            (":error-message", "the stream broke"),
        ],
        b"",
    );
    let error = InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).unwrap_err();
    assert_eq!(
        error,
        EventError::Service {
            code: "InternalFailure".to_owned(),
            message: Some("the stream broke".to_owned()),
        }
    );
    assert!(error.to_string().contains("InternalFailure"));
}

#[test]
fn a_message_without_a_message_type_is_malformed() {
    let bytes = frame(&[(":event-type", "PayloadChunk")], b"x");
    let error = InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).unwrap_err();
    assert!(matches!(error, EventError::Malformed(_)), "{error:?}");
}

#[test]
fn a_header_of_the_wrong_type_is_unreadable_naming_it() {
    let message = Message::new(Vec::new())
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(":event-type", HeaderValue::String("headers".to_owned()))
        .with_header("intHeader", HeaderValue::String("not an int".to_owned()));
    match EventStream::from_message(&message).unwrap_err() {
        EventError::Unreadable { event, reason } => {
            assert_eq!(event, "headers");
            assert!(reason.contains("intHeader"), "{reason}");
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // A payload that is not the event's JSON.
    let message = Message::new(b"{\"header\": 5".to_vec())
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(
            ":event-type",
            HeaderValue::String("headersAndImplicitPayload".to_owned()),
        );
    assert!(matches!(
        EventStream::from_message(&message),
        Err(EventError::Unreadable { .. })
    ));
}

/// Every member of the suite's union, through `to_message`, the frame
/// encoder and decoder, and `from_message`.
#[test]
fn every_kind_of_event_round_trips_through_frames() {
    let events = vec![
        EventStream::Headers(
            HeadersEvent::builder()
                .boolean_header(true)
                .byte_header(-8i8)
                .short_header(16i16)
                .int_header(-32)
                .long_header(64)
                .blob_header(Blob::new(b"blob".to_vec()))
                .string_header("string")
                .timestamp_header(DateTime::from_secs_and_nanos(1_576_540_098, 123_000_000).unwrap())
                .build(),
        ),
        EventStream::BlobPayload(
            BlobPayloadEvent::builder()
                .payload(Blob::new(vec![0, 1, 2, 255]))
                .build(),
        ),
        EventStream::StringPayload(StringPayloadEvent::builder().payload("plain text").build()),
        EventStream::StructurePayload(
            StructurePayloadEvent::builder()
                .payload(PayloadStructure::builder().structure_member("in a structure").build())
                .build(),
        ),
        EventStream::UnionPayload(
            UnionPayloadEvent::builder()
                .payload(PayloadUnion::UnionMember("in a union".to_owned()))
                .build(),
        ),
        EventStream::HeadersAndExplicitPayload(
            HeadersAndExplicitPayloadEvent::builder()
                .header("a header")
                .payload(PayloadStructure::builder().structure_member("explicit").build())
                .build(),
        ),
        EventStream::HeadersAndImplicitPayload(
            HeadersAndImplicitPayloadEvent::builder()
                .header("a header")
                .payload("implicit")
                .build(),
        ),
    ];
    let mut stream = Vec::new();
    for event in &events {
        stream.extend(encode(&event.to_message().expect("writes")).expect("encodes"));
    }
    // One byte at a time, as a slow connection would deliver it.
    let mut decoder = Decoder::new();
    let mut back = Vec::new();
    for byte in &stream {
        decoder.push(std::slice::from_ref(byte));
        while let Some(message) = decoder.next_message().expect("valid frames") {
            back.push(EventStream::from_message(&message).expect("an event"));
        }
    }
    decoder.finish().expect("nothing left over");
    assert_eq!(back, events);
}

#[test]
fn a_modelled_exception_is_written_and_read_as_one() {
    let exception = EventStream::Error(ErrorEvent::builder().message("the service failed").build());
    let message = exception.to_message().expect("writes");
    assert_eq!(
        message.header(":message-type").and_then(HeaderValue::as_str),
        Some("exception")
    );
    assert_eq!(
        message.header(":exception-type").and_then(HeaderValue::as_str),
        Some("error")
    );
    let back = EventStream::from_message(&decode_one(&encode(&message).expect("encodes"))).expect("an exception");
    match back {
        EventStream::Error(error) => assert_eq!(error.message(), Some("the service failed")),
        other => panic!("expected the error member, got {other:?}"),
    }
}

#[test]
fn a_corrupted_frame_is_an_error_never_an_event() {
    let mut bytes = frame(&[(":event-type", "PayloadChunk"), (":message-type", "event")], b"hello");
    let last = bytes.len() - 5;
    bytes[last] ^= 0x01;
    let mut decoder = Decoder::new();
    decoder.push(&bytes);
    assert!(decoder.next_message().is_err());

    let whole = frame(&[(":message-type", "event"), (":event-type", "PayloadChunk")], b"hello");
    let mut decoder = Decoder::new();
    decoder.push(&whole[..whole.len() - 1]);
    assert!(decoder.next_message().expect("no error yet").is_none());
    assert!(decoder.finish().is_err(), "a truncated frame is reported at the end");
}

/// awsJson1_1 (a stream shaped like Kinesis' `SubscribeToShard`): the
/// request is plain JSON-RPC; the response head is read alone and its body
/// is the stream of events and modelled exceptions.
#[test]
fn a_json_rpc_output_stream_reads_the_head_then_the_events() {
    use json_event_streams::operation::subscribe_to_shard::{SubscribeToShard, SubscribeToShardInput};
    use json_event_streams::types::SubscribeToShardEventStream as Events;

    let input = SubscribeToShardInput::builder()
        .consumer_arn("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/reader:1")
        .shard_id("shardId-000000000000")
        .build()
        .expect("input");
    let request = SubscribeToShard::request(&input).expect("request builds");
    assert_eq!(request.headers()["x-amz-target"], "Streams.SubscribeToShard");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({
            "ConsumerARN": "arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/reader:1",
            "ShardId": "shardId-000000000000"
        })
    );

    let head = http::Response::builder()
        .status(200)
        .header("Content-Type", "application/vnd.amazon.eventstream")
        .header("x-amzn-RequestId", "c5f7a6b2-9d3e-4f1a-8b2c-7e6d5c4b3a21")
        .body(())
        .unwrap();
    SubscribeToShard::parse_response_head(&head).expect("head parses");

    let records = frame(
        &[
            (":message-type", "event"),
            (":event-type", "SubscribeToShardEvent"),
            (":content-type", "application/x-amz-json-1.1"),
        ],
        br#"{"Records":[{"SequenceNumber":"49590338271490256608559692538361571095921575989136588898","ApproximateArrivalTimestamp":1.7951e9,"Data":"aGVsbG8=","PartitionKey":"order-42"}],"ContinuationSequenceNumber":"49590338271490256608559692540925702759324208523137515618","MillisBehindLatest":0}"#,
    );
    match Events::from_message(&decode_one(&records)).expect("an event") {
        Events::SubscribeToShardEvent(event) => {
            assert_eq!(event.records().len(), 1);
            assert_eq!(event.records()[0].data().as_bytes(), b"hello");
            assert_eq!(event.records()[0].partition_key(), "order-42");
            assert_eq!(event.millis_behind_latest(), 0);
        }
        other => panic!("expected SubscribeToShardEvent, got {other:?}"),
    }
    let missing = frame(
        &[
            (":message-type", "exception"),
            (":exception-type", "ResourceNotFoundException"),
            (":content-type", "application/x-amz-json-1.1"),
        ],
        br#"{"message":"Shard shardId-000000000009 does not exist"}"#,
    );
    match Events::from_message(&decode_one(&missing)).expect("an exception") {
        Events::ResourceNotFoundException(error) => {
            assert_eq!(error.message(), Some("Shard shardId-000000000009 does not exist"));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

/// An input stream over awsJson1_1: the stream is the body
/// (`request_streaming`), the other members go in its first message
/// (`initial_request`), and each event's header and payload members go
/// where the model says.
#[test]
fn a_json_rpc_input_stream_sends_its_other_members_first() {
    use json_event_streams::operation::put_events::{PutEvents, PutEventsInput};
    use json_event_streams::primitives::Blob as JsonBlob;
    use json_event_streams::types::{DataEvent, InputEventStream};

    let input = PutEventsInput::builder().stream_name("orders").build().expect("input");
    let first = PutEvents::initial_request(&input).expect("initial request");
    let event = InputEventStream::Data(
        DataEvent::builder()
            .sequence(7i64)
            .bytes(JsonBlob::new(b"abc".to_vec()))
            .build(),
    );
    let mut body = encode(&first).expect("encodes");
    body.extend(encode(&event.to_message().expect("writes")).expect("encodes"));
    let length = u64::try_from(body.len()).unwrap();
    let request = PutEvents::request_streaming(&input, None, body, Some(length)).expect("request builds");
    assert_eq!(request.headers()["x-amz-target"], "Streams.PutEvents");
    assert_eq!(request.headers()["content-type"], "application/vnd.amazon.eventstream");

    let mut decoder = Decoder::new();
    decoder.push(request.body());
    let initial = decoder.next_message().expect("valid").expect("a message");
    assert_eq!(
        initial.header(":event-type").and_then(HeaderValue::as_str),
        Some("initial-request")
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&initial.payload).expect("JSON"),
        serde_json::json!({"StreamName": "orders"})
    );
    let data = decoder.next_message().expect("valid").expect("a message");
    assert_eq!(data.header(":event-type").and_then(HeaderValue::as_str), Some("Data"));
    assert_eq!(data.header("Sequence"), Some(&HeaderValue::Long(7)));
    assert_eq!(data.payload, b"abc");
    assert_eq!(InputEventStream::from_message(&data).expect("an event"), event);

    // Without a stream, the request body holds the other members only.
    let plain = PutEvents::request(&input).expect("request builds");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(plain.body()).expect("JSON"),
        serde_json::json!({"StreamName": "orders"})
    );
}

/// An exception the stream's union does not list is an error with its type
/// and message, not a harmless unknown event (Lambda's union lists none).
#[test]
fn an_exception_the_union_does_not_list_is_an_error() {
    let bytes = frame(
        &[
            (":message-type", "exception"),
            (":exception-type", "ServiceException"),
            (":content-type", "application/json"),
        ],
        br#"{"Message":"the function's runtime crashed"}"#,
    );
    let error = InvokeWithResponseStreamResponseEvent::from_message(&decode_one(&bytes)).unwrap_err();
    assert_eq!(
        error,
        EventError::Exception {
            exception_type: "ServiceException".to_owned(),
            message: Some("the function's runtime crashed".to_owned()),
        }
    );
}
