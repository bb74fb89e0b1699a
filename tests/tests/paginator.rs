//! `DescribeSessions::paginate` and `paginate_async` against a fake SSM: the
//! send function builds the real request with `DescribeSessions::request`,
//! looks the page up by the `NextToken` in the request body, and reads the
//! canned reply with `DescribeSessions::parse_response`.

use ssm::prelude::Operation as _;
use ssm::prelude::ServiceError as _;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use serde_json::Value;
use ssm::error::{BuildRequestError, PaginationError};
use ssm::operation::describe_sessions::{
    DescribeSessions, DescribeSessionsError, DescribeSessionsInput, DescribeSessionsOutput,
};
use ssm::types::{SessionFilter, SessionFilterKey, SessionState};

const TOKEN_2: &str = "AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==";
const TOKEN_3: &str = "AAEAAc1hNzQ5ZTItOWQ0Yi00ZjEyLWE3YzEtMGI4ZDZlM2YyYTkxAAAAAGdHAKk=";
const REQUEST_ID: &str = "5e8d2f14-3c7a-4b9e-9a61-2f0c8e4d7b35";

const PAGE_1: &str = r#"{
    "Sessions": [
        {"SessionId": "alice-07a16060613c408b5", "Target": "i-0123456789abcdef0", "Status": "Connected",
         "StartDate": 1732704000, "Owner": "arn:aws:sts::123456789012:assumed-role/Admin/alice"},
        {"SessionId": "alice-0f1e2d3c4b5a69788", "Target": "i-0fedcba9876543210", "Status": "Connected",
         "StartDate": 1732704600, "Owner": "arn:aws:sts::123456789012:assumed-role/Admin/alice"}
    ],
    "NextToken": "AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w=="
}"#;

const PAGE_2: &str = r#"{
    "Sessions": [
        {"SessionId": "bob-0c5a2e1b9d3f4a7e6", "Target": "mi-0a1b2c3d4e5f67890", "Status": "Disconnected",
         "StartDate": 1732710000, "Owner": "arn:aws:iam::123456789012:user/bob"},
        {"SessionId": "bob-1d6b3f2c0e4a5b8f7", "Target": "i-0123456789abcdef0", "Status": "Connecting",
         "StartDate": 1732710300, "Owner": "arn:aws:iam::123456789012:user/bob"}
    ],
    "NextToken": "AAEAAc1hNzQ5ZTItOWQ0Yi00ZjEyLWE3YzEtMGI4ZDZlM2YyYTkxAAAAAGdHAKk="
}"#;

const PAGE_3: &str = r#"{
    "Sessions": [
        {"SessionId": "carol-2a3b4c5d6e7f80912", "Target": "i-0aaaabbbbccccdddd", "Status": "Connected",
         "StartDate": 1732713600, "Owner": "arn:aws:iam::123456789012:user/carol", "AccessType": "JustInTime"}
    ]
}"#;

/// Every session id of `PAGE_1`, `PAGE_2` and `PAGE_3`, in order.
const ALL_IDS: [&str; 5] = [
    "alice-07a16060613c408b5",
    "alice-0f1e2d3c4b5a69788",
    "bob-0c5a2e1b9d3f4a7e6",
    "bob-1d6b3f2c0e4a5b8f7",
    "carol-2a3b4c5d6e7f80912",
];

const INVALID_NEXT_TOKEN: &str = r#"{"__type":"InvalidNextToken","Message":"The specified token is not valid."}"#;

// ---------------------------------------------------------------------------
// The fake service
// ---------------------------------------------------------------------------

#[derive(Debug)]
enum SendError {
    Build(BuildRequestError),
    Service(DescribeSessionsError),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Build(e) => write!(f, "cannot build the request: {e}"),
            SendError::Service(e) => write!(f, "service error: {e}"),
        }
    }
}

impl std::error::Error for SendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Build(e) => Some(e),
            SendError::Service(e) => Some(e),
        }
    }
}

/// Canned replies keyed on the `NextToken` of the request body (`None` for
/// the first page), and every request body it received.
#[derive(Default)]
struct FakeSsm {
    replies: HashMap<Option<String>, (u16, String)>,
    requests: Vec<Value>,
}

impl FakeSsm {
    fn new() -> FakeSsm {
        FakeSsm::default()
    }

    fn page(mut self, token: Option<&str>, body: &str) -> FakeSsm {
        self.replies.insert(token.map(str::to_owned), (200, body.to_owned()));
        self
    }

    fn error(mut self, token: Option<&str>, status: u16, body: &str) -> FakeSsm {
        self.replies.insert(token.map(str::to_owned), (status, body.to_owned()));
        self
    }

    /// Three pages: `PAGE_1` -> `PAGE_2` -> `PAGE_3`.
    fn three_pages() -> FakeSsm {
        FakeSsm::new()
            .page(None, PAGE_1)
            .page(Some(TOKEN_2), PAGE_2)
            .page(Some(TOKEN_3), PAGE_3)
    }

    fn send(&mut self, input: &DescribeSessionsInput) -> Result<DescribeSessionsOutput, SendError> {
        let request = DescribeSessions::request(input).map_err(SendError::Build)?;
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri().path(), "/");
        assert_eq!(request.headers()["X-Amz-Target"], "AmazonSSM.DescribeSessions");
        assert_eq!(request.headers()["Content-Type"], "application/x-amz-json-1.1");
        let body: Value = serde_json::from_slice(request.body()).expect("the request body is JSON");
        let token = body
            .get("NextToken")
            .map(|t| t.as_str().expect("NextToken is a string").to_owned());
        self.requests.push(body);
        let (status, reply) = self
            .replies
            .get(&token)
            .unwrap_or_else(|| panic!("the fake has no page for NextToken {token:?}"));
        let response = http::Response::builder()
            .status(*status)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("x-amzn-RequestId", REQUEST_ID)
            .body(reply.as_bytes())
            .expect("valid canned response");
        DescribeSessions::parse_response(&response).map_err(SendError::Service)
    }

    /// The `NextToken` of each request, in order.
    fn sent_tokens(&self) -> Vec<Option<String>> {
        self.requests
            .iter()
            .map(|body| body.get("NextToken").and_then(Value::as_str).map(str::to_owned))
            .collect()
    }
}

fn input() -> DescribeSessionsInput {
    DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .expect("input builds")
}

fn ids(output: &DescribeSessionsOutput) -> Vec<String> {
    output
        .sessions()
        .iter()
        .map(|s| s.session_id().expect("every canned session has an id").to_owned())
        .collect()
}

fn tokens(list: &[Option<&str>]) -> Vec<Option<String>> {
    list.iter().map(|t| t.map(str::to_owned)).collect()
}

// ---------------------------------------------------------------------------
// Blocking paginator
// ---------------------------------------------------------------------------

#[test]
fn iterates_all_pages_in_order() {
    let mut fake = FakeSsm::three_pages();
    let pages: Vec<_> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .map(|page| page.expect("every page succeeds"))
        .collect();
    assert_eq!(pages.len(), 3);
    assert_eq!(ids(&pages[0]), ALL_IDS[..2]);
    assert_eq!(ids(&pages[1]), ALL_IDS[2..4]);
    assert_eq!(ids(&pages[2]), ALL_IDS[4..]);
    assert_eq!(pages[0].next_token(), Some(TOKEN_2));
    assert_eq!(pages[1].next_token(), Some(TOKEN_3));
    assert_eq!(pages[2].next_token(), None);
    assert_eq!(fake.sent_tokens(), tokens(&[None, Some(TOKEN_2), Some(TOKEN_3)]));
}

#[test]
fn every_request_keeps_the_rest_of_the_input() {
    let filter = SessionFilter::builder()
        .key(SessionFilterKey::Owner)
        .value("arn:aws:iam::123456789012:user/bob")
        .build()
        .unwrap();
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .filters(filter)
        .build()
        .unwrap();
    let mut fake = FakeSsm::three_pages();
    let count = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i)).count();
    assert_eq!(count, 3);
    for body in &fake.requests {
        assert_eq!(body["State"], "History");
        assert_eq!(
            body["Filters"],
            serde_json::json!([{"key": "Owner", "value": "arn:aws:iam::123456789012:user/bob"}])
        );
        assert!(body.get("MaxResults").is_none(), "no page size was set: {body}");
    }
    assert_eq!(
        fake.requests[1],
        serde_json::json!({
            "State": "History",
            "NextToken": TOKEN_2,
            "Filters": [{"key": "Owner", "value": "arn:aws:iam::123456789012:user/bob"}]
        })
    );
}

#[test]
fn sends_one_request_per_page_asked_for() {
    let mut fake = FakeSsm::three_pages();
    let mut paginator = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i));
    let first = paginator.next().expect("a first page").expect("it succeeds");
    assert_eq!(ids(&first), ALL_IDS[..2]);
    drop(paginator);
    assert_eq!(fake.requests.len(), 1, "one page asked for, one request sent");
}

#[test]
fn stops_when_next_token_absent() {
    let mut fake = FakeSsm::new().page(None, PAGE_3);
    let mut paginator = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i));
    let page = paginator.next().expect("one page").expect("it succeeds");
    assert_eq!(ids(&page), ALL_IDS[4..]);
    assert!(paginator.next().is_none());
    assert!(paginator.next().is_none(), "stays finished");
    drop(paginator);
    assert_eq!(fake.requests.len(), 1);
}

#[test]
fn stops_when_next_token_is_null() {
    let mut fake = FakeSsm::new().page(None, r#"{"Sessions":[],"NextToken":null}"#);
    let pages: Vec<_> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i)).collect();
    assert_eq!(pages.len(), 1);
    assert!(pages[0].is_ok());
    assert_eq!(fake.requests.len(), 1);
}

#[test]
fn stops_when_next_token_is_empty_string() {
    let last = r#"{"Sessions":[{"SessionId":"bob-0c5a2e1b9d3f4a7e6"}],"NextToken":""}"#;
    let mut fake = FakeSsm::new().page(None, PAGE_1).page(Some(TOKEN_2), last);
    let pages: Vec<_> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .map(|page| page.expect("every page succeeds"))
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(ids(&pages[1]), ["bob-0c5a2e1b9d3f4a7e6"]);
    assert_eq!(pages[1].next_token(), Some(""));
    assert_eq!(fake.sent_tokens(), tokens(&[None, Some(TOKEN_2)]));
}

#[test]
fn stops_when_first_page_has_empty_string_token() {
    let mut fake = FakeSsm::new().page(None, r#"{"Sessions":[],"NextToken":""}"#);
    let count = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i)).count();
    assert_eq!(count, 1);
    assert_eq!(fake.sent_tokens(), tokens(&[None]));
}

#[test]
fn repeated_token_stops_with_an_error() {
    let repeat = format!(r#"{{"Sessions":[{{"SessionId":"bob-0c5a2e1b9d3f4a7e6"}}],"NextToken":"{TOKEN_2}"}}"#);
    let mut fake = FakeSsm::new().page(None, PAGE_1).page(Some(TOKEN_2), &repeat);
    let mut paginator = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i));
    assert_eq!(ids(&paginator.next().unwrap().unwrap()), ALL_IDS[..2]);
    let second = paginator
        .next()
        .expect("second page")
        .expect("it is returned before the error");
    assert_eq!(ids(&second), ["bob-0c5a2e1b9d3f4a7e6"]);
    match paginator.next() {
        Some(Err(PaginationError::RepeatedToken(token))) => assert_eq!(token, TOKEN_2),
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert!(paginator.next().is_none(), "nothing after the error");
    drop(paginator);
    assert_eq!(
        fake.sent_tokens(),
        tokens(&[None, Some(TOKEN_2)]),
        "the repeated token is not sent again"
    );
}

#[test]
fn starting_from_a_given_token_sends_it_first() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .next_token(TOKEN_2)
        .build()
        .unwrap();
    let mut fake = FakeSsm::three_pages();
    let pages: Vec<_> = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i))
        .map(|page| page.expect("every page succeeds"))
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(ids(&pages[0]), ALL_IDS[2..4]);
    assert_eq!(fake.sent_tokens(), tokens(&[Some(TOKEN_2), Some(TOKEN_3)]));
}

#[test]
fn repeated_token_is_detected_on_the_first_page_of_a_resumed_paginator() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .next_token(TOKEN_3)
        .build()
        .unwrap();
    let repeat = format!(r#"{{"Sessions":[],"NextToken":"{TOKEN_3}"}}"#);
    let mut fake = FakeSsm::new().page(Some(TOKEN_3), &repeat);
    let mut paginator = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i));
    assert!(paginator.next().expect("first page").is_ok());
    match paginator.next() {
        Some(Err(PaginationError::RepeatedToken(token))) => assert_eq!(token, TOKEN_3),
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert!(paginator.next().is_none());
    drop(paginator);
    assert_eq!(
        fake.sent_tokens(),
        tokens(&[Some(TOKEN_3)]),
        "the service was sent {TOKEN_3} once"
    );
}

#[test]
fn page_size_sets_max_results_in_every_request() {
    let mut fake = FakeSsm::three_pages();
    let count = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .page_size(25)
        .count();
    assert_eq!(count, 3);
    assert_eq!(fake.requests.len(), 3);
    for body in &fake.requests {
        assert_eq!(body["MaxResults"], 25, "request {body}");
    }
}

#[test]
fn page_size_overrides_max_results_of_the_input() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(10)
        .build()
        .unwrap();
    let mut fake = FakeSsm::three_pages();
    let _ = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i))
        .page_size(200)
        .count();
    let sizes: Vec<_> = fake.requests.iter().map(|body| body["MaxResults"].clone()).collect();
    assert_eq!(sizes, [200, 200, 200]);
}

#[test]
fn max_results_of_the_input_is_kept_without_page_size() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(2)
        .build()
        .unwrap();
    let mut fake = FakeSsm::three_pages();
    let _ = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i)).count();
    let sizes: Vec<_> = fake.requests.iter().map(|body| body["MaxResults"].clone()).collect();
    assert_eq!(sizes, [2, 2, 2]);
}

#[test]
fn items_yields_every_session_across_pages_in_order() {
    let mut fake = FakeSsm::three_pages();
    let sessions: Vec<String> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .items()
        .map(|item| item.expect("no errors").session_id().unwrap().to_owned())
        .collect();
    assert_eq!(sessions, ALL_IDS);
    assert_eq!(fake.requests.len(), 3);
}

#[test]
fn items_skips_pages_without_sessions() {
    let empty_middle = format!(r#"{{"NextToken":"{TOKEN_3}"}}"#);
    let mut fake = FakeSsm::new()
        .page(None, PAGE_1)
        .page(Some(TOKEN_2), &empty_middle)
        .page(Some(TOKEN_3), PAGE_3);
    let sessions: Vec<String> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .items()
        .map(|item| item.expect("no errors").session_id().unwrap().to_owned())
        .collect();
    assert_eq!(
        sessions,
        [
            "alice-07a16060613c408b5",
            "alice-0f1e2d3c4b5a69788",
            "carol-2a3b4c5d6e7f80912"
        ]
    );
    assert_eq!(fake.requests.len(), 3);
}

#[test]
fn items_are_fetched_lazily_page_by_page() {
    let mut fake = FakeSsm::three_pages();
    let first_three: Vec<String> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .items()
        .take(3)
        .map(|item| item.unwrap().session_id().unwrap().to_owned())
        .collect();
    assert_eq!(first_three, ALL_IDS[..3]);
    assert_eq!(fake.requests.len(), 2, "the third page is never needed");
}

#[test]
fn items_stop_at_a_send_error() {
    let mut fake = FakeSsm::new()
        .page(None, PAGE_1)
        .error(Some(TOKEN_2), 400, INVALID_NEXT_TOKEN);
    let mut items = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i)).items();
    assert_eq!(items.next().unwrap().unwrap().session_id(), Some(ALL_IDS[0]));
    assert_eq!(items.next().unwrap().unwrap().session_id(), Some(ALL_IDS[1]));
    match items.next() {
        Some(Err(PaginationError::Send(SendError::Service(DescribeSessionsError::InvalidNextToken(e))))) => {
            assert_eq!(e.message(), Some("The specified token is not valid."));
        }
        other => panic!("expected Send(InvalidNextToken), got {other:?}"),
    }
    assert!(items.next().is_none());
}

#[test]
fn send_error_stops_iteration() {
    let mut fake = FakeSsm::new()
        .page(None, PAGE_1)
        .error(Some(TOKEN_2), 400, INVALID_NEXT_TOKEN)
        .page(Some(TOKEN_3), PAGE_3);
    let mut paginator = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i));
    assert!(paginator.next().unwrap().is_ok());
    let error = match paginator.next() {
        Some(Err(PaginationError::Send(SendError::Service(error)))) => error,
        other => panic!("expected Send(Service(..)), got {other:?}"),
    };
    assert!(matches!(error, DescribeSessionsError::InvalidNextToken(_)), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert!(paginator.next().is_none(), "no page after the error");
    assert!(paginator.next().is_none());
    drop(paginator);
    assert_eq!(fake.sent_tokens(), tokens(&[None, Some(TOKEN_2)]));
}

#[test]
fn unhandled_service_error_on_first_page_stops_iteration() {
    let throttled = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let mut fake = FakeSsm::new().error(None, 400, throttled);
    let results: Vec<_> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i)).collect();
    assert_eq!(results.len(), 1);
    match &results[0] {
        Err(PaginationError::Send(SendError::Service(error @ DescribeSessionsError::Unhandled(_)))) => {
            assert_eq!(error.code(), Some("ThrottlingException"));
            assert_eq!(error.message(), Some("Rate exceeded"));
        }
        other => panic!("expected Send(Unhandled), got {other:?}"),
    }
}

#[test]
fn input_that_breaks_constraints_is_sent_and_the_service_decides() {
    // request() does not enforce constraints by default (Smithy says clients
    // should not): the input without State goes out, page after page.
    let input = DescribeSessionsInput::builder().build().unwrap();
    assert!(input.validate().is_err(), "State is @required");
    let mut fake = FakeSsm::three_pages();
    let results: Vec<_> = DescribeSessions::paginate(input, |i: &DescribeSessionsInput| fake.send(i))
        .page_size(25)
        .collect();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(fake.requests[0], serde_json::json!({"MaxResults": 25}));
}

#[test]
fn page_size_out_of_range_is_sent_as_given() {
    let mut fake = FakeSsm::three_pages();
    let results: Vec<_> = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .page_size(500)
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(
        fake.requests[0]["MaxResults"], 500,
        "the service, not the client, applies @range"
    );
}

#[test]
fn pagination_error_display_and_source() {
    let repeated: PaginationError<SendError> = PaginationError::RepeatedToken(TOKEN_2.to_owned());
    assert_eq!(
        repeated.to_string(),
        format!("the service returned the page token `{TOKEN_2}` twice; stopping to avoid a loop")
    );
    assert!(std::error::Error::source(&repeated).is_none());

    let mut fake = FakeSsm::new().error(None, 500, r#"{"__type":"InternalServerError","Message":"Try again"}"#);
    let error = DescribeSessions::paginate(input(), |i: &DescribeSessionsInput| fake.send(i))
        .next()
        .unwrap()
        .expect_err("the service fails");
    assert_eq!(error.to_string(), "service error: InternalServerError: Try again");
    let source = std::error::Error::source(&error).expect("Send has its error as source");
    assert!(source.downcast_ref::<SendError>().is_some());
}

// ---------------------------------------------------------------------------
// Async paginator
// ---------------------------------------------------------------------------

struct NoopWaker;

impl Wake for NoopWaker {
    fn wake(self: Arc<Self>) {}
}

/// Runs a future to completion on this thread, polling until it is ready.
fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(NoopWaker));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    for _ in 0..10_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
    panic!("the future never became ready");
}

/// A future that is pending once before it is ready, so that the paginator
/// really has to await its send future.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// An async send function over a shared fake.
fn async_send(
    fake: &Rc<RefCell<FakeSsm>>,
) -> impl FnMut(DescribeSessionsInput) -> std::pin::Pin<Box<dyn Future<Output = Result<DescribeSessionsOutput, SendError>>>>
{
    let fake = Rc::clone(fake);
    move |input: DescribeSessionsInput| {
        let fake = Rc::clone(&fake);
        Box::pin(async move {
            YieldOnce(false).await;
            let result = fake.borrow_mut().send(&input);
            result
        })
    }
}

#[test]
fn block_on_drives_a_pending_future() {
    assert_eq!(
        block_on(async {
            YieldOnce(false).await;
            7
        }),
        7
    );
}

#[test]
fn async_next_page_iterates_all_pages() {
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    let pages = block_on(async {
        let mut pages = Vec::new();
        while let Some(page) = paginator.next_page().await {
            pages.push(page.expect("every page succeeds"));
        }
        pages
    });
    assert_eq!(pages.len(), 3);
    assert_eq!(ids(&pages[0]), ALL_IDS[..2]);
    assert_eq!(ids(&pages[1]), ALL_IDS[2..4]);
    assert_eq!(ids(&pages[2]), ALL_IDS[4..]);
    assert!(block_on(paginator.next_page()).is_none(), "stays finished");
    assert_eq!(
        fake.borrow().sent_tokens(),
        tokens(&[None, Some(TOKEN_2), Some(TOKEN_3)])
    );
}

#[test]
fn async_collect_items_yields_every_session_in_order() {
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    let sessions = block_on(paginator.collect_items()).expect("no errors");
    let ids: Vec<_> = sessions.iter().map(|s| s.session_id().unwrap()).collect();
    assert_eq!(ids, ALL_IDS);
    assert_eq!(fake.borrow().requests.len(), 3);
}

#[test]
fn async_collect_items_after_first_page_collects_the_rest() {
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    let first = block_on(paginator.next_page()).unwrap().unwrap();
    assert_eq!(ids(&first), ALL_IDS[..2]);
    let rest = block_on(paginator.collect_items()).expect("no errors");
    let rest: Vec<_> = rest.iter().map(|s| s.session_id().unwrap()).collect();
    assert_eq!(rest, ALL_IDS[2..]);
}

#[test]
fn async_stops_when_next_token_absent() {
    let fake = Rc::new(RefCell::new(FakeSsm::new().page(None, PAGE_3)));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    let page = block_on(paginator.next_page()).expect("one page").expect("it succeeds");
    assert_eq!(ids(&page), ALL_IDS[4..]);
    assert!(block_on(paginator.next_page()).is_none());
    assert_eq!(fake.borrow().requests.len(), 1);
}

#[test]
fn async_stops_when_next_token_is_empty_string() {
    let last = r#"{"Sessions":[{"SessionId":"bob-0c5a2e1b9d3f4a7e6"}],"NextToken":""}"#;
    let fake = Rc::new(RefCell::new(
        FakeSsm::new().page(None, PAGE_1).page(Some(TOKEN_2), last),
    ));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    let sessions = block_on(paginator.collect_items()).expect("no errors");
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions[2].session_id(), Some("bob-0c5a2e1b9d3f4a7e6"));
    assert_eq!(fake.borrow().sent_tokens(), tokens(&[None, Some(TOKEN_2)]));
}

#[test]
fn async_repeated_token_stops_with_an_error() {
    let repeat = format!(r#"{{"Sessions":[{{"SessionId":"bob-0c5a2e1b9d3f4a7e6"}}],"NextToken":"{TOKEN_2}"}}"#);
    let fake = Rc::new(RefCell::new(
        FakeSsm::new().page(None, PAGE_1).page(Some(TOKEN_2), &repeat),
    ));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    assert!(block_on(paginator.next_page()).unwrap().is_ok());
    assert!(block_on(paginator.next_page()).unwrap().is_ok());
    match block_on(paginator.next_page()) {
        Some(Err(PaginationError::RepeatedToken(token))) => assert_eq!(token, TOKEN_2),
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert!(block_on(paginator.next_page()).is_none());
    assert_eq!(fake.borrow().sent_tokens(), tokens(&[None, Some(TOKEN_2)]));
}

#[test]
fn async_collect_items_stops_with_repeated_token() {
    let repeat = format!(r#"{{"NextToken":"{TOKEN_2}"}}"#);
    let fake = Rc::new(RefCell::new(
        FakeSsm::new().page(None, PAGE_1).page(Some(TOKEN_2), &repeat),
    ));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    match block_on(paginator.collect_items()) {
        Err(PaginationError::RepeatedToken(token)) => assert_eq!(token, TOKEN_2),
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert_eq!(fake.borrow().requests.len(), 2);
}

#[test]
fn async_page_size_sets_max_results_in_every_request() {
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake)).page_size(25);
    let sessions = block_on(paginator.collect_items()).expect("no errors");
    assert_eq!(sessions.len(), 5);
    let fake = fake.borrow();
    assert_eq!(fake.requests.len(), 3);
    for body in &fake.requests {
        assert_eq!(body["MaxResults"], 25, "request {body}");
    }
}

#[test]
fn async_send_error_stops_iteration() {
    let fake = Rc::new(RefCell::new(
        FakeSsm::new()
            .page(None, PAGE_1)
            .error(Some(TOKEN_2), 400, INVALID_NEXT_TOKEN)
            .page(Some(TOKEN_3), PAGE_3),
    ));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    assert!(block_on(paginator.next_page()).unwrap().is_ok());
    match block_on(paginator.next_page()) {
        Some(Err(PaginationError::Send(SendError::Service(DescribeSessionsError::InvalidNextToken(e))))) => {
            assert_eq!(e.message(), Some("The specified token is not valid."));
            assert_eq!(e.meta().request_id(), Some(REQUEST_ID));
        }
        other => panic!("expected Send(InvalidNextToken), got {other:?}"),
    }
    assert!(block_on(paginator.next_page()).is_none());
    assert_eq!(fake.borrow().sent_tokens(), tokens(&[None, Some(TOKEN_2)]));
}

#[test]
fn async_collect_items_stops_at_a_send_error() {
    let fake = Rc::new(RefCell::new(FakeSsm::new().page(None, PAGE_1).error(
        Some(TOKEN_2),
        500,
        r#"{"__type":"InternalServerError","Message":"Try again"}"#,
    )));
    let mut paginator = DescribeSessions::paginate_async(input(), async_send(&fake));
    match block_on(paginator.collect_items()) {
        Err(PaginationError::Send(SendError::Service(DescribeSessionsError::InternalServerError(e)))) => {
            assert_eq!(e.message(), Some("Try again"));
        }
        other => panic!("expected Send(InternalServerError), got {other:?}"),
    }
    assert!(block_on(paginator.next_page()).is_none(), "finished after the error");
    assert_eq!(fake.borrow().requests.len(), 2);
}

#[test]
fn async_input_that_breaks_constraints_is_sent() {
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let empty = DescribeSessionsInput::builder().build().unwrap();
    let mut paginator = DescribeSessions::paginate_async(empty, async_send(&fake));
    let sessions = block_on(paginator.collect_items()).expect("sent without validation");
    assert_eq!(sessions.len(), 5);
    assert_eq!(fake.borrow().requests.len(), 3);
}

#[test]
fn async_send_gets_each_input_by_value_with_the_token_set() {
    let seen: Rc<RefCell<Vec<Option<String>>>> = Rc::default();
    let fake = Rc::new(RefCell::new(FakeSsm::three_pages()));
    let mut send = async_send(&fake);
    let record = Rc::clone(&seen);
    let mut paginator = DescribeSessions::paginate_async(input(), move |input: DescribeSessionsInput| {
        record.borrow_mut().push(input.next_token().map(str::to_owned));
        send(input)
    });
    let sessions = block_on(paginator.collect_items()).expect("no errors");
    assert_eq!(sessions.len(), 5);
    assert_eq!(*seen.borrow(), tokens(&[None, Some(TOKEN_2), Some(TOKEN_3)]));
}
