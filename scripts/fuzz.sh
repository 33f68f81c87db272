#!/usr/bin/env bash
# A fuzz pass of every libFuzzer target (fuzz/): builds the `fuzz` preset (clang) and runs each
# target in turn, one at a time and niced, for SECONDS (default 30) from its seed corpus under
# fuzz/corpus/<target>. New inputs go to a scratch corpus, never into the repository; a crash leaves
# its input in build/fuzz/crashes/<target>/ and fails the script. Prints executions per target.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_psplib fuzz_plan_json fuzz_scenario_json fuzz_gis_layer fuzz_osm_pbf fuzz_zip
    fuzz_truth_json fuzz_field_reports)
fi
if [ ! -f build/fuzz/CMakeCache.txt ]; then cmake --preset fuzz >/dev/null; fi
nice -n 5 cmake --build build/fuzz -j2 --target "${targets[@]}"
status=0
for t in "${targets[@]}"; do
  work="build/fuzz/corpus/$t"
  crashes="build/fuzz/crashes/$t"
  mkdir -p "$work" "$crashes"
  log="build/fuzz/$t.log"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: over 2 GB is a memory blow-up.
  if nice -n 5 "build/fuzz/$t" "$work" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
    >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $t: $result, $runs executions in ${seconds} s (log $log)"
  if [ "$result" = FAILED ]; then tail -n 30 "$log"; fi
done
exit $status
