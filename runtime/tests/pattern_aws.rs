//! The `@pattern`s of real AWS models: every distinct one compiles, and a
//! sample of them accepts and rejects realistic values.
#![cfg(feature = "validation")]

mod common;
use common::check;
use shapesmith_runtime::pattern::Pattern;

/// Every distinct pattern in the AWS models of `../shared/models`, copied
/// into `tests/fixtures/patterns/aws-patterns.json` (see the README there).
fn aws_patterns() -> Vec<String> {
    let path = format!(
        "{}/../tests/fixtures/patterns/aws-patterns.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_aws_pattern_compiles() {
    let patterns = aws_patterns();
    assert!(patterns.len() >= 300, "only {} patterns", patterns.len());
    let refused: Vec<String> = patterns
        .iter()
        .filter_map(|p| Pattern::new(p).err().map(|e| format!("{p:?}: {e}")))
        .collect();
    assert!(
        refused.is_empty(),
        "{} of {} refused: {refused:#?}",
        refused.len(),
        patterns.len()
    );
}

#[test]
fn java_syntax_in_aws_patterns() {
    let patterns = aws_patterns();
    // The constructs that made the ECMA-262 engine refuse real models.
    for needle in [r"\p{Print}", r"\A", r"\z", "(?s)", r"\000", "}+", "*+", r"\p{Graph}"] {
        assert!(patterns.iter().any(|p| p.contains(needle)), "no pattern uses {needle}");
    }
    check(r"^\p{Print}+$", &["Hello world!"], &["", "tab\there", "é"]);
    // `$` also matches before a final line terminator, so only a terminator in the middle is refused.
    check(r"^[\p{Graph}\x20]*$", &["a b", "", "a\n"], &["\t", "a\nb"]);
    check(r"^(?s)", &["anything\n"], &[]);
    check(
        r"^\Asnap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})\z$",
        &["snap-0123abcd", "snap-0123456789abcdef0"],
        &["snap-0123abc", "snap-0123abcd\n"],
    );
    check(r"^[^/:|\000-\037]+$", &["file.txt"], &["a/b", "a\u{0}b", ""]);
    check(
        r"^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./!\s-]*$",
        &["a\\b c", "x"],
        &["-a", "a\u{7f}"],
    );
}

#[test]
fn ssm_patterns_accept_and_reject_realistic_values() {
    let uuid = "e488f2f6-e686-4afb-8a04-ef6dfe2c2d3a";
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            r"^\w{16,128}$",
            &["AKIAIOSFODNN7EXAMPLE"],
            &["AKIA-IOSFODNN7EXAMPLE", "short"],
        ),
        (
            r"^(oi)-[0-9a-f]{12}$",
            &["oi-1a2b3c4d5e6f"],
            &["oi-1A2B3C4D5E6F", "oi-123", "io-1a2b3c4d5e6f"],
        ),
        (
            r"^(?i)all|[0-9]{12}$",
            &["all", "ALL", "123456789012"],
            &["al", "12345678901"],
        ),
        (
            r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            &[uuid],
            &["E488F2F6-E686-4AFB-8A04-EF6DFE2C2D3A"],
        ),
        (
            r"^[0-9]{1,6}(\.[0-9]{1,6}){2,3}$",
            &["3.1.1004.0", "2.3.444"],
            &["3.1", "3.1.1.1.1", "1234567.1.1", "3.1.x"],
        ),
        (r"^(?!\s*$).+$", &["My alarm", " x"], &["", " ", "\t\r\n"]),
        (
            r"^arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+$",
            &["arn:aws:iam::123456789012:role/MyRole"],
            &["arn:aws:iam::12345678901:role/x", "arn:aws-:iam::123456789012:role/x"],
        ),
        (
            r"^[a-zA-Z0-9_\-.]{3,128}$",
            &["AWS-RunShellScript", "my.doc_1"],
            &["ab", "has space", "a/b", ""],
        ),
        (
            r"^([$]LATEST)|([1-9][0-9]*)$",
            &["$LATEST", "12", "x12"],
            &["0", "LATEST", ""],
        ),
        (
            r"^[A-Za-z0-9_\-]\w+|Custom:[a-zA-Z0-9_\-]\w+$",
            &["Association", "Custom:MyType", "xCustom:ab"],
            &["-", "!bad", "C"],
        ),
        (
            r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
            &["Name", "my tag:über/1=2+3-4@x", "東京 タワー", ""],
            &["a!b", "tab\there", "a#b"],
        ),
        (
            r"^https://.+$|^s3://([^/]+)/(.*?([^/]+))$",
            &["https://example.com/x.msi", "s3://bucket/path/to/file.zip"],
            &["s3://bucket/", "http://example.com/x"],
        ),
        (
            r"^(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)$",
            &["i-1234567890abcdef0", "i-12345678", "mi-1234567890abcdef0"],
            &["i-123456789", "mi-12345678"],
        ),
        (
            r"^.{1,100000}$",
            &["x", "any value", "trailing newline\n"],
            &["", "a\nb"],
        ),
        (
            r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$",
            &["10", "50%", "100%", "7%"],
            &["0", "101%", "0%", "1000%"],
        ),
        (
            r"^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-4][0-3][0-9]|1440)$",
            &["1", "60", "1439", "1440", "999"],
            &["0", "1441", "1450", "01"],
        ),
        (r"^[\s\S]*\S[\s\S]*$", &["  x  ", "a\n"], &["", " \n\t "]),
        (
            r"^tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType$",
            &["tag:Env", "Name", "DataType", "xName", "Tiered"],
            &["tag:", "Other", "KeyI"],
        ),
        (
            r"^https:\/\/[-a-zA-Z0-9@:%._\+~#=]{1,253}\.s3(\.[a-z\d-]{9,16})?\.amazonaws\.com\/.{1,2000}$",
            &[
                "https://mybucket.s3.amazonaws.com/targets.json",
                "https://b.s3.us-east-1.amazonaws.com/x",
            ],
            &[
                "https://mybucket.s3.amazonaws.com/",
                "https://mybucket.s3.amazonaws.com/a\nb",
            ],
        ),
    ];
    for (pattern, yes, no) in cases {
        check(pattern, yes, no);
    }
}

#[test]
fn iso_8601_date_time_pattern() {
    // `\17` here: Java reads it as group 17 only if 17 groups are open where it is written (they are).
    let iso = r"^([\-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24\:?00)([\.,]\d(?!:))?)?(\17[0-5]\d([\.,]\d)?)?([zZ]|([\-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$";
    check(
        iso,
        &[
            "2024-01-15T10:30:00Z",
            "2024-01-15",
            "20240115",
            "2024-01",
            "2024",
            "-2024",
            "2024-W05",
            "2024-W05-3",
            "2024W053",
            "2024-001",
            "2024-366",
            "2024-01-15T10",
            "2024-01-15T10:30",
            "2024-01-15T1030",
            "2024-01-15T10:30:00.5Z",
            "20240115T103000Z",
            "2024-01-15T24:00",
            "2024-01-15T10:30:00-05:00",
        ],
        &[
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "2024-W53",
            "2024-367",
            "202401",
            "2024-01-15T25:00:00Z",
            "2024-01-15T10:60",
            "2024-01-15T10:30:00+05:00",
            "24-01-15",
            "2024-01-15T10:30:00ZZ",
            "",
        ],
    );
}
