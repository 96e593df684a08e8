#!/usr/bin/env bash
# Records the kernel scheduler (perf sched) for 25 s of the measured revocation rounds.
# Start it, then the traced revocation test in the same checkout:
#   e2e/tools/record-sched.sh &
#   ./mvnw -B -pl e2e verify -Dit.test='GatewayEndToEndIT#regenerating*' -De2e.trace-revocations=true
#   python3 e2e/tools/sched-windows.py e2e/target/perf.sched
# Needs root and Debian's linux-perf. See docs/BENCHMARKS.md (revocation).
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/e2e-logs/gateway-b.log
# 90 refused probes on B: the 60 warm-up rounds and the first measured ones are over
until [ -f "$log" ] && [ "$(grep -c 'GET /api/v1/apps 401' "$log")" -ge 90 ]; do sleep 1; done
perf sched record -a -o target/perf.sched -- sleep 25
