//! The fuzz targets' bodies. Each takes arbitrary bytes and panics only on a
//! real finding: a panic inside the code under test, or a disagreement with
//! the reference it must match. `cargo fuzz` (nightly, `fuzz/`) drives them;
//! `tests/regressions.rs` replays every input saved in `fuzz/regressions/`
//! on stable.

use shapesmith_runtime::call::Operation as _;
use std::path::Path;

use shapesmith_runtime::pattern;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The targets, by the name of their folder in `fuzz/regressions/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse_response", parse_response),
    ("json_reader", json_reader),
    ("timestamps", timestamps),
    ("pattern", pattern_engine),
    ("model_reader", model_reader),
    ("endpoint_rules", endpoint_rules),
    ("waiter_path", waiter_path),
    ("event_stream", event_stream),
    ("model_graph", model_graph),
];

pub mod model_graph;

/// The model reader and resolver on a model built from an arbitrary shape
/// graph ([`model_graph::model`]): they may refuse it, never panic.
pub fn model_graph(data: &[u8]) {
    let mut u = arbitrary::Unstructured::new(data);
    if let Ok(model) = model_graph::model(&mut u) {
        let _ = read_model(&model.to_string());
    }
}

/// Splits `data` at the first `sep`, or gives it whole and empty.
fn split(data: &[u8], sep: u8) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == sep) {
        Some(i) => (data.get(..i).unwrap_or_default(), data.get(i + 1..).unwrap_or_default()),
        None => (data, &[]),
    }
}

/// A response from bytes: two bytes of status, then `name:value` header
/// lines up to a NUL byte, then the body. Invalid statuses and headers are
/// skipped: `http` itself refuses them, so a client never sees them.
fn response(data: &[u8]) -> http::Response<&[u8]> {
    let (status, rest) = data.split_at_checked(2).unwrap_or((&[2, 0], data));
    let status = u16::from_be_bytes([
        status.first().copied().unwrap_or(2),
        status.get(1).copied().unwrap_or(0),
    ]);
    let (head, body) = split(rest, 0);
    let mut builder = http::Response::builder();
    if let Ok(status) = http::StatusCode::from_u16(100 + status % 500) {
        builder = builder.status(status);
    }
    for line in head.split(|b| *b == b'\n') {
        let (name, value) = split(line, b':');
        if let (Ok(name), Ok(value)) = (http::HeaderName::from_bytes(name), http::HeaderValue::from_bytes(value)) {
            builder = builder.header(name, value);
        }
    }
    builder.body(body).unwrap_or_else(|_| http::Response::new(body))
}

/// `parse_response` of awsJson operations (a paginated awsJson1_1 output
/// with modelled errors, every shape type, a query-compatible awsJson1_0
/// error) and restJson1 ones (every header type and header lists, prefix
/// headers, structure and blob payloads, the status as a member, Lambda's
/// `Invoke`) on any status, headers and body: a value or an error, never a
/// panic.
pub fn parse_response(data: &[u8]) {
    let response = response(data);
    let _ = rest_json_protocol::operation::input_and_output_with_headers::InputAndOutputWithHeaders::parse_response(
        &response,
    );
    let _ = rest_json_protocol::operation::http_prefix_headers::HttpPrefixHeaders::parse_response(&response);
    let _ =
        rest_json_protocol::operation::http_payload_with_structure::HttpPayloadWithStructure::parse_response(&response);
    let _ = rest_json_protocol::operation::timestamp_format_headers::TimestampFormatHeaders::parse_response(&response);
    let _ = rest_json_protocol::operation::greeting_with_errors::GreetingWithErrors::parse_response(&response);
    let _ = lambda::operation::invoke::Invoke::parse_response(&response);
    let _ = ssm::operation::describe_sessions::DescribeSessions::parse_response(&response);
    let _ = json_protocol::operation::kitchen_sink_operation::KitchenSinkOperation::parse_response(&response);
    let _ =
        query_compatible_json_rpc10::operation::query_compatible_operation::QueryCompatibleOperation::parse_response(
            &response,
        );
}

/// The generated crates' JSON reader must give serde_json's answer: the
/// same value, or an error where serde_json has one.
pub fn json_reader(data: &[u8]) {
    type KitchenSink = json_protocol::operation::kitchen_sink_operation::KitchenSinkOperationInput;
    type Sessions = ssm::operation::describe_sessions::DescribeSessionsOutput;
    let ours = json_protocol::json::from_slice::<KitchenSink>(data);
    let theirs = serde_json::from_slice::<KitchenSink>(data);
    agree(&ours, &theirs, data);
    let ours = ssm::json::from_slice::<Sessions>(data);
    let theirs = serde_json::from_slice::<Sessions>(data);
    agree(&ours, &theirs, data);
}

fn agree<T: std::fmt::Debug>(ours: &Result<T, serde_json::Error>, theirs: &Result<T, serde_json::Error>, data: &[u8]) {
    match (ours, theirs) {
        // Debug text, so that NaN equals NaN.
        (Ok(a), Ok(b)) => assert_eq!(
            masked(&format!("{a:?}")),
            masked(&format!("{b:?}")),
            "values differ for {data:?}"
        ),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("json::from_slice gave {a:?}, serde_json {b:?}, for {data:?}"),
    }
}

/// Debug text with timestamps and big numbers left out: there the reader is
/// exact on purpose and serde_json is not (it reads fractions and big
/// numbers through `f64`); the `timestamps` target and the wire tests check
/// those values.
fn masked(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some((start, close)) = ["DateTime {", "BigInteger(", "BigDecimal("]
        .iter()
        .filter_map(|open| {
            rest.find(open)
                .map(|i| (i, if open.ends_with('{') { '}' } else { ')' }))
        })
        .min()
    {
        out.push_str(rest.get(..start).unwrap_or_default());
        out.push('#');
        let after = rest.get(start..).unwrap_or_default();
        rest = after
            .find(close)
            .and_then(|end| after.get(end + 1..))
            .unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The three timestamp parsers on any text: an error, or a value that the
/// matching formatter writes back as text that parses to the same value.
pub fn timestamps(data: &[u8]) {
    use ssm::primitives::DateTime;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = DateTime::parse_epoch_seconds(text) {
        let _ = t.as_secs_f64();
    }
    if let Ok(t) = DateTime::parse_rfc3339(text) {
        let written = t.to_rfc3339();
        let again = DateTime::parse_rfc3339(&written).unwrap_or_else(|e| panic!("{written:?} from {text:?}: {e}"));
        // The protocol writes milliseconds.
        assert_eq!(
            (again.secs(), again.subsec_nanos()),
            (t.secs(), t.subsec_nanos() / 1_000_000 * 1_000_000),
            "RFC 3339 round trip of {text:?}"
        );
    }
    if let Ok(t) = DateTime::parse_http_date(text) {
        let written = t.to_http_date();
        let again = DateTime::parse_http_date(&written).unwrap_or_else(|e| panic!("{written:?} from {text:?}: {e}"));
        // IMF-fixdate has whole seconds.
        assert_eq!(again.secs(), t.secs(), "HTTP-date round trip of {text:?}");
    }
}

/// A pattern and a text (split at the first NUL): compiling either fails
/// with an error or gives a pattern whose matching ends (within its step
/// budget) without a panic.
pub fn pattern_engine(data: &[u8]) {
    let (pattern, text) = split(data, 0);
    let (Ok(pattern), Ok(text)) = (std::str::from_utf8(pattern), std::str::from_utf8(text)) else {
        return;
    };
    if let Ok(compiled) = pattern::Pattern::new(pattern) {
        let _ = compiled.is_match(text);
    }
}

/// Any bytes as a model file: the reader and the resolver give an error or
/// an IR, never a panic.
pub fn model_reader(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = read_model(text);
    }
}

/// A model's text through the reader and the resolver: `Ok` with an IR,
/// or the error's message.
pub fn read_model(text: &str) -> Result<(), String> {
    let path = Path::new("fuzz.json");
    let model = shapesmith::__fuzz::Model::parse(text, path).map_err(|e| e.to_string())?;
    let none = std::collections::BTreeMap::new();
    shapesmith::__fuzz::resolve(
        &model,
        path,
        &shapesmith::__fuzz::Selection {
            crate_name: "fuzz",
            package: &shapesmith::__fuzz::PackageIr::default(),
            runtime: &shapesmith::Runtime::default(),
            operations: &[],
            protocol_tests: true,
            skip_tests: &none,
            endpoint_members: &none,
            validate_requests: false,
            validate_outputs: false,
            endpoint_tests: true,
            customizations: &shapesmith::__fuzz::Customizations::default(),
        },
    )
    .map(|_| ())
    .map_err(|e| e.to_string())
}

/// A rule set and parameters (after a NUL, one `name=value` per line;
/// `true` and `false` are booleans, `a,b` after `name[]=` a string array):
/// reading the rule set gives an error or a rule set, and resolving gives an
/// endpoint or an error, never a panic, a hang or a stack overflow.
pub fn endpoint_rules(data: &[u8]) {
    use shapesmith_runtime::rules_engine::{Params, RuleSet, Value};
    let (rules, params) = split(data, 0);
    let (Ok(rules), Ok(params)) = (std::str::from_utf8(rules), std::str::from_utf8(params)) else {
        return;
    };
    let Ok(rule_set) = RuleSet::from_json(rules) else {
        return;
    };
    let mut values = Params::new();
    for line in params.lines() {
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let value = match (name.strip_suffix("[]"), value) {
            (Some(_), list) => Value::from(list.split(',').map(str::to_owned).collect::<Vec<_>>()),
            (None, "true") => Value::from(true),
            (None, "false") => Value::from(false),
            (None, text) => Value::from(text),
        };
        values.insert(name.trim_end_matches("[]"), value);
    }
    if let Ok(endpoint) = rule_set.resolve(&values) {
        let _ = endpoint.auth_schemes();
    }
}

/// A JMESPath expression and a JSON document (split at the first NUL):
/// parsing gives an error or an expression, and evaluating it over the
/// document (or `null` when it is not JSON) a value or an error, never a
/// panic or a stack overflow.
pub fn waiter_path(data: &[u8]) {
    use shapesmith_runtime::waiter::{Comparator, Expression};
    let (path, document) = split(data, 0);
    let Ok(path) = std::str::from_utf8(path) else {
        return;
    };
    let Ok(expression) = Expression::parse(path) else {
        return;
    };
    let document: serde_json::Value = serde_json::from_slice(document).unwrap_or_default();
    if let Ok(value) = expression.search(&document) {
        for comparator in [
            Comparator::StringEquals,
            Comparator::BooleanEquals,
            Comparator::AllStringEquals,
            Comparator::AnyStringEquals,
        ] {
            let _ = comparator.matches(&value, "true");
        }
    }
}

/// The event stream decoder on any bytes. The first byte picks the
/// chunking (its low 7 bits seed the chunk sizes, 0 to 64 bytes) and, with
/// its high bit, has the frames' CRCs written correct first, so that the
/// fuzzer reaches the headers rather than stopping at the checksums.
///
/// Checks: the chunked decoder gives exactly the messages and the error
/// that one push of the whole stream gives (chunking never matters); each
/// message classifies without panicking, consistently with its headers;
/// each re-encodes to the very bytes of its frame (the encoding is
/// canonical), unless a value is longer than the encoder writes, which is
/// then the error it gives.
pub fn event_stream(data: &[u8]) {
    use shapesmith_runtime::event_stream::{
        encode, Decoder, ErrorKind, EventStreamError, HeaderValue, Message, MessageType, MAX_HEADER_VALUE_LENGTH,
    };

    fn run(stream: &[u8], mut chunk_size: impl FnMut() -> usize) -> (Vec<Message>, Result<(), EventStreamError>) {
        let mut decoder = Decoder::new();
        let mut messages = Vec::new();
        let mut rest = stream;
        loop {
            let (chunk, tail) = rest.split_at(chunk_size().min(rest.len()));
            rest = tail;
            decoder.push(chunk);
            loop {
                match decoder.next_message() {
                    Ok(Some(message)) => messages.push(message),
                    Ok(None) => break,
                    Err(e) => {
                        // Final: asking again gives the same error.
                        assert_eq!(decoder.next_message().as_ref().err(), Some(&e));
                        assert_eq!(decoder.finish().as_ref().err(), Some(&e));
                        return (messages, Err(e));
                    }
                }
            }
            if rest.is_empty() {
                return (messages, decoder.finish());
            }
        }
    }

    let Some((&mode, stream)) = data.split_first() else {
        return;
    };
    let mut stream = stream.to_vec();
    if mode & 0x80 != 0 {
        fix_crcs(&mut stream);
    }
    let mut seed = u32::from(mode & 0x7F) | 0x100;
    let chunked = run(&stream, || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        (seed % 65) as usize
    });
    let whole = run(&stream, || usize::MAX);
    assert_eq!(chunked, whole, "chunking changed the outcome");
    let (messages, outcome) = whole;
    if let Err(e) = &outcome {
        let _ = e.to_string();
    }

    let mut offset = 0usize;
    for message in &messages {
        let total = stream
            .get(offset..offset + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .expect("a decoded message has a prelude");
        let frame = stream.get(offset..offset + total).expect("a decoded message is whole");
        offset += total;

        match message.classify() {
            Ok(MessageType::Event {
                event_type,
                content_type,
                payload,
            }) => {
                assert_eq!(
                    message.header(":event-type").and_then(HeaderValue::as_str),
                    Some(event_type)
                );
                assert_eq!(
                    message.header(":content-type").and_then(HeaderValue::as_str),
                    content_type
                );
                assert_eq!(payload, &message.payload[..]);
            }
            Ok(MessageType::Exception { exception_type, .. }) => {
                assert_eq!(
                    message.header(":exception-type").and_then(HeaderValue::as_str),
                    Some(exception_type)
                );
            }
            Ok(MessageType::Error { code, .. }) => {
                assert_eq!(message.header(":error-code").and_then(HeaderValue::as_str), Some(code));
            }
            Err(e) => {
                assert_eq!(e.offset(), None);
                let _ = e.to_string();
            }
        }

        match encode(message) {
            Ok(bytes) => {
                assert_eq!(bytes, frame, "re-encoding changed the frame");
                let mut decoder = Decoder::new();
                decoder.push(&bytes);
                assert_eq!(decoder.next_message().ok().flatten().as_ref(), Some(message));
                assert_eq!(decoder.finish(), Ok(()));
            }
            Err(e) => {
                let ErrorKind::HeaderValueTooLong { name, length } = e.kind() else {
                    panic!("a decoded message fails to encode: {e}");
                };
                assert!(*length > MAX_HEADER_VALUE_LENGTH);
                assert!(message.headers.iter().any(|h| &h.name == name));
            }
        }
    }
}

/// Writes correct CRCs into each frame of `stream` whose prelude gives a
/// length that fits, up to the first that does not.
fn fix_crcs(stream: &mut [u8]) {
    use shapesmith_runtime::event_stream::crc32;
    let mut offset = 0usize;
    while let Some(prelude) = stream.get(offset..offset + 8) {
        let prelude_crc = crc32(prelude).to_be_bytes();
        let total = u32::from_be_bytes([prelude[0], prelude[1], prelude[2], prelude[3]]) as usize;
        let Some(crc) = stream.get_mut(offset + 8..offset + 12) else {
            return;
        };
        crc.copy_from_slice(&prelude_crc);
        if total < 16 || offset + total > stream.len() {
            return;
        }
        let message_crc = crc32(&stream[offset..offset + total - 4]).to_be_bytes();
        stream[offset + total - 4..offset + total].copy_from_slice(&message_crc);
        offset += total;
    }
}
