#!/usr/bin/env bash
# Wall time that survives a noisy shared VM: each contender runs in its own
# process (benches/wire.rs count mode), the contenders take turns for ROUNDS
# rounds, and the fastest round of each counts (noise only ever adds time).
# The setup-only run (0 iterations) is subtracted the same way.
# Usage, from anywhere: bash benches/mintime.sh [ROUNDS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")"
rounds="${1:-7}"
cargo bench --quiet --bench wire --no-run 2>/dev/null
bin=$(ls -t target/release/deps/wire-* | grep -v '\.d$' | head -1)
wall() { # spec -> seconds
  local start end
  start=$(date +%s.%N)
  SHAPESMITH_COUNT="$1" "$bin" >/dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}
min_per_iteration() { # sessions iterations contender... -> prints "contender ns_per_iteration"
  local n=$1 iters=$2; shift 2
  declare -A best
  local base=1e9
  for _ in $(seq 1 "$rounds"); do
    # The setup is the same whichever contender runs: one base per round.
    base=$(python3 -c "print(min($base, $(wall "$1:$n:0")))")
    for who in "$@"; do
      t=$(wall "$who:$n:$iters")
      best[$who]=$(python3 -c "print(min(${best[$who]:-1e9}, $t))")
    done
  done
  for who in "$@"; do
    python3 -c "print('$who', (${best[$who]} - $base) / $iters * 1e9)"
  done
}
for size in "1 20000" "100 2000" "1000 300" "10000 30"; do
  set -- $size
  echo "parse, $1 sessions (ns per parse, fastest of $rounds rounds)"
  min_per_iteration "$1" "$2" ssm_parse_response derive aws ssm
done
echo "request body (ns per body, fastest of $rounds rounds)"
min_per_iteration 1 1000000 request_ssm request_derive request_ssm_serde_json
