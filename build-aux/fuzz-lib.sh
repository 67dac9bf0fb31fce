# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/test --fuzz.
# Usage: run_fuzz_targets BUILD_DIR SECONDS
# Runs every executable target named fuzz-NAME for SECONDS, with the seed
# corpus tests/fuzz/corpus/NAME/ if it exists and a working corpus kept in
# BUILD_DIR/fuzz-corpus/NAME/ between runs. A crash, a sanitizer report or
# a leak fails the target; the input that did it is kept in
# BUILD_DIR/fuzz-artifacts/. Prints what each ran, then “N passed, N failed”.

fuzz_target_paths() {
  meson introspect --targets "$1" | python3 -c '
import json, os, sys
for target in json.load(sys.stdin):
    if target["type"] == "executable" and target["name"].startswith("fuzz-"):
        print(target["filename"][0])
'
}

run_fuzz_targets() {
  local build_dir=$1 seconds=$2
  local passed=0 failed=0 path name seeds work log runs elapsed

  mkdir -p "$build_dir/fuzz-artifacts" "$build_dir/fuzz-logs"
  while read -r path; do
    [ -n "$path" ] || continue
    name=$(basename "$path")
    name=${name#fuzz-}
    seeds=()
    [ -d "$source_root/tests/fuzz/corpus/$name" ] && seeds=("$source_root/tests/fuzz/corpus/$name")
    work="$build_dir/fuzz-corpus/$name"
    log="$build_dir/fuzz-logs/$name.log"
    mkdir -p "$work"

    echo "fuzz $name: running for ${seconds}s"
    if "$path" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
         -artifact_prefix="$build_dir/fuzz-artifacts/$name-" \
         "$work" "${seeds[@]}" >"$log" 2>&1; then
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
      elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
      echo "fuzz $name: OK, ${runs:-?} executions in ${elapsed:-?} s, corpus $(ls "$work" | wc -l) inputs"
      passed=$((passed + 1))
    else
      echo "fuzz $name: FAILED (log: $log)"
      grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20
      failed=$((failed + 1))
    fi
  done < <(fuzz_target_paths "$build_dir")

  if [ $((passed + failed)) -eq 0 ]; then
    echo "fuzz: no fuzz-* targets were built"
    failed=1
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
