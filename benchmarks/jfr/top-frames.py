#!/usr/bin/env python3
"""Aggregates CPU samples of a JFR recording: top frames (self) and methods on the stack (inclusive).

usage: jfr print --stack-depth 64 --events jdk.ExecutionSample rec.jfr | top-frames.py [THREAD_SUBSTRING] [N]
(without --stack-depth, jfr print keeps 5 frames per stack and the inclusive shares are wrong; record with
-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints for exact shares inside inlined code)
Only samples whose thread name contains THREAD_SUBSTRING count (default: all threads).
"""
import collections
import re
import sys

thread_filter = sys.argv[1] if len(sys.argv) > 1 else ""
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
THREAD = re.compile(r'sampledThread = "([^"]*)"')

self_counts, incl_counts, threads = collections.Counter(), collections.Counter(), collections.Counter()
samples, frames, thread = 0, [], None


def flush():
    global samples
    if thread is None or not frames or thread_filter not in thread:
        return
    samples += 1
    threads[re.sub(r"[-#]?\d+$", "", thread)] += 1
    self_counts[frames[0]] += 1
    for f in set(frames):
        incl_counts[f] += 1


for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush()
        frames, thread = [], None
        continue
    m = THREAD.search(line)
    if m:
        thread = m.group(1)
        continue
    m = FRAME.match(line)
    if m:
        frames.append(m.group(1))
flush()

print(f"{samples} samples" + (f" on threads containing '{thread_filter}'" if thread_filter else ""))
print("\nthreads:")
for name, n in threads.most_common(10):
    print(f"{n:7d} {100.0 * n / samples:5.1f}%  {name}")
print("\ntop frames (self):")
for name, n in self_counts.most_common(top_n):
    print(f"{n:7d} {100.0 * n / samples:5.1f}%  {name}")
print("\nmethods on the stack (inclusive):")
for name, n in incl_counts.most_common(top_n * 2):
    print(f"{n:7d} {100.0 * n / samples:5.1f}%  {name}")
