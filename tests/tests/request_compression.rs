//! `@requestCompression`: gzip request bodies above a minimum size, with
//! the AWS SDKs' switches (`RequestOptions`), on the compliance suite's
//! `PutWithContentEncoding` operation.

use json_protocol::prelude::Operation as _;
use std::io::Read;

use http::Request;
use json_protocol::call::RequestOptions;
use json_protocol::operation::kitchen_sink_operation::{KitchenSinkOperation, KitchenSinkOperationInput};
use json_protocol::operation::put_with_content_encoding::{PutWithContentEncoding, PutWithContentEncodingInput};

/// A batch of metric data points as JSON lines, the kind of upload
/// `@requestCompression` exists for (CloudWatch's `PutMetricData` has it):
/// about 233 KB once escaped into the request, repetitive the way such
/// batches are (same names, dimensions and units; varying times and values).
fn metric_batch(points: usize) -> String {
    const METRICS: [(&str, &str); 4] = [
        ("Latency", "Milliseconds"),
        ("RequestCount", "Count"),
        ("PayloadSize", "Bytes"),
        ("CPUUtilization", "Percent"),
    ];
    const SERVICES: [&str; 5] = ["checkout", "catalog", "payments", "search", "accounts"];
    const REGIONS: [&str; 3] = ["us-west-2", "us-east-1", "eu-west-1"];
    let mut state: u64 = 0x5eed_1234_abcd_0042;
    let mut next = || {
        // A linear congruential generator: the same batch on every run.
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut text = String::new();
    for i in 0..points {
        let (metric, unit) = METRICS[i % METRICS.len()];
        let service = SERVICES[(next() % 5) as usize];
        let region = REGIONS[(next() % 3) as usize];
        let timestamp = 1_714_564_800 + (i / 20) * 60;
        let value = next() % 100_000;
        text.push_str(&format!(
            "{{\"MetricName\":\"{metric}\",\"Dimensions\":[{{\"Name\":\"Service\",\"Value\":\"{service}\"}},\
             {{\"Name\":\"Region\",\"Value\":\"{region}\"}}],\"Timestamp\":{timestamp},\
             \"Value\":{}.{:02},\"Unit\":\"{unit}\",\"StorageResolution\":60}}\n",
            value / 100,
            value % 100,
        ));
    }
    text
}

fn upload(data: &str) -> PutWithContentEncodingInput {
    PutWithContentEncodingInput::builder()
        .data(data)
        .build()
        .expect("no required members")
}

fn gunzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn header<'a>(request: &'a Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().expect("text"))
}

/// The body the request would have without compression.
fn plain_body(input: &PutWithContentEncodingInput) -> Vec<u8> {
    let options = RequestOptions::new().disable_request_compression(true);
    PutWithContentEncoding::request_with(input, None, &options)
        .expect("builds")
        .into_body()
}

#[test]
fn a_large_json_body_shrinks_to_a_small_fraction_and_decompresses_to_the_same_bytes() {
    let input = upload(&metric_batch(1_010));
    let plain = plain_body(&input);
    assert!(
        (225_000..245_000).contains(&plain.len()),
        "about 233 KB: {}",
        plain.len()
    );

    let request = PutWithContentEncoding::request(&input).expect("builds");
    assert_eq!(header(&request, "Content-Encoding"), Some("gzip"));
    let compressed = request.body();
    // Stored blocks made it 38 bytes larger; deflate makes it about 25
    // times smaller (232,874 to 9,279 bytes).
    assert!(
        compressed.len() * 15 < plain.len(),
        "{} of {} bytes",
        compressed.len(),
        plain.len()
    );
    assert_eq!(gunzip(compressed), plain);
    assert_eq!(
        header(&request, "Content-Length"),
        Some(compressed.len().to_string().as_str())
    );
}

#[test]
fn a_body_below_the_default_minimum_is_sent_as_is_without_content_encoding() {
    let input = upload("2024-05-01T12:00:00Z INFO started\n");
    let request = PutWithContentEncoding::request(&input).expect("builds");
    assert_eq!(header(&request, "Content-Encoding"), None);
    assert_eq!(request.body(), &plain_body(&input));
    assert_eq!(
        request.body().as_slice(),
        br#"{"data":"2024-05-01T12:00:00Z INFO started\n"}"#
    );
}

#[test]
fn the_minimum_is_inclusive() {
    let input = upload(&metric_batch(40));
    let len = u32::try_from(plain_body(&input).len()).unwrap();
    let at = RequestOptions::new().request_min_compression_size_bytes(len);
    let above = RequestOptions::new().request_min_compression_size_bytes(len + 1);
    let compressed = PutWithContentEncoding::request_with(&input, None, &at).unwrap();
    let plain = PutWithContentEncoding::request_with(&input, None, &above).unwrap();
    assert_eq!(header(&compressed, "Content-Encoding"), Some("gzip"));
    assert_eq!(header(&plain, "Content-Encoding"), None);
}

#[test]
fn a_minimum_of_zero_compresses_even_a_tiny_body() {
    let input = upload("ok");
    let options = RequestOptions::new().request_min_compression_size_bytes(0);
    let request = PutWithContentEncoding::request_with(&input, None, &options).unwrap();
    assert_eq!(header(&request, "Content-Encoding"), Some("gzip"));
    assert_eq!(gunzip(request.body()), br#"{"data":"ok"}"#);
}

#[test]
fn disabled_compression_sends_even_a_large_body_as_is() {
    let input = upload(&metric_batch(1_010));
    let options = RequestOptions::new()
        .disable_request_compression(true)
        .request_min_compression_size_bytes(0);
    let request = PutWithContentEncoding::request_with(&input, None, &options).unwrap();
    assert_eq!(header(&request, "Content-Encoding"), None);
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("plain JSON");
    assert_eq!(body["data"].as_str().map(str::len), input.data().map(str::len));
}

#[test]
fn a_minimum_above_10_mib_is_refused_as_the_sdks_refuse_it() {
    let input = upload("ok");
    let max = RequestOptions::MAX_MIN_COMPRESSION_SIZE_BYTES;
    assert_eq!(max, 10_485_760);
    let ok = RequestOptions::new().request_min_compression_size_bytes(max);
    assert!(PutWithContentEncoding::request_with(&input, None, &ok).is_ok());
    let too_big = RequestOptions::new().request_min_compression_size_bytes(max + 1);
    let err = PutWithContentEncoding::request_with(&input, None, &too_big).unwrap_err();
    assert_eq!(
        err.to_string(),
        "request_min_compression_size_bytes must be at most 10485760, got 10485761"
    );
}

#[test]
fn request_with_an_endpoint_matches_request_to() {
    let input = upload(&metric_batch(200));
    let endpoint: http::Uri = "https://example.us-west-2.amazonaws.com".parse().unwrap();
    let with = PutWithContentEncoding::request_with(&input, Some(&endpoint), &RequestOptions::default()).unwrap();
    let to = PutWithContentEncoding::request_to(&input, &endpoint).unwrap();
    assert_eq!(with.uri(), to.uri());
    assert_eq!(with.headers(), to.headers());
    assert_eq!(gunzip(with.body()), gunzip(to.body()));
    assert_eq!(with.uri().host(), Some("example.us-west-2.amazonaws.com"));
}

#[test]
fn operations_without_request_compression_ignore_the_options() {
    let input = KitchenSinkOperationInput::builder()
        .string(metric_batch(200))
        .build()
        .expect("no required members");
    let options = RequestOptions::new().request_min_compression_size_bytes(0);
    let request = KitchenSinkOperation::request_with(&input, None, &options).unwrap();
    assert_eq!(header(&request, "Content-Encoding"), None);
    assert_eq!(request.body(), KitchenSinkOperation::request(&input).unwrap().body());
}

#[test]
fn default_options_are_the_sdk_defaults() {
    let options = RequestOptions::default();
    assert_eq!(options, RequestOptions::new());
    assert!(!options.get_disable_request_compression());
    assert_eq!(options.get_request_min_compression_size_bytes(), 10_240);
    assert_eq!(RequestOptions::DEFAULT_MIN_COMPRESSION_SIZE_BYTES, 10_240);
}

/// The crate's manifest and modules for one operation of the compliance
/// suite's model, with the runtime as a dependency or vendored.
fn generated_for(operation: &str, runtime: shapesmith::Runtime) -> shapesmith::Generated {
    let model = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/protocol-tests/awsJson1_1/model.json");
    shapesmith::Config::new(model)
        .crate_name("json-protocol")
        .operation(operation)
        .runtime(runtime)
        .files()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn manifest(generated: &shapesmith::Generated) -> &str {
    &generated.files[std::path::Path::new("Cargo.toml")]
}

#[test]
fn only_crates_whose_model_compresses_requests_turn_on_the_runtime_s_compression() {
    let with = generated_for("PutWithContentEncoding", shapesmith::Runtime::Version("0.1.0".into()));
    assert!(
        manifest(&with).contains(
            r#"shapesmith-runtime = { version = "0.1.0", default-features = false, features = ["compression"] }"#
        ),
        "{}",
        manifest(&with)
    );
    assert!(!manifest(&with).contains("flate2"), "flate2 comes through the runtime");

    let without = generated_for("EmptyOperation", shapesmith::Runtime::Version("0.1.0".into()));
    assert!(
        manifest(&without)
            .contains(r#"shapesmith-runtime = { version = "0.1.0", default-features = false, features = [] }"#),
        "{}",
        manifest(&without)
    );
}

#[test]
fn only_vendored_crates_whose_model_compresses_requests_depend_on_flate2() {
    let with = generated_for("PutWithContentEncoding", shapesmith::Runtime::Vendored);
    assert!(
        manifest(&with)
            .contains(r#"flate2 = { version = "1", default-features = false, features = ["rust_backend"] }"#),
        "{}",
        manifest(&with)
    );
    assert!(!manifest(&with).contains("shapesmith-runtime"));
    assert!(with.files.contains_key(std::path::Path::new("src/compression.rs")));

    let without = generated_for("EmptyOperation", shapesmith::Runtime::Vendored);
    assert!(!manifest(&without).contains("flate2"));
    assert!(!without.files.contains_key(std::path::Path::new("src/compression.rs")));
}
