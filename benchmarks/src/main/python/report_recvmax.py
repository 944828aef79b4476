"""The recv(max) section (issue #10, item 2) of docs/PERFORMANCE.md, from one bin/bench run's
results folder. Called by page.py; every figure comes from the folder's files:

  r{R}-recvmax_{transport}_{max}-{sockets,raw}.json  JMH RecvMaxBenchmark (µs per send + recv)
  r{R}-recvmax_{transport}_{max}-python.txt          recvmax.py: RECVMAX transport max iteration µs lines
  machine.txt, loads.txt                 the machine, and the load when each repetition began
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import machine, median
from report_udp_unix import loads, section

TRANSPORTS = [("tcp", "TCP, 127.0.0.1", "recv"), ("udp", "UDP, 127.0.0.1", "recvFrom"), ("unix", "Unix STREAM socketpair", "recv")]
MAXES = [(1024, "1 KiB"), (65536, "64 KiB"), (16777216, "16 MiB")]
# The aims for max ≥ 64 KiB: within 1.5× of Python's time per call, within 2× of recv(1024).
AIM_PYTHON, AIM_SMALL = 1.5, 2.0


def recvmax_data(out_dir):
    """{(transport, side): {max: {rep: µs per call (median of the trial's iterations)}}}."""
    d = defaultdict(lambda: defaultdict(dict))
    for path in glob.glob(os.path.join(out_dir, "r*-recvmax_*")):
        m = re.match(r"r(\d+)-recvmax_(\w+)_(\d+)-(\w+)\.(json|txt)$", os.path.basename(path))
        if not m:
            continue
        r, t, mx, side = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if m.group(5) == "json":
            its = [x for trial in json.load(open(path)) for fork in trial["primaryMetric"]["rawData"] for x in fork]
        else:
            its = [float(f[4]) for f in (line.split() for line in open(path)) if len(f) == 5 and f[0] == "RECVMAX"]
        if its:
            d[(t, side)][mx][r] = median(its)
    return d


def per_rep_ratio(a, b):
    reps = sorted(set(a) & set(b))
    rs = [a[r] / b[r] for r in reps if b[r]]
    return (median(rs), min(rs), max(rs)) if rs else (None, None, None)


def cell(xs):
    xs = list(xs.values())
    if not xs:
        return "—"
    return f"{median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"


def rcell(t):
    m, lo, hi = t
    return "—" if m is None else f"**{m:.2f}×** ({lo:.2f}–{hi:.2f})"


def render_recvmax(out_dir):
    out, p = section("recv(max)", out_dir, "recvmax_load", "bin/bench recvmax")
    d = recvmax_data(out_dir)
    p("Issue #10, item 2: the time of one `recv(max)` of a 10-byte message as `max` grows. One thread sends 10 bytes "
      "on one end of a loopback pair and receives them on the other with `recv(max)` (`recvFrom(max)` on UDP), so every "
      "call finds exactly 10 bytes waiting: the figure is one send plus one receive, and only the receive's cost can "
      "depend on `max`. sockets: `RecvMaxBenchmark` (JMH, one fork per trial, 2 warm-up and 3 measured one-second "
      "iterations); Python: `recvmax.py`, the same loop on the socket module, same iterations; raw JDK (at 64 KiB "
      "only, the floor): the same benchmark on the JDK's channels, receiving into one reused direct buffer and copying "
      "out the bytes received, i.e. what sockets does without its layers. For each transport and `max` the sides run "
      "back to back, so that a pair shares the machine's load, in an order reversed on every other repetition. A repetition's figure is the median of its "
      "iterations; the table gives the median over repetitions (lowest–highest), and ratios are taken within each "
      "repetition, then their median (lowest–highest).")
    p()
    p(f"Aims (for `max` ≥ 64 KiB): sockets within {AIM_PYTHON}× of Python's time per call, and within {AIM_SMALL}× of "
      "sockets' own `recv(1024)`.")
    p()
    p("| transport | call | max | sockets µs/call | Python µs/call | raw JDK µs/call | sockets / Python | sockets / raw JDK | sockets / sockets at 1 KiB | aims |")
    p("|---|---|---|---|---|---|---|---|---|---|")
    for t, label, call in TRANSPORTS:
        js, py, raw = d.get((t, "sockets"), {}), d.get((t, "python"), {}), d.get((t, "raw"), {})
        small = js.get(1024, {})
        for mx, mlabel in MAXES:
            a, b, c = js.get(mx, {}), py.get(mx, {}), raw.get(mx, {})
            vs_py = per_rep_ratio(a, b)
            vs_raw = per_rep_ratio(a, c)
            vs_small = per_rep_ratio(a, small) if mx != 1024 else (None, None, None)
            if mx == 1024:
                aim = "(baseline)"
            elif vs_py[0] is None or vs_small[0] is None:
                aim = "not measured"
            else:
                aim = "met" if vs_py[0] <= AIM_PYTHON and vs_small[0] <= AIM_SMALL else "missed"
                if any(hi / lo > 1.5 for _, lo, hi in (vs_py, vs_small)):
                    # As the other sections: repetitions that disagree by half do not make a verdict.
                    aim += " by the medians; repetitions disagree by > 1.5×"
            p(f"| {label} | `{call}({mx})` | {mlabel} | {cell(a)} | {cell(b)} | {cell(c)} | {rcell(vs_py)} | {rcell(vs_raw)} | "
              f"{'—' if mx == 1024 else rcell(vs_small)} | {aim} |")
    p()
    ls = [float(v) for _, v in loads(out_dir, "recvmax_load")]
    cpus = machine(out_dir).get("cpu", "").rsplit(" x ", 1)[-1]
    if ls and cpus.isdigit() and max(ls) > int(cpus):
        p(f"Load: the 1-min load was {min(ls):g}–{max(ls):g} on {cpus} CPUs as the repetitions began (other work on the "
          "machine), so absolute figures are inflated and scattered; the ratios, taken between trials run back to back, "
          "are the reading, and their ranges show how far one repetition can be off.")
        p()
    p("How it reads: above 8 KiB, `recv(max)` reads into a pooled 64 KiB direct buffer and returns a copy of exactly "
      "the bytes received, so its cost no longer follows `max` (before, by issue #10's figures: `new byte[max]` per call, zeroed — 16 MiB "
      "took milliseconds, and `recv(Integer.MAX_VALUE)` threw `OutOfMemoryError`). Python allocates `max` bytes per "
      "call too, but a large `malloc` is an untouched mapping, so only the pages written cost anything "
      "(docs/decisions/2026-12-06-recv-max.md).")
    return "\n".join(out)
