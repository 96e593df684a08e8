#!/usr/bin/env python3
"""How many records each batch on a partition holds, read from the broker's segment files.

A regeneration's TokenRevoked and TokenRegenerated share a key, so they land on one partition;
in one batch, every consumer fetches them together and wakes once. Reads the v2 record batch
header of Kafka's log format: baseOffset (8 bytes), batchLength (4), partitionLeaderEpoch (4),
magic (1), crc (4), attributes (2), lastOffsetDelta (4). Usage: token-batches.py <partition dir>...
"""
import collections
import glob
import struct
import sys

for partition in sys.argv[1:]:
    sizes = collections.Counter()
    for segment in sorted(glob.glob(partition + '/*.log')):
        data = open(segment, 'rb').read()
        at = 0
        while at + 27 <= len(data):
            _, length = struct.unpack('>qi', data[at:at + 12])
            if length <= 0 or at + 12 + length > len(data):
                break  # the end of what was written when the copy was taken
            last_offset_delta = struct.unpack('>i', data[at + 23:at + 27])[0]
            sizes[last_offset_delta + 1] += 1
            at += 12 + length
    if sizes:
        print(partition, 'batches by number of records:', dict(sorted(sizes.items())))
