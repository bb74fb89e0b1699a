#!/usr/bin/env bash
# Compile cost (issue 5): cold `cargo build --release` of
#   (a) the generated DescribeSessions crate (generated/ssm),
#   (b) a crate generated from the full SSM model (146 operations),
#   (c) a crate that only depends on aws-sdk-ssm (default features),
#   (d) a crate that only depends on the full-SSM crate of (b),
#   (e) a crate depending on five services generated from model/ (SSM, SQS,
#       CloudTrail, App Runner, Timestream Write) sharing shapesmith-runtime,
#   (f) the same five generated with the runtime vendored (copied into each),
#   (g) a crate depending on the same five aws-sdk-* crates (default features),
# each copied into a fresh temporary folder with a fresh CARGO_TARGET_DIR, run
# once each, one after the other. Dependencies are downloaded before the timer
# starts (`cargo fetch`), so only compiling is timed.
# Usage: bash benches/compile.sh [a|b|c|d|e|f|g ...]   (default: a b c d)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
which=("${@:-a}")
[ $# -eq 0 ] && which=(a b c d)
work="$(mktemp -d /tmp/shapesmith-compile.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p shapesmith-cli
bin="$root/target/release/shapesmith"

timed() { # name dir
    local name="$1" dir="$2"
    (cd "$dir" && cargo generate-lockfile --quiet && cargo fetch --quiet)
    local log="$work/$name.time"
    CARGO_TARGET_DIR="$work/target-$name" /usr/bin/time -v \
        cargo build --release --quiet --manifest-path "$dir/Cargo.toml" 2>"$log" >/dev/null || {
        cat "$log"; return 1; }
    local wall user sys rss units
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    user=$(sed -n 's/.*User time (seconds): //p' "$log")
    sys=$(sed -n 's/.*System time (seconds): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    units=$(find "$work/target-$name/release/deps" -name '*.rlib' | wc -l)
    local secs
    secs=$(awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$wall")
    echo "$name: wall ${secs}s (${wall}) user ${user}s sys ${sys}s max RSS ${rss} kB, ${units} rlibs"
}

full_crate() {
    if [ ! -d "$work/ssm-full" ]; then
        "$bin" generate --model "$root/model/ssm/ssm-2014-11-06.json" --out "$work/ssm-full" \
            --crate-name ssm-full --runtime-path "$root/runtime" >/dev/null
        echo "(b) generated: $(find "$work/ssm-full" -name '*.rs' -exec cat {} + | wc -l) lines of Rust" >&2
    fi
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in "${which[@]}"; do
    case "$w" in
    a)
        "$bin" generate --model "$root/model/ssm/describe-sessions.json" --out "$work/ssm" \
            --crate-name ssm --operation DescribeSessions --runtime-path "$root/runtime" >/dev/null
        printf '\n[workspace]\n' >>"$work/ssm/Cargo.toml"
        timed "a-generated-describe-sessions" "$work/ssm"
        ;;
    b)
        full_crate
        printf '\n[workspace]\n' >>"$work/ssm-full/Cargo.toml"
        timed "b-generated-full-ssm" "$work/ssm-full"
        ;;
    c)
        mkdir -p "$work/uses-aws-sdk-ssm/src"
        cat >"$work/uses-aws-sdk-ssm/Cargo.toml" <<TOML
[package]
name = "uses-aws-sdk-ssm"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
aws-sdk-ssm = "1"

[workspace]
TOML
        echo 'pub use aws_sdk_ssm;' >"$work/uses-aws-sdk-ssm/src/lib.rs"
        timed "c-only-aws-sdk-ssm" "$work/uses-aws-sdk-ssm"
        grep -A1 'name = "aws-sdk-ssm"' "$work/uses-aws-sdk-ssm/Cargo.lock" | tail -1
        ;;
    d)
        full_crate
        mkdir -p "$work/uses-ssm-full/src"
        cat >"$work/uses-ssm-full/Cargo.toml" <<TOML
[package]
name = "uses-ssm-full"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
ssm-full = { path = "../ssm-full" }

[workspace]
TOML
        echo 'pub use ssm_full;' >"$work/uses-ssm-full/src/lib.rs"
        timed "d-only-generated-full-ssm" "$work/uses-ssm-full"
        ;;
    e | f)
        # The five services, each generated (runtime shared or vendored),
        # and a crate that depends on all of them.
        mode=$([ "$w" = e ] && echo shared || echo vendored)
        dir="$work/five-$mode"
        mkdir -p "$dir/app/src"
        deps=""
        for model in ssm/ssm-2014-11-06 aws/sqs-2012-11-05 aws/cloudtrail-2013-11-01 \
            aws/apprunner-2020-05-15 aws/timestream-write-2018-11-01; do
            name="$(basename "$model" | sed 's/-[0-9-]*$//')"
            if [ "$w" = e ]; then runtime=(--runtime-path "$root/runtime"); else runtime=(--vendored-runtime); fi
            "$bin" generate --model "$root/model/$model.json" --out "$dir/$name" --crate-name "$name" \
                "${runtime[@]}" >/dev/null
            deps="$deps$name = { path = \"../$name\" }"$'\n'
        done
        printf '[package]\nname = "five-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n[workspace]\n' \
            "$mode" "$deps" >"$dir/app/Cargo.toml"
        echo '' >"$dir/app/src/lib.rs"
        echo "($w) generated: $(find "$dir" -name '*.rs' -exec cat {} + | wc -l) lines of Rust" >&2
        timed "$w-five-generated-$mode" "$dir/app"
        ;;
    g)
        mkdir -p "$work/uses-five-sdks/src"
        cat >"$work/uses-five-sdks/Cargo.toml" <<TOML
[package]
name = "uses-five-sdks"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
aws-sdk-ssm = "1"
aws-sdk-sqs = "1"
aws-sdk-cloudtrail = "1"
aws-sdk-apprunner = "1"
aws-sdk-timestreamwrite = "1"

[workspace]
TOML
        echo '' >"$work/uses-five-sdks/src/lib.rs"
        timed "g-five-aws-sdks" "$work/uses-five-sdks"
        grep -A1 -E 'name = "aws-sdk-(ssm|sqs|cloudtrail|apprunner|timestreamwrite)"' \
            "$work/uses-five-sdks/Cargo.lock" | grep -v '^--' | paste - - || true
        ;;
    *) echo "unknown: $w" >&2; exit 2 ;;
    esac
done
