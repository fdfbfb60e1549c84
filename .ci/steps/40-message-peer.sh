#!/usr/bin/env bash
# Compares `hookbench message` with Python's email package on the shared message corpus,
# and checks its exit status for a missing file.
set -euo pipefail
shared="${HOOKBENCH_SHARED:-../shared}"
python3 Tests/Peers/message_peer.py "$shared/corpus/eml"
