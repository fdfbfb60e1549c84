#!/usr/bin/env bash
# Checks the benchmark inputs, not the speed. `hookbench bench --dump-inputs` writes them, then
# bench_python.py applies the RFC 6902 response with jsonpatch, compares the result with the
# patched request that hookbench wrote, and runs every Python workload once.
set -euo pipefail
cd "$(dirname "$0")/../.."
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
.build/debug/hookbench bench --dump-inputs "$folder" > /dev/null
python3 Tests/Peers/bench_python.py "$folder" --iterations 1 --warmup 0 > /dev/null
