#!/usr/bin/env bash
# Real SMTP clients against `hookbench smtp`: swaks sends an accepted message, a message to a
# recipient that a scanner rejects, and a message that a scanner defers at DATA; Python's
# smtplib (Tests/Peers/smtputf8_client.py) sends with an SMTPUTF8 sender.
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=.build/debug/hookbench
work=$(mktemp -d)
status=0
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "pass: $1"; }
fail() { echo "FAIL: $1"; status=1; }

# Starts `hookbench smtp` on a free loopback port with scenario $2; the port goes to $1.
start_server() {
  local name=$1 scenario=$2
  "$binary" smtp --listen 127.0.0.1:0 --transcripts "$work/$name" "$scenario" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q '^== listening on ' "$work/$name.log" && break
    sleep 0.1
  done
  local port
  port=$(sed -n 's/^== listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/$name.log")
  if [ -z "$port" ]; then
    echo "FAIL: hookbench smtp did not start with $scenario"
    cat "$work/$name.log"
    exit 1
  fi
  eval "$name=$port"
}

start_server welcome samples/scenarios/welcome.json
start_server tempfail samples/scenarios/tempfail-data.json
pass "hookbench smtp listening on ports $welcome and $tempfail"

# swaks exit statuses (swaks 20201014): 0 success, 24 every RCPT refused, 26 DATA refused.
run_swaks() {
  local port=$1 to=$2
  set +e
  swaks --server 127.0.0.1 --port "$port" --from sender@example.org --to "$to" \
    --helo client.example.org --h-Subject "HookBench CI" --body "Sent by swaks." \
    >"$work/swaks.out" 2>&1
  swaks_status=$?
  set -e
}

run_swaks "$welcome" alice@example.org
if [ "$swaks_status" -eq 0 ] && grep -q '^<-  250 2.0.0' "$work/swaks.out"; then
  pass "swaks: accepted message"
else
  fail "swaks: accepted message (exit $swaks_status)"
  cat "$work/swaks.out"
fi

run_swaks "$welcome" blocked@example.com
if [ "$swaks_status" -eq 24 ] && grep -q '^<\*\* 550 5.1.1 No such user here' "$work/swaks.out"; then
  pass "swaks: recipient rejected by the scanner (exit 24)"
else
  fail "swaks: recipient rejected by the scanner (exit $swaks_status)"
  cat "$work/swaks.out"
fi

run_swaks "$tempfail" alice@example.org
if [ "$swaks_status" -eq 26 ] && grep -q '^<\*\* 451 4.7.1 Try again later' "$work/swaks.out"; then
  pass "swaks: tempfail at data (exit 26)"
else
  fail "swaks: tempfail at data (exit $swaks_status)"
  cat "$work/swaks.out"
fi
replies=$(grep -c '^<\*\* 451' "$work/swaks.out" || true)
if [ "$replies" -eq 1 ]; then
  pass "swaks: exactly one reply to the end of DATA"
else
  fail "swaks: $replies replies to the end of DATA"
fi

if python3 Tests/Peers/smtputf8_client.py "$welcome"; then
  :
else
  fail "smtplib: SMTPUTF8 sender"
fi

# Every transaction above left a transcript: 3 on the welcome server, 1 on the tempfail one.
sleep 0.3
count=$(find "$work/welcome" "$work/tempfail" -name '*.hooktrace.json' | wc -l)
if [ "$count" -eq 4 ]; then
  pass "one transcript per transaction ($count)"
else
  fail "expected 4 transcripts, found $count"
  cat "$work/welcome.log" "$work/tempfail.log"
fi
exit $status
