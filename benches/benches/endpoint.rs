//! Endpoint resolution (issue 12): the generated `ssm::endpoint` (the
//! runtime's rules-engine interpreter over SSM's embedded rule set) against
//! aws-sdk-ssm's resolver (the rule set compiled to Rust), on the same
//! parameters; and the one-time cost of reading the rule set.
//!
//! Run from `benches/`: `cargo bench --bench endpoint -- --warm-up-time 1 --measurement-time 3`.

use std::future::Future;
use std::hint::black_box;
use std::task::{Context, Poll, Waker};

use aws_sdk_ssm::config::endpoint::{DefaultResolver, Params as SdkParams, ResolveEndpoint};
use criterion::{criterion_group, criterion_main, Criterion};

/// (label, region, FIPS, dual-stack)
const CASES: [(&str, &str, bool, bool); 3] = [
    ("us-east-1", "us-east-1", false, false),
    ("cn-north-1 dual-stack", "cn-north-1", false, true),
    ("us-gov-west-1 fips", "us-gov-west-1", true, false),
];

/// The SDK's resolver returns a future that is ready at once.
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the SDK's endpoint future was not ready"),
    }
}

fn resolve(c: &mut Criterion) {
    let sdk = DefaultResolver::new();
    for (label, region, fips, dual_stack) in CASES {
        let ours = ssm::endpoint::Params::new()
            .region(region)
            .use_fips(fips)
            .use_dual_stack(dual_stack);
        let theirs = SdkParams::builder()
            .region(region)
            .use_fips(fips)
            .use_dual_stack(dual_stack)
            .build()
            .expect("params");
        // The same URL from both, or the comparison means nothing.
        let url = ours.resolve().expect("resolves").url().to_owned();
        assert_eq!(url, ready(sdk.resolve_endpoint(&theirs)).expect("resolves").url());
        let mut group = c.benchmark_group(format!("endpoint/{label}"));
        group.bench_function("shapesmith", |b| b.iter(|| black_box(&ours).resolve()));
        group.bench_function("aws-sdk-ssm", |b| {
            b.iter(|| ready(sdk.resolve_endpoint(black_box(&theirs))))
        });
        group.finish();
    }
}

fn parse_rule_set(c: &mut Criterion) {
    let model: serde_json::Value =
        serde_json::from_str(include_str!("../../model/ssm/describe-sessions.json")).expect("model");
    let rule_set = model["shapes"]["com.amazonaws.ssm#AmazonSSM"]["traits"]["smithy.rules#endpointRuleSet"].to_string();
    c.bench_function("endpoint/read SSM's rule set (once per process)", |b| {
        b.iter(|| shapesmith_runtime::rules_engine::RuleSet::from_json(black_box(&rule_set)).expect("reads"))
    });
}

criterion_group!(benches, resolve, parse_rule_set);
criterion_main!(benches);
