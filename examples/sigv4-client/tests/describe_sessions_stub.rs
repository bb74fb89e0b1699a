//! `DescribeSessions` end to end, against a local HTTP stub: moto does not implement it (see
//! `moto_round_trip.rs` for the operations it does). The example's `Client` builds the request
//! with the generated `ssm` crate, signs it with SigV4, sends it with ureq over a real socket to
//! a listener on 127.0.0.1, and reads the stub's replies with the generated `parse_response`.
//!
//! The stub checks what arrived on the wire: a `POST /` with `X-Amz-Target:
//! AmazonSSM.DescribeSessions`, the awsJson1_1 content type, a JSON body with `State`, and a SigV4
//! `Authorization` header (`Credential=testing/<date>/us-east-1/ssm/aws4_request`) whose
//! signature is recomputed here from the received bytes, as a server would verify it. The
//! replies are hand-written from the shape of the DescribeSessions API reference (`Sessions`
//! with every `Session` member, `NextToken`; the `x-amzn-RequestId` header), not recorded from
//! AWS.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use sigv4_client::{sign, ssm_target, CallError, Client};
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsError, DescribeSessionsInput};
use ssm::prelude::ServiceError as _;
use ssm::retry::RetryPolicy;
use ssm::types::{AccessType, SessionState, SessionStatus};

/// The first page: two sessions (one connected, one terminated with every member set) and a
/// `NextToken`.
const PAGE_1: &str = r#"{"Sessions":[{"SessionId":"alice-0a1b2c3d4e5f60718","Target":"i-0123456789abcdef0","Status":"Connected","StartDate":1.751284800123E9,"DocumentName":"SSM-SessionManagerRunShell","Owner":"arn:aws:sts::123456789012:assumed-role/Admin/alice","Reason":"Investigate disk usage","Details":"","OutputUrl":{"S3OutputUrl":"","CloudWatchOutputUrl":""},"MaxSessionDuration":"60","AccessType":"Standard"},{"SessionId":"bob-09f8e7d6c5b4a3921","Target":"mi-0abcdef1234567890","Status":"Terminated","StartDate":1.7512812E9,"EndDate":1.7512848E9,"DocumentName":"AWS-StartPortForwardingSession","Owner":"arn:aws:iam::123456789012:user/bob","Details":"Port 8080 forwarded","OutputUrl":{"S3OutputUrl":"https://s3.amazonaws.com/session-logs-123456789012/bob-09f8e7d6c5b4a3921.log","CloudWatchOutputUrl":"https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=session-logs;stream=bob-09f8e7d6c5b4a3921"},"AccessType":"JustInTime"}],"NextToken":"AAIAAYdGcB0jZXxpA2VuZGVyX3BhZ2VfMQ=="}"#;
/// The last page: one session, no token.
const PAGE_2: &str = r#"{"Sessions":[{"SessionId":"carol-1122334455667788a","Target":"i-0fedcba9876543210","Status":"Connecting","StartDate":1.751285e9,"DocumentName":"SSM-SessionManagerRunShell","Owner":"arn:aws:sts::123456789012:assumed-role/Dev/carol","OutputUrl":{},"AccessType":"Standard"}]}"#;

/// One reply of the stub: status, headers beyond the standard ones, body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static str,
}

impl Reply {
    fn ok(body: &'static str, request_id: &'static str) -> Reply {
        Reply {
            status: 200,
            headers: vec![("x-amzn-RequestId", request_id)],
            body,
        }
    }
}

/// A request as it arrived: method, target, headers (names lowercased), body.
#[derive(Debug)]
struct Received {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// Serves `replies` in order, one connection each, on 127.0.0.1; returns its URL and a handle
/// that gives the requests received.
fn stub(replies: Vec<Reply>) -> (String, thread::JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let mut received = Vec::new();
        for reply in replies {
            let (stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = BufReader::new(stream);
            received.push(read_request(&mut reader));
            let mut stream = reader.into_inner();
            let reason = if reply.status == 200 { "OK" } else { "Bad Request" };
            let mut head = format!(
                "HTTP/1.1 {} {reason}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\
                 Date: Mon, 30 Jun 2025 12:00:01 GMT\r\nConnection: close\r\n",
                reply.status,
                reply.body.len()
            );
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(reply.body.as_bytes()).unwrap();
            stream.flush().unwrap();
        }
        received
    });
    (url, handle)
}

/// Reads one HTTP/1.1 request with a `Content-Length` body.
fn read_request(reader: &mut impl BufRead) -> Received {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());
    let mut headers = BTreeMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    let length: usize = headers.get("content-length").map_or(0, |n| n.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Received {
        method,
        path,
        headers,
        body,
    }
}

fn client(url: &str) -> Client {
    let params = ssm::endpoint::Params::new().region("us-east-1").endpoint(url);
    let target = ssm_target(&params, "us-east-1").unwrap();
    Client::new(target, Credentials::new("testing", "testing", None, None, "test"))
}

/// `YYYYMMDD'T'HHMMSS'Z'` as a time.
fn amz_date(text: &str) -> SystemTime {
    let n = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap();
    let (year, month, day) = (n(0..4), n(4..6), n(6..8));
    // Days from 1970-01-01 to the date (the proleptic Gregorian calendar, year >= 1970).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1 - 719_468;
    let seconds = days * 86_400 + n(9..11) * 3600 + n(11..13) * 60 + n(13..15);
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap())
}

/// Checks the request is a signed DescribeSessions call, as the service would: the target, the
/// content type, the credential scope, and the signature recomputed over the headers it names
/// and the body, as received.
fn check_signed_describe_sessions(request: &Received) -> serde_json::Value {
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/"));
    assert_eq!(request.header("x-amz-target"), "AmazonSSM.DescribeSessions");
    assert_eq!(request.header("content-type"), "application/x-amz-json-1.1");

    let authorization = request.header("authorization");
    let date = request.header("x-amz-date");
    let scope = format!("Credential=testing/{}/us-east-1/ssm/aws4_request, ", &date[..8]);
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 {scope}")),
        "{authorization}"
    );
    let signed_headers = authorization
        .split(", ")
        .find_map(|part| part.strip_prefix("SignedHeaders="))
        .unwrap();
    for name in ["content-type", "host", "x-amz-date", "x-amz-target"] {
        assert!(
            signed_headers.split(';').any(|h| h == name),
            "{name} not signed: {signed_headers}"
        );
    }

    // Re-sign what arrived (the signed headers but the signature's own, at its date) and compare.
    let mut resigned = http::Request::builder().method(request.method.as_str()).uri(format!(
        "http://{}{}",
        request.header("host"),
        request.path
    ));
    for name in signed_headers
        .split(';')
        .filter(|h| !["host", "x-amz-date"].contains(h))
    {
        resigned = resigned.header(name, request.header(name));
    }
    let mut resigned = resigned.body(request.body.clone()).unwrap();
    let credentials = Credentials::new("testing", "testing", None, None, "test");
    sign(&mut resigned, &credentials, "us-east-1", "ssm", amz_date(date)).unwrap();
    assert_eq!(
        resigned.headers()["authorization"],
        authorization,
        "the signature does not verify"
    );

    serde_json::from_slice(&request.body).unwrap()
}

#[test]
fn describe_sessions_pages_through_a_signed_exchange() {
    let (url, stub) = stub(vec![
        Reply::ok(PAGE_1, "5f3d7a52-8f0e-4c7a-9d55-3c1e2b4a6f01"),
        Reply::ok(PAGE_2, "0b9c6e1d-2a3f-4e5b-8c7d-9e0f1a2b3c4d"),
    ]);
    let client = client(&url);
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(2)
        .build()
        .unwrap();

    let sessions: Vec<_> = DescribeSessions::paginate(input, |input| client.describe_sessions(input))
        .items()
        .collect::<Result<_, _>>()
        .unwrap();

    let requests = stub.join().unwrap();
    assert_eq!(requests.len(), 2);
    let first = check_signed_describe_sessions(&requests[0]);
    assert_eq!(first, serde_json::json!({"State": "History", "MaxResults": 2}));
    let second = check_signed_describe_sessions(&requests[1]);
    assert_eq!(
        second,
        serde_json::json!({"State": "History", "MaxResults": 2, "NextToken": "AAIAAYdGcB0jZXxpA2VuZGVyX3BhZ2VfMQ=="})
    );

    let ids: Vec<_> = sessions.iter().map(|s| s.session_id().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "alice-0a1b2c3d4e5f60718",
            "bob-09f8e7d6c5b4a3921",
            "carol-1122334455667788a"
        ]
    );
    let alice = &sessions[0];
    assert_eq!(alice.status(), Some(&SessionStatus::Connected));
    assert_eq!(alice.start_date().unwrap().to_rfc3339(), "2025-06-30T12:00:00.123Z");
    assert_eq!(alice.end_date(), None);
    assert_eq!(alice.max_session_duration(), Some("60"));
    let bob = &sessions[1];
    assert_eq!(bob.status(), Some(&SessionStatus::Terminated));
    assert_eq!(bob.end_date().unwrap().to_rfc3339(), "2025-06-30T12:00:00Z");
    assert_eq!(bob.access_type(), Some(&AccessType::Justintime));
    assert!(bob
        .output_url()
        .and_then(|u| u.s3_output_url())
        .unwrap()
        .ends_with("/bob-09f8e7d6c5b4a3921.log"));
    assert_eq!(
        sessions[2].owner(),
        Some("arn:aws:sts::123456789012:assumed-role/Dev/carol")
    );
}

#[test]
fn describe_sessions_retries_throttling_then_reads_the_modelled_error() {
    let throttled = Reply {
        status: 400,
        headers: vec![("x-amzn-RequestId", "3a4b5c6d-0000-4000-8000-000000000001")],
        body: r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    };
    let invalid_token = Reply {
        status: 400,
        headers: vec![("x-amzn-RequestId", "3a4b5c6d-0000-4000-8000-000000000002")],
        body: r#"{"__type":"InvalidNextToken","Message":"The specified token isn't valid."}"#,
    };
    let (url, stub) = stub(vec![throttled, invalid_token]);
    // The standard mode's 1 s base backoff, shortened so that the test does not wait.
    let client = client(&url).with_retry_policy(RetryPolicy::standard().base_backoff(Duration::from_millis(10)));
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .next_token("expired")
        .build()
        .unwrap();

    let error = client.describe_sessions(&input).unwrap_err();

    // The throttled attempt was retried (signed afresh); the second error is not retryable.
    let requests = stub.join().unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        check_signed_describe_sessions(request);
    }
    let CallError::Service(error) = error else {
        panic!("not a service error: {error}")
    };
    assert!(error.is_invalid_next_token(), "{error:?}");
    assert!(matches!(*error, DescribeSessionsError::InvalidNextToken(_)));
    assert_eq!(error.message(), Some("The specified token isn't valid."));
    assert_eq!(error.request_id(), Some("3a4b5c6d-0000-4000-8000-000000000002"));
}
