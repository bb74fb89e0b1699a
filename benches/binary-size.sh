#!/usr/bin/env bash
# Release binary size (issue 11): a small program that builds one
# DescribeSessions request and parses a canned response,
#   (ours) with the generated DescribeSessions crate (runtime shared),
#   (sdk)  with aws-sdk-ssm (a client whose HTTP layer answers with the same
#          canned response: no network),
# each in a fresh folder and target dir, `cargo build --release` with the
# default release profile; sizes as built and after `strip`.
# Usage: bash benches/binary-size.sh [ours|sdk ...]   (default: both)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/shapesmith-size.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p shapesmith-cli
"$root/target/release/shapesmith" generate --model "$root/model/ssm/describe-sessions.json" --out "$work/ssm" \
    --crate-name ssm --operation DescribeSessions --runtime-path "$root/runtime" >/dev/null
body='{"Sessions":[{"SessionId":"s-1","Target":"i-0123456789abcdef0","Status":"Connected","StartDate":1.7E9,"Owner":"arn:aws:iam::123456789012:user/alice"}]}'

mkdir -p "$work/ours/src" "$work/sdk/src"
cat >"$work/ours/Cargo.toml" <<TOML
[package]
name = "size-ours"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
ssm = { path = "../ssm" }
http = "1"

[workspace]
TOML
cat >"$work/ours/src/main.rs" <<RUST
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput};
use ssm::prelude::*;
use ssm::types::SessionState;

fn main() {
    let input = DescribeSessionsInput::builder().state(SessionState::Active).build().expect("input");
    let endpoint: http::Uri = "https://ssm.us-east-1.amazonaws.com".parse().expect("uri");
    let request = DescribeSessions::request_to(&input, &endpoint).expect("request");
    let body = std::env::args().nth(1).unwrap_or_else(|| r#"$body"#.to_owned());
    let response = http::Response::builder().status(200).body(body.into_bytes()).expect("response");
    let output = DescribeSessions::parse_response(&response).expect("parses");
    println!("{} bytes sent, {} sessions", request.body().len(), output.sessions().len());
}
RUST
cat >"$work/sdk/Cargo.toml" <<TOML
[package]
name = "size-sdk"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
aws-sdk-ssm = { version = "1", default-features = false, features = ["behavior-version-latest", "rt-tokio"] }
aws-smithy-http-client = { version = "1", features = ["test-util"] }
aws-smithy-types = "1"
aws-credential-types = { version = "1", features = ["test-util", "hardcoded-credentials"] }
tokio = { version = "1", features = ["rt"] }
http = "1"
bytes = "1"

[workspace]
TOML
cat >"$work/sdk/src/main.rs" <<RUST
use aws_sdk_ssm::config::{BehaviorVersion, Credentials, Region};

fn main() {
    let body = std::env::args().nth(1).unwrap_or_else(|| r#"$body"#.to_owned());
    let body = bytes::Bytes::from(body);
    let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .body(aws_smithy_types::body::SdkBody::from(body.clone()))
            .expect("response")
    });
    let config = aws_sdk_ssm::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::for_tests())
        .http_client(http_client)
        .build();
    let client = aws_sdk_ssm::Client::from_conf(config);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let output = runtime
        .block_on(client.describe_sessions().state(aws_sdk_ssm::types::SessionState::Active).send())
        .expect("parses");
    println!("{} sessions", output.sessions().len());
}
RUST
echo "machine: $(nproc) cores"
names=("$@")
[ $# -eq 0 ] && names=(ours sdk)
for name in "${names[@]}"; do
    (cd "$work/$name" && cargo generate-lockfile --quiet && cargo fetch --quiet)
    CARGO_TARGET_DIR="$work/target-$name" cargo build --release --quiet --manifest-path "$work/$name/Cargo.toml"
    bin="$work/target-$name/release/size-$name"
    "$bin" >/dev/null
    size=$(stat -c %s "$bin")
    strip -o "$bin.stripped" "$bin"
    stripped=$(stat -c %s "$bin.stripped")
    echo "$name: $size bytes as built, $stripped bytes stripped; prints: $("$bin")"
done
if [ -f "$work/sdk/Cargo.lock" ]; then grep -A1 'name = "aws-sdk-ssm"' "$work/sdk/Cargo.lock" | tail -1; fi
