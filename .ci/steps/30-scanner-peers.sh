#!/usr/bin/env bash
# Real peers against `hookbench scanner`: curl performs discovery, registration and a hook
# call, then Tests/Peers/mta_client.py acts as the MTA with Python's http.client.
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=.build/debug/hookbench
token="ci-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
work=$(mktemp -d)
status=0

# Port 0 lets the kernel pick a free loopback port; the scanner prints the URL it got.
"$binary" scanner --listen 127.0.0.1:0 --rules samples/scanners/spam-score.json \
  --token "$token" >"$work/stdout" 2>"$work/stderr" &
scanner_pid=$!
cleanup() {
  kill -TERM "$scanner_pid" 2>/dev/null || true
  wait "$scanner_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "pass: $1"; }
fail() { echo "FAIL: $1"; status=1; }

for _ in $(seq 1 100); do
  grep -q '^discovery URL: ' "$work/stdout" && break
  sleep 0.1
done
discovery=$(sed -n 's/^discovery URL: //p' "$work/stdout")
if [ -z "$discovery" ]; then
  echo "FAIL: hookbench scanner did not start"
  cat "$work/stderr"
  exit 1
fi
base=${discovery%/.well-known/mta-hooks}
pass "hookbench scanner started at $base"

json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(eval("v"+sys.argv[1]))' "$1"; }

curl -sS -o "$work/discovery.json" -w '%{http_code}' "$discovery" >"$work/code"
[ "$(cat "$work/code")" = 200 ] && pass "curl discovery 200" || fail "curl discovery: $(cat "$work/code")"
registration_path=$(json_field '["endpoints"]["registration"]' <"$work/discovery.json")
[ "$registration_path" = /v1/hooks/register ] && pass "discovery names the registration endpoint" \
  || fail "registration endpoint: $registration_path"

curl -sS -o "$work/registration.json" -w '%{http_code}' -X POST "$base$registration_path" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"curl-mta","serialization":"json","inbound":{"stages":["data"],"properties":null}}' \
  >"$work/code"
[ "$(cat "$work/code")" = 201 ] && pass "curl registration 201" || fail "curl registration: $(cat "$work/code")"
registration_id=$(json_field '["registrationId"]' <"$work/registration.json")
hook_endpoint=$(json_field '["hookEndpoint"]' <"$work/registration.json")

curl -sS -o "$work/hook.json" -w '%{http_code}' -X POST "$base$hook_endpoint" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -H "X-MTA-Hooks-Registration: $registration_id" -H 'X-MTA-Hooks-Request-Id: curl-1' \
  -d '{"stage":"data","action":"accept","message":{"subject":"Claim your lottery prize","headers":[]}}' \
  >"$work/code"
[ "$(cat "$work/code")" = 200 ] && pass "curl hook call 200" || fail "curl hook call: $(cat "$work/code")"
action=$(json_field '["set"][0]["value"]' <"$work/hook.json" 2>/dev/null || true)
[ "$action" = quarantine ] && pass "curl hook reply quarantines the spam" || fail "hook reply: $(cat "$work/hook.json")"

curl -sS -o /dev/null -w '%{http_code}' -X POST "$base$hook_endpoint" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -H "X-MTA-Hooks-Registration: $registration_id" -d '{"stage":"data"}' >"$work/code"
[ "$(cat "$work/code")" = 400 ] && pass "curl hook without request id 400" || fail "missing request id: $(cat "$work/code")"

if python3 Tests/Peers/mta_client.py "$discovery" "$token"; then
  pass "mta_client.py"
else
  fail "mta_client.py"
fi

kill -TERM "$scanner_pid"
if wait "$scanner_pid"; then
  pass "hookbench scanner stopped cleanly on SIGTERM"
else
  fail "hookbench scanner exit status $? after SIGTERM"
fi
grep -q 'hook data registration' "$work/stderr" && pass "scanner logged the hook calls" \
  || fail "scanner log lacks hook lines"
exit $status
