#!/usr/bin/env bash
# Runs every sample scenario with `hookbench run` and checks that it exits with the status its
# "expect" section names (a failed expectation exits 1), and that --json and --transcript work.
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=.build/debug/hookbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

for scenario in samples/scenarios/*.json; do
  expected=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["expect"]["exitStatus"])' "$scenario")
  set +e
  "$binary" run "$scenario" >"$work/out" 2>&1
  actual=$?
  set -e
  if [ "$actual" -eq "$expected" ] && grep -q '^== expect: passed' "$work/out"; then
    echo "pass: $scenario exits $actual"
  else
    echo "FAIL: $scenario exited $actual, expected $expected"
    cat "$work/out"
    status=1
  fi
done

set +e
"$binary" run samples/scenarios/spam-quarantined.json --json --transcript "$work/spam.hooktrace.json" >"$work/report.json"
actual=$?
set -e
if [ "$actual" -eq 8 ] && python3 - "$work/report.json" "$work/spam.hooktrace.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
transcript = json.load(open(sys.argv[2]))
assert report["exitStatus"] == 8, report["exitStatus"]
assert report["expect"]["passed"] is True
assert report["finalState"]["action"] == "quarantine"
assert transcript["format"] == "hookbench-transcript"
assert transcript["steps"][-1]["actionAfter"] == "quarantine"
PY
then
  echo "pass: run --json and --transcript"
else
  echo "FAIL: run --json and --transcript (exit $actual)"
  status=1
fi

set +e
"$binary" run "$work/missing.json" >/dev/null 2>"$work/err"
actual=$?
set -e
if [ "$actual" -eq 65 ] && grep -q 'not found' "$work/err"; then
  echo "pass: a missing scenario exits 65"
else
  echo "FAIL: a missing scenario exited $actual"
  status=1
fi
exit $status
