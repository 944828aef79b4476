"""The POP3 section (issue #16, must show 5) of docs/PERFORMANCE.md, from one bin/bench run's
results folder. Called by page.py; every figure comes from the folder's files:

  r{R}-pop3-{sockets,commons-net}.json  JMH Pop3Benchmark (ms per session, SingleShotTime)
  r{R}-pop3-python.txt                  pop3.py: "POP3 python <ms> <bytes>" per measured session
  machine.txt, loads.txt                the machine, and the load when each repetition began
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import median
from report_udp_unix import section

# The rule, written before the deciding run (issue #16): floor ≥ 1.0× both baselines (our
# sessions per second over theirs, per repetition), aim ≥ 1.5× Commons Net.
FLOOR, AIM_COMMONS = 1.0, 1.5
MESSAGES, SIZE = 1000, 4096


def pop3_data(out_dir):
    """{client: {rep: ms per session (median of the repetition's measured sessions)}}."""
    d = defaultdict(dict)
    for path in glob.glob(os.path.join(out_dir, "r*-pop3-*")):
        m = re.match(r"r(\d+)-pop3-([\w-]+)\.(json|txt)$", os.path.basename(path))
        if not m:
            continue
        r, side = int(m.group(1)), m.group(2)
        if m.group(3) == "json":
            its = [x for trial in json.load(open(path)) for fork in trial["primaryMetric"]["rawData"] for x in fork]
        else:
            its = [float(f[2]) for f in (line.split() for line in open(path)) if len(f) == 4 and f[0] == "POP3"]
        if its:
            d[side][r] = median(its)
    return d


def speedup(d, base):
    """Per repetition: base's time over ours (how many times faster we are); median, min, max."""
    ours, theirs = d.get("sockets", {}), d.get(base, {})
    rs = [theirs[r] / ours[r] for r in sorted(set(ours) & set(theirs)) if ours[r]]
    return (median(rs), min(rs), max(rs)) if rs else (None, None, None)


def render_pop3(out_dir):
    out, p = section("POP3", out_dir, "pop3_load", "bin/bench pop3")
    d = pop3_data(out_dir)
    p(f"Issue #16, must show 5: one POP3 session that logs in (USER/PASS, clear text on loopback for every client) and "
      f"retrieves {MESSAGES} messages of {SIZE // 1024} KiB, reading every byte, against one dovecot that serves every "
      "client compared (`Pop3BenchServer`, the protocol test kit's fixture, started once per run). sockets: our "
      "`Pop3Client.retrieveEach`, pipelined (dovecot offers PIPELINING; 32 RETRs in flight); Commons Net 3.13.0: "
      "`POP3Client.retrieveMessage` one after another (it cannot pipeline), each read through an 8 KiB buffer as ours; "
      "both in JMH `Pop3Benchmark` (SingleShotTime, one fork, 5 warm-up and 10 measured sessions). Python: `pop3.py`, "
      "poplib's `retr` for every message, 5 warm-up and 10 measured sessions. The three run back to back in each "
      "repetition, in an order reversed on every other one. A repetition's figure is the median of its sessions; the "
      "table gives the median over repetitions (lowest–highest); speed-ups are taken within each repetition (their "
      "time over ours), then their median.")
    p()
    p(f"Rule, written before the run: floor ≥ {FLOOR}× both, aim ≥ {AIM_COMMONS}× Commons Net.")
    p()
    p("| client | ms per session | MiB/s of messages |")
    p("|---|---|---|")
    mib = MESSAGES * SIZE / 1048576
    for side, label in [("sockets", "sockets (pipelined)"), ("commons-net", "Commons Net POP3Client"), ("python", "Python poplib")]:
        xs = list(d.get(side, {}).values())
        if xs:
            p(f"| {label} | {median(xs):.1f} ({min(xs):.1f}–{max(xs):.1f}) | {mib / (median(xs) / 1000):.1f} |")
        else:
            p(f"| {label} | not measured | — |")
    p()
    p("| sockets against | speed-up (lowest–highest) | floor | aim |")
    p("|---|---|---|---|")
    for base, label, aim in [("commons-net", "Commons Net", AIM_COMMONS), ("python", "Python poplib", None)]:
        s = speedup(d, base)
        if s[0] is None:
            p(f"| {label} | not measured | — | — |")
            continue
        floor = "met" if s[0] >= FLOOR else "**missed**"
        aimv = "—" if aim is None else ("met" if s[0] >= aim else "**missed**") + f" (≥ {aim}×)"
        p(f"| {label} | **{s[0]:.2f}×** ({s[1]:.2f}–{s[2]:.2f}) | {floor} (≥ {FLOOR}×) | {aimv} |")
    return "\n".join(out)
