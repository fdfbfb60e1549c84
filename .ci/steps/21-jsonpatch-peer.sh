#!/usr/bin/env bash
# Differential test of `hookbench patch` against Python's jsonpatch and jsonpointer: 600
# generated cases from a fixed seed, about half of which must fail. Needs the debug binary
# that `swift build` leaves in .build/debug.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 Tests/Peers/jsonpatch_peer.py .build/debug/hookbench --cases 600
