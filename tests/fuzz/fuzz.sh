#!/usr/bin/env bash
# Runs one libFuzzer harness for GORT_FUZZ_SECONDS (default 20) from its seed
# directories and fails on a crash, a sanitizer report, a hang or an
# allocation past the stated bounds:
#   -timeout=10            one input may run 10 s (a hang)
#   -rss_limit_mb=2048     the process may hold 2 GiB
#   -malloc_limit_mb=256   one allocation may ask for 256 MiB
# New inputs it finds go to fuzz_NAME.corpus/ beside the harness (kept
# between runs), a failing one to fuzz_NAME-crash-* (the message names it;
# `HARNESS FILE` replays it). On success it prints, and writes to
# fuzz_NAME.stats, one line: executions, executions per second, and the
# coverage reached (cov: edges covered, ft: features, corp: inputs kept).
#   bash tests/fuzz/fuzz.sh HARNESS MAX_LEN SEED_DIR...
set -uo pipefail
harness=$1 max_len=$2
shift 2
seconds=${GORT_FUZZ_SECONDS:-20}
name=$(basename "$harness")
dir=$(dirname "$harness")
work="$dir/$name.corpus"
log="$dir/$name.log"
mkdir -p "$work"
rm -f "$dir/$name.stats"  # a failed run leaves none
timeout --kill-after=10 $((seconds + 120)) "$harness" -max_total_time="$seconds" \
  -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -max_len="$max_len" \
  -print_final_stats=1 -artifact_prefix="$dir/$name-" "$work" "$@" >"$log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  grep -v -E "^#[0-9]+\s+(NEW|REDUCE|pulse)" "$log" | tail -60
  echo "$name: failed (exit $rc; whole log: $log)"
  exit 1
fi
done=$(grep -E "^#[0-9]+\s+DONE" "$log" | tail -1)
runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log")
rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$log")
cov=$(sed -nE 's/.* cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, ft \2, corp \3/p' <<<"$done")
line="$name: $runs runs in ${seconds} s, $rate exec/s, $cov, peak rss $rss MB"
echo "$line" | tee "$dir/$name.stats"
