"""The FTP section (issue #20, must show 6) of docs/PERFORMANCE.md, from one bin/bench run's
results folder. Called by page.py; every figure comes from the folder's files:

  r{R}-ftp_{op}-{sockets,commons-net}.json  JMH FtpBenchmark (ms per operation, SingleShotTime)
  r{R}-ftp_{op}-curl.txt                    ftp_curl.py: "FTP curl <op> <ms>" per measured operation
  ftp-size.txt                              the size of big.bin in MiB
  machine.txt, loads.txt                    the machine, and the load when each repetition began
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import median
from report_udp_unix import section

# The rule, written before the deciding run (issue #20): 1 GiB down and up, floor ≥ 0.95× curl
# and Commons Net (the server bounds it); 1,000 × 4 KiB RETR in one session, floor ≥ 1.0× both,
# aim ≥ 1.1× Commons Net. Ratios: their time over ours, per repetition, then the median.
RULES = {"down": (0.95, None), "up": (0.95, None), "small": (1.0, 1.1), "tlsdown": (0.95, None)}
OPS = [("down", "RETR big.bin"), ("up", "STOR as many bytes"), ("small", "1,000 × 4 KiB RETR, one session"),
       ("tlsdown", "RETR big.bin over FTPS (issue #21; no Commons Net)")]


def ftp_data(out_dir):
    """{op: {client: {rep: ms per operation (median of the repetition's measured operations)}}}."""
    d = defaultdict(lambda: defaultdict(dict))
    for path in glob.glob(os.path.join(out_dir, "r*-ftp_*")):
        m = re.match(r"r(\d+)-ftp_(\w+)-([\w-]+)\.(json|txt)$", os.path.basename(path))
        if not m:
            continue
        r, op, side = int(m.group(1)), m.group(2), m.group(3)
        if m.group(4) == "json":
            its = [x for trial in json.load(open(path)) for fork in trial["primaryMetric"]["rawData"] for x in fork]
        else:
            its = [float(f[3]) for f in (line.split() for line in open(path)) if len(f) == 4 and f[0] == "FTP"]
        if its:
            d[op][side][r] = median(its)
    return d


def speedup(d, base):
    ours, theirs = d.get("sockets", {}), d.get(base, {})
    rs = [theirs[r] / ours[r] for r in sorted(set(ours) & set(theirs)) if ours[r]]
    return (median(rs), min(rs), max(rs)) if rs else (None, None, None)


def render_ftp(out_dir):
    out, p = section("FTP", out_dir, "ftp_load", "bin/bench ftp")
    size_file = os.path.join(out_dir, "ftp-size.txt")
    mib = int(open(size_file).read().strip()) if os.path.exists(size_file) else 1024
    d = ftp_data(out_dir)
    p(f"Issue #20, must show 6: one vsftpd 3.0.3 (`FtpBenchServer`, the protocol test kit's fixture, anonymous, "
      f"started once per run) serves every client compared. big.bin is {mib} MiB. sockets: our `FtpClient`, "
      "Commons Net 3.13.0: `FTPClient` with `setBufferSize(65536)`; both binary, passive, one client per trial reused "
      "for every operation, 64 KiB per read or write, in JMH `FtpBenchmark` (SingleShotTime, one fork, 2 warm-up and "
      "5 measured operations). curl: `ftp_curl.py`, one curl process per operation (the small files as one URL glob, "
      "so one session), 2 warm-up and 5 measured. The three run back to back per operation in each repetition, in an "
      "order reversed on every other one. Speed-ups are their time over ours within each repetition, then the median.")
    p()
    p("Rule, written before the run: 1 GiB down and up ≥ 0.95× curl and Commons Net; 1,000 × 4 KiB ≥ 1.0× both, "
      "aim ≥ 1.1× Commons Net. FTPS (issue #21): 1 GiB down over TLS ≥ 0.95× curl, from a second vsftpd (the same "
      "build, explicit FTPS, TLS 1.3, `require_ssl_reuse=YES`) serving the same big.bin; curl with `--ssl-reqd`.")
    p()
    p("| operation | sockets ms | Commons Net ms | curl ms | vs Commons Net | vs curl | floor | aim |")
    p("|---|---|---|---|---|---|---|---|")
    for op, label in OPS:
        row = d.get(op, {})
        cells = []
        for side in ("sockets", "commons-net", "curl"):
            xs = list(row.get(side, {}).values())
            cells.append(f"{median(xs):.0f}" if xs else "—")
        sc, su = speedup(row, "commons-net"), speedup(row, "curl")
        floor, aim = RULES[op]
        fmt = lambda s: "—" if s[0] is None else f"**{s[0]:.2f}×** ({s[1]:.2f}–{s[2]:.2f})"
        ok = [s[0] for s in (sc, su) if s[0] is not None]
        floor_v = "—" if not ok else ("met" if min(ok) >= floor else "**missed**") + f" (≥ {floor}×)"
        aim_v = "—" if aim is None or sc[0] is None else ("met" if sc[0] >= aim else "**missed**") + f" (≥ {aim}×)"
        p(f"| {label} | {cells[0]} | {cells[1]} | {cells[2]} | {fmt(sc)} | {fmt(su)} | {floor_v} | {aim_v} |")
    return "\n".join(out)
