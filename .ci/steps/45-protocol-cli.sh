#!/usr/bin/env bash
# Runs `hookbench validate` and `hookbench patch` on the draft-01 fixtures and the milter
# bridge's negative corpus, and compares a stage-checked JSON Patch result with Python's
# jsonpatch. Prints "protocol CLI: N checks passed" or the first failures.
set -uo pipefail

hookbench=.build/debug/hookbench
fixtures=${HOOKBENCH_SHARED:-../shared}/fixtures
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
passed=0
failed=0

# expect STATUS DESCRIPTION COMMAND...: runs the command and checks its exit status.
expect() {
  local wanted=$1 description=$2
  shift 2
  "$@" >"$workdir/out" 2>&1
  local status=$?
  if [ "$status" -eq "$wanted" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "** $description: exit status $status, expected $wanted"
    head -n 20 "$workdir/out"
  fi
}

expect 0 "fixture 18 at data" "$hookbench" validate --stage data \
  --request "$fixtures/16-draft01-spec-hook-request-inbound-data.json" \
  "$fixtures/18-draft01-spec-response-accept-add-headers.json"
expect 0 "fixture 19 at data" "$hookbench" validate --stage data \
  "$fixtures/19-draft01-spec-response-reject-custom.json"
expect 0 "fixture 20 at data" "$hookbench" validate --stage data \
  "$fixtures/20-draft01-spec-response-modify-subject-add-rcpt.json"
expect 65 "fixture 20 at rcpt" "$hookbench" validate --stage rcpt \
  "$fixtures/20-draft01-spec-response-modify-subject-add-rcpt.json"
expect 0 "fixture 21 at delivery" "$hookbench" validate --stage delivery \
  --request "$fixtures/17-draft01-spec-hook-request-outbound-delivery-partial.json" \
  "$fixtures/21-draft01-spec-response-outbound-failed-silent.json"
expect 0 "fixture 22 at data" "$hookbench" patch --stage data \
  --request "$fixtures/16-draft01-spec-hook-request-inbound-data.json" \
  --response "$fixtures/22-draft01-spec-response-delete-headers.json"

# The 14 bodies of the negative corpus against the built-in data request (five header
# fields, two recipients). Body 11 (add at index 1) is valid there: the index is in range.
python3 - "$fixtures/28-milter-test-responses-that-must-fail.json" "$workdir" <<'PYTHON'
import json, sys
bodies = json.load(open(sys.argv[1]))
for index, body in enumerate(bodies):
    with open(f"{sys.argv[2]}/body{index}.json", "w") as handle:
        json.dump(body, handle)
PYTHON
statuses=(0 65 0 65 65 0 65 65 65 65 65 0 65 65)
for index in "${!statuses[@]}"; do
  expect "${statuses[$index]}" "fixture 28 body $index" \
    "$hookbench" validate --stage data "$workdir/body$index.json"
done

# JSON Patch preview: HookBench's stage-checked result equals python-jsonpatch's.
"$hookbench" validate --stage rcpt --print-request "$workdir/body0.json" \
  | sed '/^response /,$d' >"$workdir/request.json"
cat >"$workdir/patch.json" <<'JSON'
[{"op": "replace", "path": "/action", "value": "quarantine"},
 {"op": "add", "path": "/envelope/to/0/parameters/ORCPT", "value": "rfc822;rcpt@example.com"},
 {"op": "remove", "path": "/envelope/to/1"}]
JSON
"$hookbench" patch --stage rcpt --request "$workdir/request.json" \
  --response "$workdir/patch.json" >"$workdir/hookbench.json"
python3 - "$workdir/request.json" "$workdir/patch.json" "$workdir/hookbench.json" <<'PYTHON'
import json, sys, jsonpatch
request, patch, result = (json.load(open(path)) for path in sys.argv[1:4])
expected = jsonpatch.apply_patch(request, patch)
if expected != result:
    print("** hookbench patch differs from python-jsonpatch")
    print(json.dumps(expected, indent=2))
    sys.exit(1)
PYTHON
if [ $? -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "protocol CLI: $passed checks passed, $failed failed"
[ "$failed" -eq 0 ]
