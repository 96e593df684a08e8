#!/usr/bin/env python3
"""What ran on the two cores while gateway B was being asked, round by round.

Reads a `perf sched record` file (e2e/tools/record-sched.sh) and the traced revocation test's
output and logs, and prints, for the slowest measured rounds inside the recording, the CPU time
each process used between the regenerate answer and B's 401, the longest scheduling delays of
B's and the test JVM's threads, and how much the kernel's kdamond ran. Analyse on the machine
and boot that recorded: perf's clock is CLOCK_MONOTONIC, turned into wall time with the offset
of now.
"""
import collections
import glob
import re
import subprocess
import sys
import time

E2E = __file__.rsplit('/tools/', 1)[0]
OFFSET_MS = (time.time() - time.clock_gettime(time.CLOCK_MONOTONIC)) * 1000

pids = {}
for log in glob.glob(f'{E2E}/target/e2e-logs/*.log'):
    if log.endswith('-gc.log'):
        continue
    with open(log, errors='replace') as f:
        for line in f:
            m = re.search(r'Z +\w+ (\d+) ---', line)
            if m:
                pids[m.group(1)] = log.rsplit('/', 1)[1][:-4]
                break

timehist = subprocess.run(['perf', 'sched', 'timehist', '-i', sys.argv[1]],
                          capture_output=True, text=True).stdout
slices = []  # (end ms, process, thread, sched delay ms, run ms)
for line in timehist.splitlines():
    m = re.match(r'\s*([\d.]+) \[\d+\]\s+(.+?)\[(\d+)(?:/(\d+))?\]\s+[\d.]+\s+([\d.]+)\s+([\d.]+)',
                 line)
    if not m:
        continue
    comm, pid = m.group(2), m.group(4) or m.group(3)
    if comm.startswith('surefire-forked'):
        pids.setdefault(pid, 'test-jvm')
    if comm.startswith('data-plane-kafk'):
        pids.setdefault(pid, 'kafka')
    slices.append((float(m.group(1)) * 1000 + OFFSET_MS, pid, comm,
                   float(m.group(5)), float(m.group(6))))
name = lambda pid, comm: pids.get(pid, comm.split('/')[0])

output = open(glob.glob(f'{E2E}/target/failsafe-reports/*GatewayEndToEndIT-output.txt')[0]).read()
rounds = [(int(answered), int(answered) + int(us) / 1000, probes) for answered, us, probes in
          re.findall(r'answered (\d+), B refused \d+ \((\d+) µs\), probes \[([^\]]*)\]', output)]
rounds = [r for r in rounds[-200:] if slices and slices[0][0] < r[0] and r[1] < slices[-1][0]]
rounds.sort(key=lambda r: r[0] - r[1])
print(f'{len(rounds)} measured rounds inside the recording; the slowest:')
for start, end, probes in rounds[:int(sys.argv[2]) if len(sys.argv) > 2 else 8]:
    cpu, delay = collections.Counter(), {}
    for t, pid, comm, sched_delay, run in slices:
        overlap = min(t, end) - max(t - run, start)
        if overlap > 0:
            cpu[name(pid, comm)] += overlap
        if start <= t - run <= end and name(pid, comm) in ('gateway-b', 'test-jvm'):
            key = f'{name(pid, comm)}:{comm.split("[")[0]}'
            delay[key] = max(delay.get(key, 0), sched_delay)
    print(f'\n{end - start:.1f} ms, probes [{probes}]')
    print('  CPU ms:', ', '.join(f'{k} {v:.0f}' for k, v in cpu.most_common(10)))
    print('  longest wait for a core:',
          ', '.join(f'{k} {v:.1f}' for k, v in sorted(delay.items(), key=lambda x: -x[1])[:5]))
