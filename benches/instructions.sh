#!/usr/bin/env bash
# Instruction counts (callgrind) for parsing DescribeSessions bodies: exact
# and repeatable, unlike wall time on a shared 2-core VM. Prints, per size,
# instructions per parse for each contender and the ratios.
# Usage, from the repository root: benches/instructions.sh
#
# Contenders (see count_only in benches/wire.rs):
#   ssm_parse_response  DescribeSessions::parse_response (the generated crate's own reader)
#   ssm                 serde_json::from_slice into the generated types
#   derive              serde_json::from_slice into hand-written #[derive(Deserialize)] structs
#   derive_str          the same after one whole-body UTF-8 check (serde_json::from_str)
#   aws                 aws-sdk-ssm's DescribeSessionsOutput deserializer (JsonCodec)
#   sonic               sonic-rs into the hand-written structs
# and, for request bodies: request_ssm (ssm::json::to_vec), request_ssm_serde_json,
# request_derive, request_full (DescribeSessions::request).
set -euo pipefail
cd "$(dirname "$0")"
cargo bench --quiet --bench wire --no-run 2>/dev/null
bin=$(ls -t target/release/deps/wire-* | grep -v '\.d$' | head -1)
count() { # contender sessions runs -> total instructions
  SHAPESMITH_COUNT="$1:$2:$3" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '| sessions | ssm parse_response | ssm via serde_json | serde_json derive | derive via from_str | aws-sdk-ssm deserializer | sonic-rs | parse_response / derive | aws / parse_response |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for n in 1 100 1000 10000; do
  runs=$(( n >= 1000 ? 3 : 20 ))
  declare -A per
  # The setup (building the body) is the same whichever contender runs.
  base=$(count derive "$n" 0)
  for who in ssm_parse_response ssm derive derive_str aws sonic; do
    total=$(count "$who" "$n" "$runs")
    per[$who]=$(( (total - base) / runs ))
  done
  python3 -c "
p,s,d,ds,a,r=${per[ssm_parse_response]},${per[ssm]},${per[derive]},${per[derive_str]},${per[aws]},${per[sonic]}
print(f'| $n | {p:,} | {s:,} | {d:,} | {ds:,} | {a:,} | {r:,} | {p/d:.2f}x | {a/p:.2f}x |')"
done

# Request bodies (the same DescribeSessions input, 446 bytes).
printf '\n| request body | instructions | ÷ serde_json derive |\n| --- | --- | --- |\n'
declare -A req
base=$(count request_derive 1 0)
for who in request_ssm request_ssm_serde_json request_derive request_full; do
  total=$(count "$who" 1 100)
  req[$who]=$(( (total - base) / 100 ))
done
python3 -c "
d=${req[request_derive]}
for name, n in [('ssm::json::to_vec (what request() uses)', ${req[request_ssm]}),
                ('serde_json::to_vec on the ssm input', ${req[request_ssm_serde_json]}),
                ('serde_json::to_vec on hand-written derive', d),
                ('DescribeSessions::request (validate + body + http::Request)', ${req[request_full]})]:
    print(f'| {name} | {n:,} | {n/d:.2f}x |')"
