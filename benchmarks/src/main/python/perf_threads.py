"""Where a process tree's CPU went, by thread: reads `perf script -F comm,tid,time,ip,sym` of a
`perf record -e cpu-clock -g` run on stdin and writes JSON to stdout: for each thread kind (the
thread name with its number folded: `ForkJoinPool-1-worker-2` → `ForkJoinPool-1-worker-*`), the
share of samples, and the share of its samples whose stack holds each of a few kernel entry points
(a receive, a send, a futex wait or wake, epoll) or whose user frames are in the JIT-compiled
Java code. Samples from the first SKIP seconds (JVM start, JMH warm-up) are left out.

    perf script -i X.perf -F comm,tid,time,ip,sym | python3 perf_threads.py 3 > X.json
"""
import json
import re
import sys
from collections import defaultdict

HEAD = re.compile(r"^\s*(.+?)\s+(\d+)\s+(\d+\.\d+):\s*$")
MARKS = {
    "recv": ("__sys_recvfrom", "ksys_read", "__sys_recvmsg"),
    "send": ("__sys_sendto", "ksys_write", "__sys_sendmsg"),
    "futex": ("futex_wait", "futex_wake", "__x64_sys_futex"),
    "epoll": ("do_epoll_wait", "ep_poll"),
    "schedule": ("__schedule",),
}


def kind(comm):
    return re.sub(r"\d+$", "*", comm.strip())


def main():
    skip = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    t0 = None
    samples = defaultdict(int)
    marks = defaultdict(lambda: defaultdict(int))
    cur, frames = None, []

    def flush():
        if cur is None:
            return
        comm, t = cur
        if t - t0 < skip:
            return
        samples[comm] += 1
        for m, names in MARKS.items():
            if any(any(n == f or f.startswith(n + "+") for n in names) for f in frames):
                marks[comm][m] += 1

    for line in sys.stdin:
        m = HEAD.match(line)
        if m:
            flush()
            t = float(m.group(3))
            t0 = t if t0 is None else t0
            cur, frames = (kind(m.group(1)), t), []
        elif line.strip():
            parts = line.split(None, 1)
            if len(parts) == 2:
                frames.append(parts[1].strip())
    flush()
    total = sum(samples.values())
    out = {"samples": total, "threads": {}}
    for comm, n in sorted(samples.items(), key=lambda x: -x[1]):
        out["threads"][comm] = {"share": n / total if total else 0.0,
                                "on_stack": {m: marks[comm][m] / n for m in MARKS if marks[comm][m]}}
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
