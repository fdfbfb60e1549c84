#!/usr/bin/env bash
# Differential check of the CBOR codec against Python cbor2, in both directions: cbor2
# encodes generated items, HookBench decodes and re-encodes them (CBORPeerTests), and cbor2
# decodes HookBench's output. Prints "cbor2 differential: N passed, M failed".
set -euo pipefail

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

python3 Tests/Peers/cbor_peer.py generate "$workdir/cases.jsonl" --count 700 --seed 8949

if ! HOOKBENCH_CBOR_PEER_FILE="$workdir/cases.jsonl" \
  HOOKBENCH_CBOR_PEER_RESULTS="$workdir/results.jsonl" \
  swift test --filter CBORPeerTests >"$workdir/swift-test.log" 2>&1; then
  grep -E "error:|✘|recorded an issue" "$workdir/swift-test.log" | head -n 40
  echo "** CBORPeerTests failed; the log is above"
  exit 1
fi

python3 Tests/Peers/cbor_peer.py check "$workdir/cases.jsonl" "$workdir/results.jsonl"
