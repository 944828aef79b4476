"""What report.py (the TCP section) and report_udp_unix.py (UDP, Unix) share: reading a run's
machine.txt, medians, cell formats, ratio verdicts and the parsing of `jfr print` output."""
import os
import re
import statistics
from collections import defaultdict

BULK_GIB = 2.0  # org.sockets.bench.Patterns.BULK_BYTES


def machine(out_dir):
    """machine.txt of a results folder, as key -> value."""
    m = {}
    for line in open(os.path.join(out_dir, "machine.txt")):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            m[k] = v
    return m


def jmh_iterations(data):
    """Every measured iteration of a one-benchmark JMH JSON result, all forks."""
    return [x for fork in data[0]["primaryMetric"]["rawData"] for x in fork]


def median(xs):
    return statistics.median(xs) if xs else None


def fmt(v, unit):
    if v is None:
        return "—"
    if unit == "GiB/s":
        return f"{v:.2f} GiB/s"
    return f"{v / 1000:.1f}k/s"


def fr(t, digits=2):
    """A (median, min, max) ratio as **m×** (lo–hi)."""
    m, lo, hi = t
    if m is None:
        return "—"
    return f"**{m:.{digits}f}×** ({lo:.{digits}f}–{hi:.{digits}f})"


def verdict(t, target):
    m, lo, hi = t
    if m is None:
        return "not measured"
    if hi / lo > 1.5:
        # Repetitions that disagree by half: the scheduler put the trials in different modes
        # (same core or not); no verdict from such a row, whichever way its median falls.
        return "inconclusive (repetitions disagree by > 1.5×)"
    return "met" if m >= target else "missed"


def jfr_samples(path):
    """Parses a `jfr print` of ExecutionSample/NativeMethodSample/CPULoad events: returns
    ([(thread, stack)] for every stack sample with a non-empty stack, top frame first, in file
    order; {CPULoad field: [percent per event]}), or None when there is no such file."""
    if not os.path.exists(path):
        return None
    samples = []
    cpu = defaultdict(list)
    event, stack, thread = None, [], None
    for line in open(path, errors="replace"):
        s = line.strip()
        if s.startswith(("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPULoad")):
            event, stack, thread = s.split()[0], [], None
        elif event == "jdk.CPULoad" and "=" in s:
            k, v = [x.strip() for x in s.split("=", 1)]
            if v.endswith("%"):
                cpu[k].append(float(v[:-1]))
        elif s.startswith("sampledThread"):
            thread = s.split("=", 1)[1].strip().split(" (")[0].strip('"')
        elif event and s and not s.startswith(("stackTrace", "startTime", "state", "]", "}", "...")) and "=" not in s:
            stack.append(re.sub(r"\s+line:.*", "", s))
        elif s == "}" and event:
            if event != "jdk.CPULoad" and stack:
                samples.append((thread or "", stack))
            event = None
    return samples, cpu


def busy_seconds(cpu):
    """The CPULoad samples in which the process worked (user + kernel ≥ 5% of the machine):
    start-up and the idle tail would dilute an average."""
    return [i for i, (u, k) in enumerate(zip(cpu.get("jvmUser", []), cpu.get("jvmSystem", []))) if u + k >= 5.0]
