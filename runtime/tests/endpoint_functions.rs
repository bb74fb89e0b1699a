//! The rules engine's function library against the tables of the Smithy
//! specification (`standard-library.rst`, `aws-library-functions.rst`),
//! plus the edge cases the text states (non-ASCII `substring`, negative
//! `getAttr` indexes, a query in `parseURL`).

use shapesmith_runtime::rules_engine::{evaluate_function as call, partition, RuleSet, Value};

fn s(text: &str) -> Value {
    Value::from(text)
}

fn strings(items: &[&str]) -> Value {
    Value::Array(items.iter().map(|i| s(i)).collect())
}

fn attr(v: &Option<Value>, key: &str) -> Value {
    v.as_ref()
        .and_then(|v| v.get(key))
        .cloned()
        .unwrap_or_else(|| panic!("no {key} in {v:?}"))
}

#[test]
fn parse_url_follows_the_spec_table() {
    // (input, scheme, authority, path, normalizedPath, isIp). The spec's
    // table gives `/` as the path of `https://example.com`; the reference
    // implementation (Java's URL.getPath) and AWS's endpoint tests, which
    // append `{url#path}` to a host, give the empty string.
    let valid = [
        ("https://example.com", "https", "example.com", "", "/", false),
        (
            "http://example.com:80/foo/bar",
            "http",
            "example.com:80",
            "/foo/bar",
            "/foo/bar/",
            false,
        ),
        ("https://127.0.0.1", "https", "127.0.0.1", "", "/", true),
        ("https://[fe80::1]", "https", "[fe80::1]", "", "/", true),
        (
            "https://user@example.com/a/",
            "https",
            "example.com",
            "/a/",
            "/a/",
            false,
        ),
    ];
    for (input, scheme, authority, path, normalized, is_ip) in valid {
        let url = call("parseURL", vec![s(input)]).unwrap();
        assert_eq!(attr(&url, "scheme"), s(scheme), "{input}");
        assert_eq!(attr(&url, "authority"), s(authority), "{input}");
        assert_eq!(attr(&url, "path"), s(path), "{input}");
        assert_eq!(attr(&url, "normalizedPath"), s(normalized), "{input}");
        assert_eq!(attr(&url, "isIp"), Value::Bool(is_ip), "{input}");
    }
    for input in [
        "https://example.com:8443?foo=bar&faz=baz",
        "example.com",
        "ftp://example.com",
        "https://",
        "",
    ] {
        assert_eq!(call("parseURL", vec![s(input)]).unwrap(), None, "{input}");
    }
}

#[test]
fn substring_counts_from_either_end_and_refuses_non_ascii() {
    let sub = |input: &str, start, end, reverse| {
        call(
            "substring",
            vec![s(input), Value::Int(start), Value::Int(end), Value::Bool(reverse)],
        )
        .unwrap()
    };
    assert_eq!(sub("abcdefg", 0, 4, false), Some(s("abcd")));
    assert_eq!(sub("abcdefg", 0, 4, true), Some(s("defg")));
    assert_eq!(sub("abcdefg", 1, 3, true), Some(s("ef")));
    assert_eq!(sub("abc", 0, 4, false), None, "too short");
    assert_eq!(sub("abc", 2, 2, false), None, "empty range");
    assert_eq!(sub("abc", -1, 2, false), None, "negative index");
    assert_eq!(sub("aé cd", 0, 2, false), None, "not ASCII");
}

#[test]
fn split_follows_the_spec_table() {
    let rows: [(&str, &str, i64, &[&str]); 11] = [
        ("a--b--c", "--", 0, &["a", "b", "c"]),
        ("a--b--c", "--", 2, &["a", "b--c"]),
        ("a--b--c", "--", 1, &["a--b--c"]),
        ("", "--", 0, &[""]),
        ("--", "--", 0, &["", ""]),
        ("----", "--", 0, &["", "", ""]),
        ("--b--", "--", 0, &["", "b", ""]),
        ("--x-s3--azid--suffix", "--", 0, &["", "x-s3", "azid", "suffix"]),
        ("--x-s3--azid--suffix", "--", 2, &["", "x-s3--azid--suffix"]),
        ("abc", "x", 0, &["abc"]),
        ("mybucket", "--", 1, &["mybucket"]),
    ];
    for (input, delimiter, limit, want) in rows {
        assert_eq!(
            call("split", vec![s(input), s(delimiter), Value::Int(limit)]).unwrap(),
            Some(strings(want)),
            "{input:?} {delimiter:?} {limit}"
        );
    }
}

#[test]
fn uri_encode_keeps_only_unreserved_characters() {
    assert_eq!(
        call("uriEncode", vec![s("a-b_c.d~e /:,?#[]{}|@! $&'()*+;=%<>\"^`\\é")]).unwrap(),
        Some(s(
            "a-b_c.d~e%20%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C%C3%A9"
        ))
    );
}

#[test]
fn host_labels_and_s3_bucket_names() {
    let label = |v: &str, sub: bool| call("isValidHostLabel", vec![s(v), Value::Bool(sub)]).unwrap();
    assert_eq!(label("us-east-1", false), Some(Value::Bool(true)));
    assert_eq!(label("a.b", false), Some(Value::Bool(false)));
    assert_eq!(label("a.b", true), Some(Value::Bool(true)));
    assert_eq!(label("a..b", true), Some(Value::Bool(false)));
    assert_eq!(label("-a", false), Some(Value::Bool(false)));
    assert_eq!(label(&"a".repeat(64), false), Some(Value::Bool(false)));
    assert_eq!(label("", false), Some(Value::Bool(false)));
    let bucket = |v: &str, sub: bool| call("aws.isVirtualHostableS3Bucket", vec![s(v), Value::Bool(sub)]).unwrap();
    assert_eq!(bucket("my-bucket", false), Some(Value::Bool(true)));
    assert_eq!(bucket("My-Bucket", false), Some(Value::Bool(false)), "uppercase");
    assert_eq!(bucket("ab", false), Some(Value::Bool(false)), "too short");
    assert_eq!(
        bucket("a.b.c", false),
        Some(Value::Bool(false)),
        "dots without subdomains"
    );
    assert_eq!(bucket("abc.def", true), Some(Value::Bool(true)));
    assert_eq!(bucket("192.168.0.1", true), Some(Value::Bool(false)), "an IP address");
    assert_eq!(bucket("bucket-", false), Some(Value::Bool(false)), "ends with -");
}

#[test]
fn parse_arn_follows_the_spec_table() {
    // (input, partition, service, region, account, resource id)
    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a [&'a str]);
    let rows: [Row; 4] = [
        (
            "arn:aws:sns:us-west-2:012345678910:example-sns-topic-name",
            "aws",
            "sns",
            "us-west-2",
            "012345678910",
            &["example-sns-topic-name"],
        ),
        (
            "arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE",
            "aws",
            "ec2",
            "us-east-1",
            "012345678910",
            &["vpc", "vpc-0e9801d129EXAMPLE"],
        ),
        (
            "arn:aws:iam::012345678910:user/johndoe",
            "aws",
            "iam",
            "",
            "012345678910",
            &["user", "johndoe"],
        ),
        ("arn:aws:s3:::bucket_name", "aws", "s3", "", "", &["bucket_name"]),
    ];
    for (input, partition, service, region, account, resource) in rows {
        let arn = call("aws.parseArn", vec![s(input)]).unwrap();
        assert_eq!(attr(&arn, "partition"), s(partition), "{input}");
        assert_eq!(attr(&arn, "service"), s(service), "{input}");
        assert_eq!(attr(&arn, "region"), s(region), "{input}");
        assert_eq!(attr(&arn, "accountId"), s(account), "{input}");
        assert_eq!(attr(&arn, "resourceId"), strings(resource), "{input}");
    }
    for input in [
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:s3:::",
        "arn::s3:::b",
        "urn:aws:s3:::b",
    ] {
        assert_eq!(call("aws.parseArn", vec![s(input)]).unwrap(), None, "{input}");
    }
}

#[test]
fn get_attr_keys_and_indexes() {
    let arn = call("aws.parseArn", vec![s("arn:aws:ec2:us-east-1:1:vpc/a/b")])
        .unwrap()
        .unwrap();
    let get = |path: &str| call("getAttr", vec![arn.clone(), s(path)]).unwrap();
    assert_eq!(get("resourceId[0]"), Some(s("vpc")));
    assert_eq!(get("resourceId[-1]"), Some(s("b")));
    assert_eq!(get("resourceId[3]"), None);
    assert_eq!(get("resourceId[-4]"), None);
    assert_eq!(get("service"), Some(s("ec2")));
    assert_eq!(get("nope"), None);
}

#[test]
fn coalesce_and_ite_pick_values() {
    assert_eq!(call("coalesce", vec![s("a"), s("b")]).unwrap(), Some(s("a")));
    assert_eq!(
        call("ite", vec![Value::Bool(true), s("-fips"), s("")]).unwrap(),
        Some(s("-fips"))
    );
    assert_eq!(
        call("ite", vec![Value::Bool(false), s("-fips"), s("")]).unwrap(),
        Some(s(""))
    );
}

#[test]
fn partitions_by_listed_region_by_pattern_and_by_default() {
    let name = |region: &str| partition(region).and_then(|p| p.get("name").cloned());
    assert_eq!(name("us-east-1"), Some(s("aws")));
    assert_eq!(name("cn-north-1"), Some(s("aws-cn")));
    assert_eq!(name("us-gov-west-1"), Some(s("aws-us-gov")));
    // Not listed, but matching a partition's regionRegex.
    assert_eq!(name("us-isob-west-9"), Some(s("aws-iso-b")));
    assert_eq!(name("eusc-de-north-2"), Some(s("aws-eusc")));
    assert_eq!(name("cn-south-7"), Some(s("aws-cn")));
    // Matching nothing: the aws partition, as AWS SDKs do.
    assert_eq!(name("mars-east-1"), Some(s("aws")));
    let cn = partition("cn-north-1").unwrap();
    assert_eq!(cn.get("dnsSuffix"), Some(&s("amazonaws.com.cn")));
    assert_eq!(cn.get("supportsFIPS"), Some(&Value::Bool(true)));
}

#[test]
fn malformed_rule_sets_say_where() {
    let err = |text: &str| RuleSet::from_json(text).unwrap_err().to_string();
    assert_eq!(err("[]"), "endpoint rule set: a rule set must be a JSON object");
    assert!(err("{").starts_with("endpoint rule set: not JSON"));
    let unknown = r#"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "nope", "argv": []}], "endpoint": {"url": "x"}}]}"#;
    assert_eq!(
        err(unknown),
        "endpoint rule set, at rules[0].conditions[0]: unknown function `nope`"
    );
    let arity = r#"{"parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "not", "argv": [true, false]}], "error": "x"}]}"#;
    assert_eq!(
        err(arity),
        "endpoint rule set, at rules[0].conditions[0]: `not` takes 1 to 1 arguments, not 2"
    );
    let template = r#"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region"}}]}"#;
    assert!(err(template).contains("rules[0].endpoint.url: template `https://{Region` has an unclosed `{`"));
    // Nesting deeper than the limit is refused, not a stack overflow.
    let mut deep = String::from(r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "x"}}"#);
    for _ in 0..55 {
        deep = format!(r#"{{"type": "tree", "conditions": [], "rules": [{deep}]}}"#);
    }
    let deep = format!(r#"{{"parameters": {{}}, "rules": [{deep}]}}"#);
    assert!(err(&deep).contains("rules nest more than 48 levels deep"));
}
