#!/usr/bin/env bash
# Compile cost (issue 5): cold `cargo build --release` of
#   (a) the generated DescribeSessions crate (generated/ssm),
#   (b) a crate generated from the full SSM model (146 operations),
#   (c) a crate that only depends on aws-sdk-ssm (default features),
#   (d) a crate that only depends on the full-SSM crate of (b),
# each copied into a fresh temporary folder with a fresh CARGO_TARGET_DIR, run
# once each, one after the other. Dependencies are downloaded before the timer
# starts (`cargo fetch`), so only compiling is timed.
# Usage: bash benches/compile.sh [a|b|c|d ...]   (default: a b c d)
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
            --crate-name ssm-full >/dev/null
        echo "(b) generated: $(find "$work/ssm-full" -name '*.rs' -exec cat {} + | wc -l) lines of Rust" >&2
    fi
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in "${which[@]}"; do
    case "$w" in
    a)
        cp -r "$root/generated/ssm" "$work/ssm"
        rm -rf "$work/ssm/target"
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
    *) echo "unknown: $w" >&2; exit 2 ;;
    esac
done
