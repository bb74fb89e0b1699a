#!/usr/bin/env bash
# Codegen cost (issue 5): time and peak memory to generate a crate from the
# full SSM model (146 operations) with the release-built shapesmith binary.
# Usage, from anywhere: bash benches/codegen.sh [RUNS]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
model="$root/model/ssm/ssm-2014-11-06.json"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p shapesmith-cli
bin="${CARGO_TARGET_DIR:-$root/target}/release/shapesmith"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
walls=()
rss=()
for i in $(seq 1 "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -v "$bin" generate --model "$model" --out "$work/out" --crate-name ssm-full \
        >"$work/stdout" 2>"$work/time.$i"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.$i")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.$i")
    user=$(sed -n 's/.*User time (seconds): //p' "$work/time.$i")
    # m:ss.ss to seconds
    secs=$(awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$wall")
    echo "run $i: wall ${secs}s user ${user}s max RSS ${kb} kB"
    walls+=("$secs")
    rss+=("$kb")
done
files=$(find "$work/out" -name '*.rs' | wc -l)
lines=$(find "$work/out" -name '*.rs' -exec cat {} + | wc -l)
median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
maxrss=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
echo "output: $files .rs files, $lines lines"
echo "median wall: ${median}s over $runs runs; max RSS: ${maxrss} kB ($((maxrss / 1024)) MiB)"
