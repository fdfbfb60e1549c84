#!/usr/bin/env bash
# Drives the real workbench (hookbench tui) in a detached tmux session at 120x35. It checks
# the panes and timeline, steps to data, opens and closes help, and edits the patch to reject.
# Then it resizes, quits, and checks the exit status and terminal modes. A second instance
# steps outbound-dsn.json through delivery, defer and dsn. A third is ended with SIGTERM,
# and the terminal is checked again.
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=${HOOKBENCH_BIN:-.build/debug/hookbench}
socket="hookbench-ci-$$"
work=$(mktemp -d)
export LC_ALL=C.UTF-8
export SWIFT_BACKTRACE=interactive=no

tmux_cmd() { tmux -L "$socket" "$@"; }
cleanup() {
  tmux_cmd kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "** tui: $*"
  echo "-- last screen:"
  tmux_cmd capture-pane -p -t "$session" 2>/dev/null || true
  exit 1
}

session=hb1
screen() { tmux_cmd capture-pane -p -t "$session"; }

# Waits up to 10 s for TEXT to appear on the screen.
wait_for() {
  for _ in $(seq 100); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "timed out waiting for \"$1\""
}

# Waits up to 10 s for TEXT to disappear from the screen.
wait_gone() {
  for _ in $(seq 100); do
    if ! screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "\"$1\" is still on the screen"
}

# Waits up to 10 s for the instance started by start_instance to exit.
wait_exit() {
  for _ in $(seq 100); do
    if [ -s "$work/status" ]; then return 0; fi
    sleep 0.1
  done
  fail "hookbench tui did not exit"
}

# Starts hookbench tui, with the scenario SCENARIO when given, in a new tmux session named
# SESSION; the pane records the pid, then the exit status and `stty -a` of the terminal after
# the program ends.
start_instance() {
  session=$1
  local scenario=${2:-}
  rm -f "$work/pid" "$work/status" "$work/stty"
  tmux_cmd new-session -d -s "$session" -x 120 -y 35 \
    "sh -c 'echo \$\$ > $work/pid; exec $binary tui $scenario'; echo \$? > $work/status.tmp; \
     stty -a > $work/stty; mv $work/status.tmp $work/status; sleep 600"
}

# Checks that the terminal is back in its normal modes.
check_terminal() {
  for mode in icanon echo isig ixon; do
    grep -qw -- "$mode" "$work/stty" || fail "terminal left with -$mode: $(cat "$work/stty")"
  done
}

# Presses q and checks that the instance exits with status 0 and restores the terminal.
quit_and_check() {
  tmux_cmd send-keys -t "$session" q
  wait_exit
  status=$(cat "$work/status")
  [ "$status" = 0 ] || fail "hookbench tui exited with status $status after q"
  check_terminal
}

echo "== tui: opening screen"
start_instance hb1
wait_for "HookBench"
wait_for "Request"
wait_for "Patches"
wait_for "Result"

echo "== tui: step to data"
for _ in $(seq 40); do
  if screen | grep -qF "[data]"; then break; fi
  tmux_cmd send-keys -t "$session" n
  sleep 0.2
done
wait_for "[data]"

echo "== tui: help opens and closes"
tmux_cmd send-keys -t "$session" -l '?'
wait_for "Stepping and panes"
tmux_cmd send-keys -t "$session" Escape
wait_gone "Stepping and panes"

echo "== tui: edit the patch to reject and apply it"
tmux_cmd send-keys -t "$session" e
wait_for "diting"
tmux_cmd send-keys -t "$session" -N 3000 Delete
tmux_cmd send-keys -t "$session" -l '{ "set": [ { "path": "/action", "value": "reject" } ] }'
wait_for " valid "
tmux_cmd send-keys -t "$session" C-s
wait_for "action: reject"
tmux_cmd send-keys -t "$session" Escape

echo "== tui: resize to 80x24 and back"
tmux_cmd resize-window -t "$session" -x 80 -y 24
wait_for "Request"
if screen | grep -qF "needs a terminal"; then fail "80x24 is reported as too small"; fi
tmux_cmd resize-window -t "$session" -x 120 -y 35
wait_for "Patches"

echo "== tui: quit"
quit_and_check

echo "== tui: outbound stages of outbound-dsn.json"
start_instance hb3 samples/scenarios/outbound-dsn.json
wait_for "not sent yet"
for stage in "[delivery]" "[defer]" "[delivery]" "[dsn]"; do
  tmux_cmd send-keys -t "$session" n
  wait_for "$stage"
done
wait_for "to frank@example.com: failed"
wait_for "finished: continue"
quit_and_check

echo "== tui: SIGTERM restores the terminal"
start_instance hb2
wait_for "Request"
kill -TERM "$(cat "$work/pid")"
wait_exit
status=$(cat "$work/status")
[ "$status" = 143 ] || fail "hookbench tui exited with status $status after SIGTERM, not 143"
check_terminal

echo "tui: all checks passed"
