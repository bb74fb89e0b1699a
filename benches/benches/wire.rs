//! Wire-format benchmarks for issue 5: parse DescribeSessions response bodies
//! and build request bodies with the generated `ssm` crate and with what a
//! user would pick instead. Every contender of a size is in one criterion
//! group, so the ratios in BENCHMARKS.md come from one run.
//!
//! Run from `benches/`: `cargo bench --bench wire -- --warm-up-time 1 --measurement-time 3`.

#![allow(dead_code)] // the hand-written structs read every member, as a user's would

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ssm::prelude::Operation as _;

// ---------------------------------------------------------------------------
// Fixtures: deterministic, seeded, no external data.
// ---------------------------------------------------------------------------

/// splitmix64: a tiny deterministic generator, so fixtures never change.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const USERS: &[&str] = &[
    "alice",
    "bob",
    "carol",
    "dmitri",
    "jürgen.müller",
    "søren",
    "zoë",
    "renée",
    "ops-bot",
    "李雷",
];
const STATUSES: &[&str] = &[
    "Connected",
    "Connecting",
    "Disconnected",
    "Terminated",
    "Terminating",
    "Failed",
];
const DOCUMENTS: &[&str] = &[
    "SSM-SessionManagerRunShell",
    "AWS-StartPortForwardingSession",
    "AWS-StartInteractiveCommand",
    "AWS-StartSSHSession",
];
const REASONS: &[&str] = &[
    "Investigating \"disk full\" alarm on /var/log",
    "Deploy hotfix – ticket ÜBER-1234 ✓",
    "Routine patching\tweek 42",
    "Debugging C:\\Program Files\\App crash",
    "On-call: p99 latency > 2s",
    "Rotate TLS certificates (été 2024)",
];

/// A timestamp as the JSON text of epoch seconds: whole seconds, a decimal
/// fraction, or the exponent form some AWS services send.
fn timestamp(rng: &mut Rng, base: u64) -> Value {
    let secs = base + rng.below(86_400 * 30);
    match rng.below(3) {
        0 => json!(secs),
        1 => {
            let millis = rng.below(1000);
            // an f64 whose shortest text has at most 3 fraction digits
            json!(secs as f64 + millis as f64 / 1000.0)
        }
        _ => {
            let micros = rng.below(1_000_000);
            json!(secs as f64 + micros as f64 / 1_000_000.0)
        }
    }
}

fn session(rng: &mut Rng, i: usize) -> Value {
    let user = rng.pick(USERS);
    let start = timestamp(rng, 1_700_000_000);
    let end = timestamp(rng, 1_702_600_000);
    let bucket = format!("ssm-session-logs-{:04}", rng.below(10_000));
    json!({
        "SessionId": format!("{}-{:016x}", user.replace(['ü', 'ø', 'ë', 'é', '李', '雷'], "x"), rng.next()),
        "Target": format!("i-{:017x}", rng.next() >> 4),
        "Status": rng.pick(STATUSES),
        "StartDate": start,
        "EndDate": end,
        "DocumentName": rng.pick(DOCUMENTS),
        "Owner": format!("arn:aws:sts::{:012}:assumed-role/Admin/{}", rng.below(1_000_000_000_000), user),
        "Reason": format!("{} (#{i})", rng.pick(REASONS)),
        "Details": format!("Session {i} details: {{\"shell\":\"bash\",\"tty\":true}}\nline two"),
        "OutputUrl": {
            "S3OutputUrl": format!("https://{bucket}.s3.us-east-1.amazonaws.com/sessions/{user}/{i}.log"),
            "CloudWatchOutputUrl": format!(
                "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/ssm/sessions;stream={i}"
            ),
        },
        "MaxSessionDuration": (1 + rng.below(1440)).to_string(),
        "AccessType": if rng.below(4) == 0 { "JustInTime" } else { "Standard" },
    })
}

/// The response body for `n` sessions, as compact JSON text.
fn response_body(n: usize) -> Vec<u8> {
    let mut rng = Rng(0x5EED_0000 + n as u64);
    let sessions: Vec<Value> = (0..n).map(|i| session(&mut rng, i)).collect();
    let body = json!({
        "Sessions": sessions,
        "NextToken": "AAEAAXZwQmFzZTY0RW5jb2RlZFRva2VuK3dpdGgvc2xhc2hlcz0=",
    });
    // serde_json escapes `"`, `\`, control characters; `/` and non-ASCII stay as is.
    // Add a few `\/` and `\uXXXX` escapes the way some AWS services write them.
    let text = serde_json::to_string(&body).unwrap();
    let text = text.replacen("https://", "https:\\/\\/", n / 10 + 1);
    let text = text.replacen("Routine patching", "Routine \\u0070atching", n / 20 + 1);
    text.into_bytes()
}

// ---------------------------------------------------------------------------
// Contender 2: what a user writes by hand.
// ---------------------------------------------------------------------------

/// Epoch seconds as whole seconds plus nanoseconds, read from the JSON number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ts {
    secs: i64,
    nanos: u32,
}

impl<'de> Deserialize<'de> for Ts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ts, D::Error> {
        let f = f64::deserialize(d)?;
        let secs = f.floor();
        let nanos = ((f - secs) * 1e9).round() as u32;
        // round to microseconds: an f64 near 1.7e9 carries about 0.2 us
        let nanos = (nanos + 500) / 1000 * 1000;
        if nanos >= 1_000_000_000 {
            Ok(Ts {
                secs: secs as i64 + 1,
                nanos: 0,
            })
        } else {
            Ok(Ts {
                secs: secs as i64,
                nanos,
            })
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HwOutput {
    sessions: Option<Vec<HwSession>>,
    next_token: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HwSession {
    session_id: Option<String>,
    target: Option<String>,
    status: Option<String>,
    start_date: Option<Ts>,
    end_date: Option<Ts>,
    document_name: Option<String>,
    owner: Option<String>,
    reason: Option<String>,
    details: Option<String>,
    output_url: Option<HwOutputUrl>,
    max_session_duration: Option<String>,
    access_type: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HwOutputUrl {
    s3_output_url: Option<String>,
    cloud_watch_output_url: Option<String>,
}

/// The same with borrowed strings (`Cow`, since some carry escapes).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BorrowedOutput<'a> {
    #[serde(borrow)]
    sessions: Option<Vec<BorrowedSession<'a>>>,
    #[serde(borrow)]
    next_token: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BorrowedSession<'a> {
    #[serde(borrow)]
    session_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    target: Option<Cow<'a, str>>,
    #[serde(borrow)]
    status: Option<Cow<'a, str>>,
    start_date: Option<Ts>,
    end_date: Option<Ts>,
    #[serde(borrow)]
    document_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    owner: Option<Cow<'a, str>>,
    #[serde(borrow)]
    reason: Option<Cow<'a, str>>,
    #[serde(borrow)]
    details: Option<Cow<'a, str>>,
    #[serde(borrow)]
    output_url: Option<BorrowedOutputUrl<'a>>,
    #[serde(borrow)]
    max_session_duration: Option<Cow<'a, str>>,
    #[serde(borrow)]
    access_type: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BorrowedOutputUrl<'a> {
    #[serde(borrow)]
    s3_output_url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    cloud_watch_output_url: Option<Cow<'a, str>>,
}

// ---------------------------------------------------------------------------
// Contender 3: aws-sdk-ssm.
// ---------------------------------------------------------------------------

mod aws {
    use aws_sdk_ssm::config::{BehaviorVersion, Credentials, Region};
    use aws_smithy_json::codec::{JsonCodec, JsonCodecSettings};
    use aws_smithy_schema::codec::Codec;
    use aws_smithy_types::body::SdkBody;

    pub type Output = aws_sdk_ssm::operation::describe_sessions::DescribeSessionsOutput;

    /// A client whose HTTP layer answers every request with `body`.
    pub fn client(body: &[u8]) -> aws_sdk_ssm::Client {
        let body = bytes::Bytes::copy_from_slice(body);
        let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |_req| {
            http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amzn-requestid", "6f1c1b0a-0000-4000-8000-000000000000")
                .body(SdkBody::from(body.clone()))
                .unwrap()
        });
        let config = aws_sdk_ssm::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::for_tests())
            .retry_config(aws_sdk_ssm::config::retry::RetryConfig::disabled())
            .http_client(http_client)
            .build();
        aws_sdk_ssm::Client::from_conf(config)
    }

    pub fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    pub fn call(rt: &tokio::runtime::Runtime, client: &aws_sdk_ssm::Client) -> Output {
        rt.block_on(
            client
                .describe_sessions()
                .state(aws_sdk_ssm::types::SessionState::Active)
                .send(),
        )
        .unwrap()
    }

    /// The awsJson1_1 codec the SDK's protocol uses (no jsonName, epoch seconds).
    pub fn codec() -> JsonCodec {
        JsonCodec::new(
            JsonCodecSettings::builder()
                .use_json_name(false)
                .default_timestamp_format(aws_smithy_types::date_time::Format::EpochSeconds)
                .build(),
        )
    }

    /// The SDK's public deserializer for the output shape, no client.
    pub fn deserialize(codec: &JsonCodec, body: &[u8]) -> Output {
        let mut de = codec.create_deserializer(body);
        Output::deserialize(&mut de).unwrap()
    }
}

// ---------------------------------------------------------------------------
// Cross-checks: every contender reads the same data before anything is timed.
// ---------------------------------------------------------------------------

fn check(body: &[u8], n: usize) {
    let ours: ssm::operation::describe_sessions::DescribeSessionsOutput = serde_json::from_slice(body).unwrap();
    let hand: HwOutput = serde_json::from_slice(body).unwrap();
    let sonic: HwOutput = sonic_rs::from_slice(body).unwrap();
    let mut copy = body.to_vec();
    let simd: HwOutput = simd_json::serde::from_slice(&mut copy).unwrap();
    let borrowed: BorrowedOutput<'_> = serde_json::from_slice(body).unwrap();
    let codec = aws::codec();
    let sdk = aws::deserialize(&codec, body);
    let rt = aws::runtime();
    let sdk_client = aws::call(&rt, &aws::client(body));
    let http = http::Response::builder().status(200).body(body.to_vec()).unwrap();
    let parsed = ssm::operation::describe_sessions::DescribeSessions::parse_response(&http).unwrap();
    assert_eq!(parsed, ours);

    let hand_sessions = hand.sessions.as_ref().unwrap();
    assert_eq!(ours.sessions().len(), n);
    assert_eq!(hand_sessions.len(), n);
    assert_eq!(sonic.sessions.as_ref().unwrap().len(), n);
    assert_eq!(simd.sessions.as_ref().unwrap().len(), n);
    assert_eq!(borrowed.sessions.as_ref().unwrap().len(), n);
    assert_eq!(sdk.sessions().len(), n);
    assert_eq!(sdk_client.sessions().len(), n);
    assert_eq!(ours.next_token(), hand.next_token.as_deref());
    for (i, (o, h)) in ours.sessions().iter().zip(hand_sessions).enumerate() {
        let s = &sdk.sessions()[i];
        let sn = &sonic.sessions.as_ref().unwrap()[i];
        let sj = &simd.sessions.as_ref().unwrap()[i];
        let b = &borrowed.sessions.as_ref().unwrap()[i];
        assert_eq!(o.session_id(), h.session_id.as_deref());
        assert_eq!(o.session_id(), s.session_id());
        assert_eq!(o.reason(), h.reason.as_deref());
        assert_eq!(o.reason(), s.reason());
        assert_eq!(o.reason(), sn.reason.as_deref());
        assert_eq!(o.reason(), sj.reason.as_deref());
        assert_eq!(o.reason(), b.reason.as_deref());
        assert_eq!(o.owner(), s.owner());
        assert_eq!(o.details(), s.details());
        assert_eq!(o.status().map(|s| s.as_str()), h.status.as_deref());
        assert_eq!(o.status().map(|s| s.as_str()), s.status().map(|s| s.as_str()));
        assert_eq!(o.access_type().map(|s| s.as_str()), s.access_type().map(|s| s.as_str()));
        assert_eq!(
            o.output_url().and_then(|u| u.s3_output_url()),
            s.output_url().and_then(|u| u.s3_output_url())
        );
        assert_eq!(
            o.output_url().and_then(|u| u.cloud_watch_output_url()),
            h.output_url.as_ref().and_then(|u| u.cloud_watch_output_url.as_deref())
        );
        for (ot, ht, st) in [
            (o.start_date(), h.start_date, s.start_date()),
            (o.end_date(), h.end_date, s.end_date()),
        ] {
            let (ot, ht, st) = (ot.unwrap(), ht.unwrap(), st.unwrap());
            assert_eq!(ot.secs(), ht.secs, "session {i}");
            assert_eq!(ot.secs(), st.secs(), "session {i}");
            // ours is exact to the text; the others go through f64
            let micros = |n: u32| (n + 500) / 1000;
            assert_eq!(micros(ot.subsec_nanos()), micros(ht.nanos), "session {i}");
            assert_eq!(micros(ot.subsec_nanos()), micros(st.subsec_nanos()), "session {i}");
        }
    }
}

// ---------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------

const SIZES: &[usize] = &[1, 100, 1_000, 10_000];

fn parse(c: &mut Criterion) {
    let codec = aws::codec();
    let rt = aws::runtime();
    for &n in SIZES {
        let body = response_body(n);
        check(&body, n);
        if n == 1 {
            println!(
                "fixture (1 session, {} bytes): {}",
                body.len(),
                String::from_utf8_lossy(&body)
            );
        }
        let mut group = c.benchmark_group(format!("parse/{n}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        if n >= 1_000 {
            group.sample_size(30);
        }
        let body = &body[..];

        group.bench_function("ssm via serde_json::from_slice", |b| {
            b.iter(|| {
                serde_json::from_slice::<ssm::operation::describe_sessions::DescribeSessionsOutput>(black_box(body))
                    .unwrap()
            })
        });
        let response = http::Response::builder().status(200).body(body.to_vec()).unwrap();
        group.bench_function("ssm parse_response", |b| {
            b.iter(|| {
                ssm::operation::describe_sessions::DescribeSessions::parse_response(black_box(&response)).unwrap()
            })
        });
        group.bench_function("serde_json derive (hand-written)", |b| {
            b.iter(|| serde_json::from_slice::<HwOutput>(black_box(body)).unwrap())
        });
        group.bench_function("serde_json derive, borrowed Cow", |b| {
            b.iter(|| serde_json::from_slice::<BorrowedOutput<'_>>(black_box(body)).unwrap())
        });
        group.bench_function("serde_json validate only (IgnoredAny)", |b| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
        });
        group.bench_function("sonic-rs derive", |b| {
            b.iter(|| sonic_rs::from_slice::<HwOutput>(black_box(body)).unwrap())
        });
        let mut scratch = body.to_vec();
        group.bench_function("simd-json derive (incl. copy)", |b| {
            b.iter(|| {
                scratch.clear();
                scratch.extend_from_slice(black_box(body));
                simd_json::serde::from_slice::<HwOutput>(&mut scratch).unwrap()
            })
        });
        group.bench_function("aws-sdk-ssm deserializer (codec, no client)", |b| {
            b.iter(|| aws::deserialize(&codec, black_box(body)))
        });
        let client = aws::client(body);
        group.bench_function("aws-sdk-ssm client end to end", |b| b.iter(|| aws::call(&rt, &client)));
        group.finish();
    }

    // The SDK's fixed per-call cost: the same call with an empty list.
    let tiny = br#"{"Sessions":[]}"#;
    let mut group = c.benchmark_group("parse/tiny");
    group.throughput(Throughput::Bytes(tiny.len() as u64));
    let client = aws::client(tiny);
    group.bench_function("aws-sdk-ssm client end to end", |b| b.iter(|| aws::call(&rt, &client)));
    group.bench_function("aws-sdk-ssm deserializer (codec, no client)", |b| {
        b.iter(|| aws::deserialize(&codec, black_box(tiny)))
    });
    let tiny_response = http::Response::builder().status(200).body(tiny.to_vec()).unwrap();
    group.bench_function("ssm parse_response", |b| {
        b.iter(|| {
            ssm::operation::describe_sessions::DescribeSessions::parse_response(black_box(&tiny_response)).unwrap()
        })
    });
    group.bench_function("ssm via serde_json::from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<ssm::operation::describe_sessions::DescribeSessionsOutput>(black_box(tiny))
                .unwrap()
        })
    });
    group.bench_function("serde_json derive (hand-written)", |b| {
        b.iter(|| serde_json::from_slice::<HwOutput>(black_box(tiny)).unwrap())
    });
    group.finish();
}

// ---------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct HwInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filters: Option<Vec<HwFilter>>,
}

/// SessionFilter's members are `key` and `value` on the wire (lower case).
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
struct HwFilter {
    key: String,
    value: String,
}

const FILTERS: &[(&str, &str)] = &[
    ("InvokedAfter", "2024-01-01T00:00:00Z"),
    ("InvokedBefore", "2024-12-31T23:59:59Z"),
    ("Target", "i-0123456789abcdef0"),
    ("Owner", "arn:aws:sts::123456789012:assumed-role/Admin/jürgen.müller"),
    ("Status", "Connected"),
    ("SessionId", "alice-0a1b2c3d4e5f6789"),
];
const TOKEN: &str = "AAEAAXZwQmFzZTY0RW5jb2RlZFRva2VuK3dpdGgvc2xhc2hlcz0=";

/// The same DescribeSessions request as the generated input and as the
/// hand-written structs.
fn request_inputs() -> (ssm::operation::describe_sessions::DescribeSessionsInput, HwInput) {
    use ssm::operation::describe_sessions::DescribeSessionsInput;
    use ssm::types::{SessionFilter, SessionFilterKey, SessionState};

    let mut builder = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(50)
        .next_token(TOKEN);
    for (k, v) in FILTERS {
        builder = builder.filters(
            SessionFilter::builder()
                .key(SessionFilterKey::from(*k))
                .value(*v)
                .build()
                .unwrap(),
        );
    }
    let input = builder.build().unwrap();
    let hand = HwInput {
        state: Some("Active".into()),
        max_results: Some(50),
        next_token: Some(TOKEN.into()),
        filters: Some(
            FILTERS
                .iter()
                .map(|(k, v)| HwFilter {
                    key: (*k).into(),
                    value: (*v).into(),
                })
                .collect(),
        ),
    };
    (input, hand)
}

fn request(c: &mut Criterion) {
    use ssm::operation::describe_sessions::DescribeSessions;

    let (input, hand) = request_inputs();
    let ours = serde_json::to_vec(&input).unwrap();
    let theirs = serde_json::to_vec(&hand).unwrap();
    assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    println!(
        "request body ({} bytes): {}",
        ours.len(),
        String::from_utf8_lossy(&ours)
    );
    let request_ok = DescribeSessions::request(&input).is_ok();

    let mut group = c.benchmark_group("request");
    group.throughput(Throughput::Bytes(ours.len() as u64));
    assert_eq!(ssm::json::to_vec(&input).unwrap(), ours);
    group.bench_function("ssm (generated) json::to_vec", |b| {
        b.iter(|| ssm::json::to_vec(black_box(&input)).unwrap())
    });
    group.bench_function("ssm via serde_json::to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&input)).unwrap())
    });
    group.bench_function("serde_json derive (hand-written) to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&hand)).unwrap())
    });
    group.bench_function("sonic-rs derive (hand-written) to_vec", |b| {
        b.iter(|| sonic_rs::to_vec(black_box(&hand)).unwrap())
    });
    if request_ok {
        group.bench_function(
            BenchmarkId::new("ssm DescribeSessions::request", "validate+http"),
            |b| b.iter(|| DescribeSessions::request(black_box(&input)).unwrap()),
        );
        group.bench_function("ssm validate() only", |b| {
            b.iter(|| black_box(&input).validate().unwrap())
        });
    } else {
        println!(
            "DescribeSessions::request rejected the input: {:?}",
            DescribeSessions::request(&input).err()
        );
    }
    group.finish();
}

criterion_group!(benches, parse, request);

/// Runs one contender `runs` times on an `n`-session body and exits, for
/// counting instructions with callgrind, which (unlike wall time on a shared
/// VM) repeats exactly: `SHAPESMITH_COUNT=ssm:1000:10 valgrind --tool=callgrind ...`.
/// The count of `...:0` (setup only) is subtracted by `instructions.sh`.
fn count_only(spec: &str) {
    let mut parts = spec.split(':');
    let (Some(who), Some(n), Some(runs)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("SHAPESMITH_COUNT must be contender:sessions:runs, got {spec}");
    };
    let n: usize = n.parse().expect("sessions");
    let runs: usize = runs.parse().expect("runs");
    let body = response_body(n);
    let codec = aws::codec();
    let response = http::Response::builder().status(200).body(body.clone()).unwrap();
    let (input, hand) = request_inputs();
    for _ in 0..runs {
        match who {
            "ssm" => {
                black_box(
                    serde_json::from_slice::<ssm::operation::describe_sessions::DescribeSessionsOutput>(black_box(
                        &body,
                    ))
                    .unwrap(),
                );
            }
            "derive" => {
                black_box(serde_json::from_slice::<HwOutput>(black_box(&body)).unwrap());
            }
            "derive_str" => {
                let text = std::str::from_utf8(black_box(&body)).unwrap();
                black_box(serde_json::from_str::<HwOutput>(text).unwrap());
            }
            "ssm_parse_response" => {
                black_box(
                    ssm::operation::describe_sessions::DescribeSessions::parse_response(black_box(&response)).unwrap(),
                );
            }
            "aws" => {
                black_box(aws::deserialize(&codec, black_box(&body)));
            }
            "sonic" => {
                black_box(sonic_rs::from_slice::<HwOutput>(black_box(&body)).unwrap());
            }
            "request_ssm" => {
                black_box(ssm::json::to_vec(black_box(&input)).unwrap());
            }
            "request_ssm_serde_json" => {
                black_box(serde_json::to_vec(black_box(&input)).unwrap());
            }
            "request_derive" => {
                black_box(serde_json::to_vec(black_box(&hand)).unwrap());
            }
            "request_full" => {
                black_box(ssm::operation::describe_sessions::DescribeSessions::request(black_box(&input)).unwrap());
            }
            other => panic!("unknown contender {other}"),
        }
    }
}

fn main() {
    if let Ok(spec) = std::env::var("SHAPESMITH_COUNT") {
        count_only(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
