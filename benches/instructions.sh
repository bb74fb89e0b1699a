#!/usr/bin/env bash
# Instruction counts (callgrind) for parsing DescribeSessions bodies: exact
# and repeatable, unlike wall time on a shared 2-core VM. Prints, per size,
# instructions per parse for each contender and the ratios.
# Usage, from the repository root: benches/instructions.sh
set -euo pipefail
cd "$(dirname "$0")"
cargo bench --quiet --bench wire --no-run 2>/dev/null
bin=$(ls -t target/release/deps/wire-* | grep -v '\.d$' | head -1)
count() { # contender sessions runs -> total instructions
  SHAPESMITH_COUNT="$1:$2:$3" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '| sessions | ssm (generated) | serde_json derive | aws-sdk-ssm deserializer | sonic-rs | ssm / derive | aws / ssm |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for n in 1 100 1000 10000; do
  runs=$(( n >= 1000 ? 3 : 20 ))
  declare -A per
  for who in ssm derive aws sonic; do
    base=$(count "$who" "$n" 0)
    total=$(count "$who" "$n" "$runs")
    per[$who]=$(( (total - base) / runs ))
  done
  python3 -c "
s,d,a,r=${per[ssm]},${per[derive]},${per[aws]},${per[sonic]}
print(f'| $n | {s:,} | {d:,} | {a:,} | {r:,} | {s/d:.2f}x | {a/s:.2f}x |')"
done
