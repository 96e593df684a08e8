#!/usr/bin/env bash
# Copies the token topic's partitions out of the e2e broker every 2 s while a test runs (the
# test kit deletes the broker's data when it stops), for token-batches.py:
#   e2e/tools/copy-token-topic.sh /tmp/token-topic &
#   ./mvnw -B -pl e2e verify -Dit.test='GatewayEndToEndIT#regenerating*'
#   kill %1; python3 e2e/tools/token-batches.py /tmp/token-topic/*
# See docs/BENCHMARKS.md (revocation).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?where to copy}
mkdir -p "$out"
while true; do
  for partition in target/testkit/run-*/kafka/logs/webase.token.events-*; do
    if [ -d "$partition" ]; then cp -r "$partition" "$out"/ 2>/dev/null || true; fi
  done
  sleep 2
done
