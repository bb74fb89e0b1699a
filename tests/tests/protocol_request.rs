//! `DescribeSessions::request` and `request_to`: the awsJson1_1 HTTP request
//! envelope (method, URI, headers, body), the errors that stop a request
//! from being built (AWSJSON11-FACTS.md section 1), and constraint checks,
//! which only a crate generated with `validate_requests` makes.

use http::{Method, Request, Uri};
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput};
use ssm::prelude::Operation as _;
use ssm::types::{SessionFilterKey, SessionState};

mod common;
use common::{filter, INSTANCE, NEXT_TOKEN, OWNER_ARN};

fn active_input() -> DescribeSessionsInput {
    DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .expect("input builds")
}

fn full_input() -> DescribeSessionsInput {
    DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(50)
        .next_token(NEXT_TOKEN)
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .filters(filter(SessionFilterKey::TargetId, INSTANCE))
        .build()
        .expect("input builds")
}

fn header<'a>(request: &'a Request<Vec<u8>>, name: &str) -> &'a str {
    request
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("header `{name}` is missing from {:?}", request.headers()))
        .to_str()
        .expect("header value is ASCII")
}

fn body_text(request: &Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).expect("body is UTF-8")
}

// ---------------------------------------------------------------------------
// Method, URI and headers
// ---------------------------------------------------------------------------

#[test]
fn request_is_a_post() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(request.method(), Method::POST);
}

#[test]
fn request_without_endpoint_goes_to_slash() {
    let request = DescribeSessions::request(&full_input()).expect("request builds");
    assert_eq!(request.uri().to_string(), "/");
    assert_eq!(request.uri().path(), "/");
    assert_eq!(request.uri().query(), None);
    assert!(request.uri().authority().is_none());
    assert!(
        !request.uri().path().contains("DescribeSessions"),
        "the operation name never appears in the path"
    );
}

#[test]
fn request_has_awsjson11_content_type() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(header(&request, "Content-Type"), "application/x-amz-json-1.1");
}

#[test]
fn request_has_x_amz_target_with_service_shape_name() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(header(&request, "X-Amz-Target"), "AmazonSSM.DescribeSessions");
    assert_eq!(DescribeSessions::TARGET, "AmazonSSM.DescribeSessions");
    assert_eq!(DescribeSessions::NAME, "DescribeSessions");
}

#[test]
fn request_header_lookup_is_case_insensitive() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(header(&request, "x-amz-target"), "AmazonSSM.DescribeSessions");
    assert_eq!(header(&request, "content-type"), "application/x-amz-json-1.1");
}

#[test]
fn request_has_exactly_one_value_per_protocol_header() {
    let request = DescribeSessions::request(&full_input()).expect("request builds");
    for name in ["Content-Type", "X-Amz-Target", "Content-Length"] {
        assert_eq!(request.headers().get_all(name).iter().count(), 1, "header `{name}`");
    }
}

#[test]
fn request_sends_no_content_encoding() {
    // DescribeSessions has no @requestCompression: the body goes as is.
    let request = DescribeSessions::request(&full_input()).expect("request builds");
    assert!(request.headers().get("Content-Encoding").is_none());
}

#[test]
fn content_length_equals_body_length_for_minimal_input() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(request.body().len(), r#"{"State":"Active"}"#.len());
    assert_eq!(header(&request, "Content-Length"), request.body().len().to_string());
}

#[test]
fn content_length_equals_body_length_for_full_input() {
    let request = DescribeSessions::request(&full_input()).expect("request builds");
    let length: usize = header(&request, "Content-Length")
        .parse()
        .expect("numeric Content-Length");
    assert_eq!(length, request.body().len());
    assert!(length > 100, "a full input has a long body, got {length} bytes");
}

#[test]
fn content_length_counts_bytes_not_characters() {
    // "é" and "✓" are 2 and 3 bytes in UTF-8.
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::Owner, "arn:aws:iam::123456789012:user/renée✓"))
        .build()
        .unwrap();
    let request = DescribeSessions::request(&input).expect("request builds");
    let body = body_text(&request);
    assert!(body.chars().count() < body.len(), "the body has multi-byte characters");
    assert_eq!(header(&request, "Content-Length"), body.len().to_string());
}

// ---------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------

#[test]
fn minimal_input_body_is_exactly_the_state() {
    let request = DescribeSessions::request(&active_input()).expect("request builds");
    assert_eq!(body_text(&request), r#"{"State":"Active"}"#);
}

#[test]
fn full_input_body_is_exact_json_in_model_order() {
    let request = DescribeSessions::request(&full_input()).expect("request builds");
    let expected = concat!(
        r#"{"State":"History","#,
        r#""MaxResults":50,"#,
        r#""NextToken":"AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==","#,
        r#""Filters":["#,
        r#"{"key":"Owner","value":"arn:aws:sts::123456789012:assumed-role/Admin/alice"},"#,
        r#"{"key":"Target","value":"i-0123456789abcdef0"}"#,
        r#"]}"#,
    );
    assert_eq!(body_text(&request), expected);
}

#[test]
fn body_is_the_serde_serialization_of_the_input() {
    let input = full_input();
    let request = DescribeSessions::request(&input).expect("request builds");
    assert_eq!(request.body(), &serde_json::to_vec(&input).unwrap());
    let reparsed: DescribeSessionsInput = serde_json::from_slice(request.body()).expect("body parses back");
    assert_eq!(reparsed, input);
}

#[test]
fn body_escapes_json_special_characters() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::SessionId, "alice\"\\\n-0c5a"))
        .build()
        .unwrap();
    let request = DescribeSessions::request(&input).expect("request builds");
    assert_eq!(
        body_text(&request),
        r#"{"State":"Active","Filters":[{"key":"SessionId","value":"alice\"\\\n-0c5a"}]}"#
    );
}

#[test]
fn unknown_enum_value_is_sent_as_its_text() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::from("Archived"))
        .build()
        .unwrap();
    let request = DescribeSessions::request(&input).expect("request builds");
    assert_eq!(body_text(&request), r#"{"State":"Archived"}"#);
}

#[test]
fn request_and_request_to_send_the_same_body_and_headers() {
    let input = full_input();
    let plain = DescribeSessions::request(&input).expect("request builds");
    let endpoint = Uri::from_static("https://ssm.eu-west-1.amazonaws.com");
    let routed = DescribeSessions::request_to(&input, &endpoint).expect("request builds");
    assert_eq!(plain.body(), routed.body());
    assert_eq!(plain.method(), routed.method());
    assert_eq!(plain.headers(), routed.headers());
}

// ---------------------------------------------------------------------------
// Constraints are not enforced by default (Smithy: "Constraint traits SHOULD
// NOT be enforced when serializing shapes"): request() sends what validate()
// would refuse, and the service decides.
// ---------------------------------------------------------------------------

#[test]
fn input_that_breaks_constraints_is_sent_by_default() {
    let input = DescribeSessionsInput::builder()
        .max_results(500)
        .filters(filter(SessionFilterKey::TargetId, ""))
        .build()
        .unwrap();
    let violations: Vec<String> = input
        .validate()
        .expect_err("validate() still checks")
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        violations,
        [
            "State: is required but has no value",
            "MaxResults: value 500 is above the maximum of 200",
            "Filters[0].value: length 0 is below the minimum of 1",
        ]
    );
    let request = DescribeSessions::request(&input).expect("sent without validation");
    assert_eq!(
        body_text(&request),
        r#"{"MaxResults":500,"Filters":[{"key":"Target","value":""}]}"#
    );
    let endpoint = Uri::from_static("https://ssm.us-east-1.amazonaws.com");
    DescribeSessions::request_to(&input, &endpoint).expect("request_to does not validate either");
}

// ---------------------------------------------------------------------------
// With `validate_requests` (the ssm-validated crate, same model), nothing is
// built for an invalid input
// ---------------------------------------------------------------------------

mod validated {
    use ssm_validated::error::{BuildRequestError, Rule};
    use ssm_validated::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput};
    use ssm_validated::prelude::Operation as _;
    use ssm_validated::types::{SessionFilter, SessionFilterKey, SessionState};

    use super::{Uri, OWNER_ARN};

    fn filter(key: SessionFilterKey, value: &str) -> SessionFilter {
        SessionFilter::builder()
            .key(key)
            .value(value)
            .build()
            .expect("filter builds")
    }

    fn validation_violations(error: &BuildRequestError) -> Vec<String> {
        match error {
            BuildRequestError::Invalid(invalid) => invalid.violations().iter().map(ToString::to_string).collect(),
            BuildRequestError::Other(message) => panic!("expected a validation error, got Other({message:?})"),
        }
    }

    #[test]
    fn empty_input_is_rejected_because_state_is_required() {
        let input = DescribeSessionsInput::builder().build().unwrap();
        // The body would be `{}`, but the model requires State.
        assert_eq!(serde_json::to_string(&input).unwrap(), "{}");
        let error = DescribeSessions::request(&input).expect_err("State is required");
        assert_eq!(validation_violations(&error), ["State: is required but has no value"]);
    }

    #[test]
    fn empty_input_is_rejected_by_request_to_as_well() {
        let input = DescribeSessionsInput::builder().build().unwrap();
        let endpoint = Uri::from_static("https://ssm.us-east-1.amazonaws.com");
        let error = DescribeSessions::request_to(&input, &endpoint).expect_err("State is required");
        assert_eq!(validation_violations(&error), ["State: is required but has no value"]);
    }

    #[test]
    fn request_to_validates_the_input_before_the_endpoint() {
        let input = DescribeSessionsInput::builder().build().unwrap();
        let no_host = Uri::from_static("/relative");
        let error = DescribeSessions::request_to(&input, &no_host).expect_err("invalid input");
        assert!(matches!(error, BuildRequestError::Invalid(_)), "{error:?}");
    }

    #[test]
    fn validation_error_names_the_member_and_the_rule() {
        let input = DescribeSessionsInput::builder().build().unwrap();
        let error = DescribeSessions::request(&input).expect_err("State is required");
        let BuildRequestError::Invalid(invalid) = &error else {
            panic!("expected Invalid, got {error:?}");
        };
        assert_eq!(invalid.violations().len(), 1);
        assert_eq!(invalid.violations()[0].path(), "State");
        assert_eq!(invalid.violations()[0].rule(), &Rule::Required);
    }

    #[test]
    fn validation_error_lists_every_violation_in_member_order() {
        let input = DescribeSessionsInput::builder()
            .max_results(500)
            .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
            .filters(filter(SessionFilterKey::TargetId, ""))
            .build()
            .unwrap();
        let error = DescribeSessions::request(&input).expect_err("three violations");
        assert_eq!(
            validation_violations(&error),
            [
                "State: is required but has no value",
                "MaxResults: value 500 is above the maximum of 200",
                "Filters[1].value: length 0 is below the minimum of 1",
            ]
        );
    }

    #[test]
    fn validation_rejects_max_results_below_one_and_empty_filter_list() {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .max_results(0)
            .set_filters(Some(vec![]))
            .build()
            .unwrap();
        let error = DescribeSessions::request(&input).expect_err("two violations");
        assert_eq!(
            validation_violations(&error),
            [
                "MaxResults: value 0 is below the minimum of 1",
                "Filters: length 0 is below the minimum of 1",
            ]
        );
    }

    #[test]
    fn validation_error_display_lists_the_violations() {
        let input = DescribeSessionsInput::builder().max_results(201).build().unwrap();
        let error = DescribeSessions::request(&input).expect_err("two violations");
        assert_eq!(
            error.to_string(),
            "invalid input:\nState: is required but has no value\nMaxResults: value 201 is above the maximum of 200"
        );
        let source = std::error::Error::source(&error).expect("Invalid has the ValidationError as source");
        assert_eq!(
            source.to_string(),
            "State: is required but has no value\nMaxResults: value 201 is above the maximum of 200"
        );
    }

    #[test]
    fn valid_input_builds_the_same_request_as_the_unvalidated_crate() {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .max_results(200)
            .build()
            .unwrap();
        let request = DescribeSessions::request(&input).expect("valid");
        assert_eq!(request.body().as_slice(), br#"{"State":"Active","MaxResults":200}"#);
    }
}

// ---------------------------------------------------------------------------
// request_to: endpoints
// ---------------------------------------------------------------------------

#[test]
fn request_to_regional_endpoint_gives_absolute_uri_with_slash_path() {
    let endpoint = Uri::from_static("https://ssm.us-east-1.amazonaws.com");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().to_string(), "https://ssm.us-east-1.amazonaws.com/");
    assert_eq!(request.uri().scheme_str(), Some("https"));
    assert_eq!(request.uri().host(), Some("ssm.us-east-1.amazonaws.com"));
    assert_eq!(request.uri().path(), "/");
    assert_eq!(request.method(), Method::POST);
    assert_eq!(header(&request, "X-Amz-Target"), "AmazonSSM.DescribeSessions");
}

#[test]
fn request_to_endpoint_with_trailing_slash_does_not_double_it() {
    let endpoint = Uri::from_static("https://ssm.us-east-1.amazonaws.com/");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().to_string(), "https://ssm.us-east-1.amazonaws.com/");
}

#[test]
fn request_to_endpoint_with_base_path_appends_slash() {
    // AwsJson11HostWithPath: host `example.com/custom` gives the URI `/custom/`.
    let endpoint = Uri::from_static("https://example.com/custom");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().path(), "/custom/");
    assert_eq!(request.uri().to_string(), "https://example.com/custom/");
}

#[test]
fn request_to_endpoint_with_base_path_and_trailing_slash() {
    let endpoint = Uri::from_static("https://example.com/custom/");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().path(), "/custom/");
}

#[test]
fn request_to_endpoint_with_nested_base_path() {
    let endpoint = Uri::from_static("https://proxy.internal.example.com/aws/ssm");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().to_string(), "https://proxy.internal.example.com/aws/ssm/");
}

#[test]
fn request_to_keeps_http_scheme_and_port() {
    let endpoint = Uri::from_static("http://localhost:4566");
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().to_string(), "http://localhost:4566/");
    assert_eq!(request.uri().port_u16(), Some(4566));
    assert_eq!(request.uri().scheme_str(), Some("http"));
}

#[test]
fn request_to_endpoint_without_scheme_defaults_to_https() {
    let endpoint: Uri = "ssm.ap-southeast-2.amazonaws.com".parse().expect("authority-only URI");
    assert!(endpoint.scheme().is_none());
    let request = DescribeSessions::request_to(&active_input(), &endpoint).expect("request builds");
    assert_eq!(request.uri().to_string(), "https://ssm.ap-southeast-2.amazonaws.com/");
}
