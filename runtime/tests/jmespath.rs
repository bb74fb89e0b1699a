//! The JMESPath subset waiters use: every path of the AWS models in
//! `model/`, the constructs around them, and errors instead of panics.

use serde_json::{json, Value};
use shapesmith_runtime::waiter::Expression;

fn search(path: &str, data: &Value) -> Value {
    Expression::parse(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .search(data)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every distinct `output` path of the `smithy.waiters#waitable` traits in
/// `model/aws/*.json` and `model/ssm/ssm-2014-11-06.json` (no model there
/// has an `inputOutput` matcher), with a document and what it selects.
#[test]
fn every_waiter_path_of_the_models() {
    let cases: &[(&str, Value, Value)] = &[
        // appstream FleetStarted / FleetStopped
        (
            "Fleets[].State",
            json!({"Fleets": [{"State": "RUNNING"}, {"Name": "x"}, {"State": "STOPPED"}]}),
            json!(["RUNNING", "STOPPED"]),
        ),
        // directory-service HybridADUpdated
        (
            "UpdateActivities.SelfManagedInstances[].Status",
            json!({"UpdateActivities": {"SelfManagedInstances": [{"Status": "Updated"}, {"Status": "Updating"}]}}),
            json!(["Updated", "Updating"]),
        ),
        // emr ClusterRunning / ClusterTerminated, StepComplete
        (
            "Cluster.Status.State",
            json!({"Cluster": {"Status": {"State": "WAITING"}}}),
            json!("WAITING"),
        ),
        (
            "Step.Status.State",
            json!({"Step": {"Status": {"State": "COMPLETED"}}}),
            json!("COMPLETED"),
        ),
        // lambda FunctionActiveV2, FunctionUpdatedV2
        (
            "Configuration.State",
            json!({"Configuration": {"State": "Active"}}),
            json!("Active"),
        ),
        (
            "Configuration.LastUpdateStatus",
            json!({"Configuration": {"LastUpdateStatus": "Successful"}}),
            json!("Successful"),
        ),
        // lambda FunctionActive, PublishedVersionActive, FunctionUpdated
        ("State", json!({"State": "Pending"}), json!("Pending")),
        (
            "LastUpdateStatus",
            json!({"LastUpdateStatus": "Failed"}),
            json!("Failed"),
        ),
        // ssm CommandExecuted
        ("Status", json!({"Status": "InProgress"}), json!("InProgress")),
    ];
    for (path, data, expected) in cases {
        assert_eq!(&search(path, data), expected, "{path}");
    }
    // A missing member anywhere on the way is null, not an error.
    assert_eq!(search("Cluster.Status.State", &json!({})), Value::Null);
    assert_eq!(search("Fleets[].State", &json!({"Fleets": "no list"})), Value::Null);
}

#[test]
fn identifiers_and_sub_expressions() {
    let data = json!({"a": {"b": {"c": 1}}, "with space": 2, "q\"uote": 3});
    assert_eq!(search("a.b.c", &data), json!(1));
    assert_eq!(search("a.\"b\".c", &data), json!(1));
    assert_eq!(search("\"with space\"", &data), json!(2));
    assert_eq!(search("\"q\\\"uote\"", &data), json!(3));
    assert_eq!(search("a.x.c", &data), Value::Null);
    assert_eq!(search("@", &json!(5)), json!(5));
    assert_eq!(search("a.b.c.d", &data), Value::Null);
}

#[test]
fn indexes() {
    let data = json!({"a": [1, 2, 3], "n": [[1, 2], [3]]});
    assert_eq!(search("a[0]", &data), json!(1));
    assert_eq!(search("a[-1]", &data), json!(3));
    assert_eq!(search("a[-3]", &data), json!(1));
    assert_eq!(search("a[-4]", &data), Value::Null);
    assert_eq!(search("a[3]", &data), Value::Null);
    assert_eq!(search("n[0][1]", &data), json!(2));
    assert_eq!(search("a[9223372036854775807]", &data), Value::Null);
    assert_eq!(search("a[-9223372036854775808]", &data), Value::Null);
}

#[test]
fn projections_and_flatten() {
    let data = json!({
        "items": [{"s": "a", "t": [1, 2]}, {"s": "b", "t": [3]}, {"x": 1}],
        "nested": [[{"v": 1}], [{"v": 2}, {"v": 3}]],
        "map": {"k1": {"v": 1}, "k2": {"v": 2}, "k3": {}}
    });
    assert_eq!(search("items[*].s", &data), json!(["a", "b"]));
    assert_eq!(search("items[].s", &data), json!(["a", "b"]));
    assert_eq!(search("items[].t", &data), json!([[1, 2], [3]]));
    assert_eq!(search("items[].t[]", &data), json!([1, 2, 3]));
    assert_eq!(search("items[*].t[0]", &data), json!([1, 3]));
    assert_eq!(search("nested[].v", &data), json!([1, 2, 3]));
    assert_eq!(search("nested[*][0].v", &data), json!([1, 2]));
    assert_eq!(search("map.*.v", &data), json!([1, 2]));
    assert_eq!(search("items[*]", &data), data["items"]);
    // A projection stops at a pipe: `[0]` then indexes the projected list.
    assert_eq!(search("items[*].s | [0]", &data), json!("a"));
    assert_eq!(search("items[*].s[0]", &data), json!([]));
    assert_eq!(search("missing[*].s", &data), Value::Null);
}

#[test]
fn filters_and_comparisons() {
    let data = json!({"fleet": [
        {"name": "a", "state": "RUNNING", "size": 3, "ok": true},
        {"name": "b", "state": "STOPPED", "size": 1, "ok": false},
        {"name": "c", "state": "RUNNING", "size": 2}
    ]});
    assert_eq!(search("fleet[?state == 'RUNNING'].name", &data), json!(["a", "c"]));
    assert_eq!(search("fleet[?state != 'RUNNING'].name", &data), json!(["b"]));
    assert_eq!(search("fleet[?size > `1`].name", &data), json!(["a", "c"]));
    assert_eq!(search("fleet[?size >= `2`].name", &data), json!(["a", "c"]));
    assert_eq!(search("fleet[?size < `2`].name", &data), json!(["b"]));
    assert_eq!(search("fleet[?size <= `2`].name", &data), json!(["b", "c"]));
    assert_eq!(search("fleet[?ok].name", &data), json!(["a"]));
    assert_eq!(search("fleet[?!ok].name", &data), json!(["b", "c"]));
    assert_eq!(
        search("fleet[?state == 'RUNNING' && size > `2`].name", &data),
        json!(["a"])
    );
    assert_eq!(
        search("fleet[?name == 'b' || size == `3`].name", &data),
        json!(["a", "b"])
    );
    assert_eq!(
        search("fleet[?(name == 'b' || size == `3`) && ok].name", &data),
        json!(["a"])
    );
    assert_eq!(search("length(fleet[?state == 'RUNNING']) == `2`", &data), json!(true));
    // Numbers compare by value; ordering other types gives null.
    assert_eq!(search("`1` == `1.0`", &data), json!(true));
    assert_eq!(search("'a' < 'b'", &data), Value::Null);
    assert_eq!(search("`{\"a\": [1]}` == `{\"a\": [1.0]}`", &data), json!(true));
}

#[test]
fn literals_and_boolean_operators() {
    let data = json!({"t": true, "e": "", "l": [], "s": "x"});
    assert_eq!(search("`true`", &data), json!(true));
    assert_eq!(search("`[1, \"a\"]`", &data), json!([1, "a"]));
    assert_eq!(search("'it\\'s'", &data), json!("it's"));
    assert_eq!(search("t && s", &data), json!("x"));
    assert_eq!(search("e && s", &data), json!(""));
    assert_eq!(search("l || s", &data), json!("x"));
    assert_eq!(search("!l", &data), json!(true));
    assert_eq!(search("!s", &data), json!(false));
    assert_eq!(search("!(t && s)", &data), json!(false));
}

#[test]
fn functions() {
    let data = json!({"l": [1, "a", {"b": 2}], "s": "héllo", "o": {"a": 1}});
    assert_eq!(search("length(l)", &data), json!(3));
    assert_eq!(search("length(s)", &data), json!(5));
    assert_eq!(search("length(o)", &data), json!(1));
    assert_eq!(search("contains(l, 'a')", &data), json!(true));
    assert_eq!(search("contains(l, `{\"b\": 2}`)", &data), json!(true));
    assert_eq!(search("contains(l, 'z')", &data), json!(false));
    assert_eq!(search("contains(s, 'll')", &data), json!(true));
    assert_eq!(search("contains(s, `1`)", &data), json!(false));
    let type_error = Expression::parse("length(`1`)").expect("parses").search(&data);
    assert!(type_error.is_err());
    assert!(Expression::parse("contains(o, 'a')")
        .expect("parses")
        .search(&data)
        .is_err());
}

#[test]
fn what_operation_context_params_paths_use() {
    // DynamoDB's `@operationContextParams`.
    let batch = json!({"RequestItems": {"arn:aws:dynamodb:us-east-1:333333333333:table/a": {}, "b": {}}});
    assert_eq!(
        search("keys(RequestItems)", &batch),
        json!(["arn:aws:dynamodb:us-east-1:333333333333:table/a", "b"])
    );
    let transact = json!({"TransactItems": [
        {"Put": {"TableName": "t1"}, "Delete": null},
        {"ConditionCheck": {"TableName": "t2"}},
        {"Update": {"TableName": "t3"}}
    ]});
    assert_eq!(
        search(
            "TransactItems[*].[ConditionCheck.TableName, Put.TableName, Delete.TableName, Update.TableName][]",
            &transact
        ),
        // The flatten projects, and a projection leaves nulls out.
        json!(["t1", "t2", "t3"])
    );
    assert_eq!(search("TransactItems[*].Put.TableName", &transact), json!(["t1"]));
    assert_eq!(search("missing.[a, b]", &transact), Value::Null);
    assert!(Expression::parse("keys(`1`)")
        .expect("parses")
        .search(&transact)
        .is_err());
}

#[test]
fn unsupported_syntax_and_bad_input_are_errors() {
    for (path, expected) in [
        ("a[0:2]", "slice"),
        ("a.{b: c}", "multi-select hash"),
        ("[b, c]", "multi-select list"),
        ("sort_by(a, &b)", "`sort_by` is not supported"),
        ("abs(a)", "`abs` is not supported"),
        ("length(a, b)", "takes 1 argument"),
        ("a = b", "use `==`"),
        ("a.", "expected an identifier"),
        ("'open", "unclosed"),
        ("`{bad json`", "not JSON"),
        ("a]", "unexpected"),
        ("(a", "expected `)`"),
        ("a[?b", "expected `]`"),
        ("", "expected an expression"),
        ("a #", "unexpected character"),
        ("a.b(c)", "not supported"),
        ("a[-]", "not a usable number"),
        ("a[99999999999999999999]", "not a usable number"),
    ] {
        let error = Expression::parse(path).expect_err(path);
        assert!(error.to_string().contains(expected), "{path}: {error}");
    }
}

#[test]
fn nesting_and_length_are_limited() {
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    assert!(Expression::parse(&deep)
        .expect_err("too deep")
        .to_string()
        .contains("nested deeper"));
    let nots = format!("{}a", "!".repeat(1000));
    assert!(Expression::parse(&nots).is_err());
    let filters = "a[?".repeat(200);
    assert!(Expression::parse(&filters).is_err());
    let long = "a.".repeat(600) + "a";
    assert!(Expression::parse(&long)
        .expect_err("too long")
        .to_string()
        .contains("longer than"));
    let chain = "a.".repeat(100) + "a";
    assert!(Expression::parse(&chain)
        .expect_err("too deep")
        .to_string()
        .contains("nested deeper"));
    let ors = "a || ".repeat(100) + "a";
    assert!(Expression::parse(&ors).is_err());
    // Chains as long as any real path are fine.
    let chain = "a.".repeat(30) + "a";
    assert_eq!(search(&chain, &json!({})), Value::Null);
}

#[test]
fn arbitrary_input_never_panics() {
    let alphabet: Vec<char> = "ab.[]*?@!&|=<>()'`\"{}:,-0123 ".chars().collect();
    // A fixed linear congruential sequence: reproducible, no dependency.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        let mut text = String::new();
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (state >> 59) as usize;
        for _ in 0..len {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = ((state >> 33) as usize) % alphabet.len();
            text.push(alphabet.get(at).copied().unwrap_or('a'));
        }
        if let Ok(expression) = Expression::parse(&text) {
            let _ = expression.search(&json!({"a": [{"b": 1}, [2]], "b": "x"}));
        }
    }
}
