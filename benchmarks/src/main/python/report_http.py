"""The HTTP section (issue #17, must show 6) of docs/PERFORMANCE.md, from one bin/bench run's
results folder. Called by page.py; every figure comes from the folder's files:

  r{R}-http_gets-{sockets,jdk}.json   JMH HttpBenchmark (GETs per second, params inFlight 1 and 16)
  r{R}-http_download-sockets.json     JMH HttpDownloadBenchmark (ms per 1 GiB download)
  r{R}-http_download-curl.txt         "CURL <speed_download bytes/s> <size_download>" per measured download
  machine.txt, loads.txt              the machine, and the load when each repetition began
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import median
from report_udp_unix import section

# The rule, written before the deciding run (issue #17): per repetition, our figure over the
# baseline's; the median of those ratios decides. GETs/s: floor >= 1.0x the JDK's HttpClient at
# 1 and at 16 in flight, aim >= 1.2x. Download: floor >= 0.95x curl, aim >= 1.0x.
GETS_FLOOR, GETS_AIM = 1.0, 1.2
DL_FLOOR, DL_AIM = 0.95, 1.0
BIG = 1 << 30


def http_data(out_dir):
    """{(kind, side, inFlight or None): {rep: figure}}: GETs/s, or bytes/s for downloads."""
    d = defaultdict(dict)
    for path in glob.glob(os.path.join(out_dir, "r*-http_*")):
        m = re.match(r"r(\d+)-http_(gets|download)-(\w+)\.(json|txt)$", os.path.basename(path))
        if not m:
            continue
        r, kind, side, ext = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        if ext == "txt":
            xs = [float(f[1]) for f in (line.split() for line in open(path)) if len(f) == 3 and f[0] == "CURL"
                  and int(float(f[2])) == BIG]
            if xs:
                d[(kind, side, None)][r] = median(xs)
            continue
        try:
            trials = json.load(open(path))
        except (OSError, ValueError):
            continue
        for trial in trials:
            its = [x for fork in trial["primaryMetric"]["rawData"] for x in fork]
            if not its:
                continue
            if kind == "gets":
                d[(kind, side, int(trial["params"]["inFlight"]))][r] = median(its)
            else:
                d[(kind, side, None)][r] = BIG / (median(its) / 1000.0)
    return d


def ratio(d, ours, theirs):
    a, b = d.get(ours, {}), d.get(theirs, {})
    rs = [a[r] / b[r] for r in sorted(set(a) & set(b)) if b[r]]
    return (median(rs), min(rs), max(rs)) if rs else (None, None, None)


def verdict(v, floor, aim):
    if v is None:
        return "—", "—"
    return ("met" if v >= floor else "**missed**") + f" (≥ {floor}×)", ("met" if v >= aim else "**missed**") + f" (≥ {aim}×)"


def render_http(out_dir):
    out, p = section("HTTP", out_dir, "http_load", "bin/bench http")
    d = http_data(out_dir)
    p("Issue #17, must show 6, against one nginx serving every client compared (`HttpBenchServer`: the protocol test "
      "kit's fixture with one worker and `access_log off`, started once per run). Keep-alive GETs of a 128-byte file, "
      "bodies read whole, 1 or 16 in flight, each from its own virtual thread (JMH `HttpBenchmark`, one fork, 3 warm-up "
      "and 5 measured iterations of 3 s, 1,600 GETs per invocation): ours, one `Http1Client` (16 idle connections per "
      "origin), against the JDK's `java.net.http.HttpClient` built once with `version(HTTP_1_1)` and a virtual-thread "
      "executor (no per-origin cap). A 1 GiB download of a file on tmpfs: ours into a 16 KiB discard buffer "
      "(`HttpDownloadBenchmark`, 2 warm-up and 5 measured) against `curl -s -o /dev/null` (its `%{speed_download}`, "
      "2 warm-up and 5 measured). Sides run back to back in each repetition, in an order reversed on every other one; "
      "ratios are taken within each repetition, then their median.")
    p()
    p(f"Rule, written before the deciding run: GETs/s floor ≥ {GETS_FLOOR}× the JDK at 1 and at 16 in flight, aim ≥ "
      f"{GETS_AIM}×; download floor ≥ {DL_FLOOR}× curl, aim ≥ {DL_AIM}×.")
    p()
    p("| pattern | sockets | baseline | ratio (lowest–highest) | floor | aim |")
    p("|---|---|---|---|---|---|")
    for n in (1, 16):
        ours, theirs = ("gets", "sockets", n), ("gets", "jdk", n)
        a, b = list(d.get(ours, {}).values()), list(d.get(theirs, {}).values())
        rv = ratio(d, ours, theirs)
        f, aim = verdict(rv[0], GETS_FLOOR, GETS_AIM)
        rs = "—" if rv[0] is None else f"**{rv[0]:.2f}×** ({rv[1]:.2f}–{rv[2]:.2f})"
        p(f"| 128-byte GETs, {n} in flight | {median(a) or 0:,.0f}/s | JDK HttpClient {median(b) or 0:,.0f}/s | {rs} | {f} | {aim} |")
    ours, theirs = ("download", "sockets", None), ("download", "curl", None)
    a, b = list(d.get(ours, {}).values()), list(d.get(theirs, {}).values())
    rv = ratio(d, ours, theirs)
    f, aim = verdict(rv[0], DL_FLOOR, DL_AIM)
    rs = "—" if rv[0] is None else f"**{rv[0]:.2f}×** ({rv[1]:.2f}–{rv[2]:.2f})"
    gib = 1 << 30
    p(f"| 1 GiB download | {(median(a) or 0) / gib:.2f} GiB/s | curl {(median(b) or 0) / gib:.2f} GiB/s | {rs} | {f} | {aim} |")
    return "\n".join(out)
