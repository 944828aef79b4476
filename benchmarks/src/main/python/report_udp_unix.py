"""The UDP section (issue #4) of docs/PERFORMANCE.md, from one bin/bench run's results folder, and
what the other sections' scripts take from here (section, header, loads, ratio, profile). Called by
page.py; every figure comes from the folder's files:

  r{R}-udp{SIZE}[_small]-{server}.log UdpBenchmark's trial log: one UDPRESULT line per measured operation
  machine.txt, loads.txt               the machine, and the load when each section's repetition began

The Unix-domain section is report_unix.py.
"""
import glob
import os
import re
import statistics
from collections import defaultdict

from benchlib import binomial_tail, busy_seconds, fr, holm, jfr_samples, machine, median, verdict  # noqa: F401 (machine: page.py)


def loads(out_dir, key):
    path = os.path.join(out_dir, "loads.txt")
    if not os.path.exists(path):
        return []
    out = []
    for line in open(path):
        mm = re.match(r"r(\d+) (\w+)=(\S+)", line.strip())
        if mm and mm.group(2) == key:
            out.append((int(mm.group(1)), mm.group(3)))
    return out


def header(out_dir, key, how):
    m = machine(out_dir)
    lines = ["| | |", "|---|---|"]
    for k, label in [("commit", "commit"), ("date", "date of the run (UTC)"), ("jdk", "JDK"), ("jdk_vm", "VM"),
                     ("python", "Python"), ("kernel", "kernel"), ("cpu", "CPU"), ("memory", "memory"),
                     ("reps", "repetitions"), ("floor_reps", "repetitions of the decided rows (TCP, Unix)"),
                     ("sections", "sections in that run"),
                     ("load_start", "load average at the run's start (1/5/15 min)"),
                     ("load_end", "load average at its end"), ("elapsed_s", "run time, all its sections (s)")]:
        if k == "floor_reps" and (k not in m or key != "unix_load"):
            continue  # decided rows exist in the Unix section only (TCP writes its own header)
        lines.append(f"| {label} | {m.get(k, '?')} |")
    ls = loads(out_dir, key)
    if ls:
        lines.append(f"| 1-min load as each repetition of this section began | {', '.join(f'r{r} {v}' for r, v in ls)} |")
    if m.get("reps", "3") != "3":
        how = f"BENCH_REPS={m['reps']} {how}"
    if key == "unix_load" and "floor_reps" in m:
        how = f"BENCH_FLOOR_REPS={m['floor_reps']} {how}"
    lines.append(f"| how to re-run | `{how}` |")
    return "\n".join(lines)


def ratio(values, a, b):
    reps = sorted(set(values.get(a, {})) & set(values.get(b, {})))
    rs = [values[a][r] / values[b][r] for r in reps if values[b][r]]
    return (median(rs), min(rs), max(rs)) if rs else (None, None, None)


def section(title, out_dir, key, how):
    """Starts a section: its heading and machine table; returns its lines and the p() that adds one."""
    out = []

    def p(line=""):
        out.append(line)
    p(f"## {title}")
    p()
    p(header(out_dir, key, how))
    p()
    return out, p


def spread(xs, f):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "—"
    return f"{f(median(xs))} ({f(min(xs))}–{f(max(xs))})"


# ------------------------------------------------------------------ UDP

UDP_NAMES = {"raw": "raw JDK `DatagramChannel` (direct 64 KiB)",
             "sockets": "sockets, direct 64 KiB (straight in)",
             "rawheap": "raw JDK `DatagramChannel`, heap 2 KiB (JDK's temporary direct buffer + copy)",
             "socketsheap": "sockets, heap 2 KiB (scratch + copy)",
             "python": "Python `recvfrom_into`"}
UDP_SERVERS = ["raw", "sockets", "rawheap", "socketsheap", "python"]
# Each receiver is judged against the baseline with identical options (buffer kind and size);
# Python, which has no such twin, against the direct one. A run without rawheap (before it
# existed) judges the heap row against raw, as then.
UDP_BASELINE = {"sockets": "raw", "socketsheap": "rawheap", "python": "raw"}


UDP_CONFIGS = {"default": "kernel default", "small": "small, alike"}


def udp_data(out_dir):
    """data[(size, config)][server][rep] = (received/s, loss fraction, rate, sent, operations), each
    the median of the trial's operations; config "default" (no option changed) or "small" (the
    loss-sensitive configuration: Patterns.udpLossRcvbuf on every receiver). Also
    kernel[(size, config)] = the receive buffer the kernel gave (bytes), from the receivers' RCVBUF lines."""
    data = defaultdict(lambda: defaultdict(dict))
    kernel = {}
    for path in glob.glob(os.path.join(out_dir, "r*-udp*-*.log")):
        mm = re.match(r"r(\d+)-udp(\d+)(?:_([a-z]+))?-([a-z0-9]+)\.log$", os.path.basename(path))
        if not mm:
            continue
        rep, size, config, server = int(mm.group(1)), int(mm.group(2)), mm.group(3) or "default", mm.group(4)
        ops = []
        for line in open(path, errors="replace"):
            if "UDPRESULT" in line:
                kv = dict(x.split("=", 1) for x in line.split("UDPRESULT", 1)[1].split() if "=" in x)
                sent, got, sec = int(kv["sent"]), int(kv["received"]), float(kv["seconds"])
                ops.append((got / sec, 1.0 - got / sent, int(kv["rate"]), sent))
            rb = re.search(r"\[(\w+) server\] RCVBUF (\d+)", line)
            if rb:
                # Python reports the kernel's figure; the JDK (and so ours, on its channel) half of it.
                kernel[(size, config)] = int(rb.group(2)) * (1 if rb.group(1) == "python" else 2)
        if ops:
            data[(size, config)][server][rep] = (median([o[0] for o in ops]), median([o[1] for o in ops]), ops[0][2], ops[0][3], len(ops))
    return data, kernel


def loss_verdict(losses, raw_losses):
    """The rule for "loss no higher" (docs/decisions/2026-11-26-bench-udp-loss.md), fixed before the
    runs it judges: it holds when the side's median loss over the repetitions is at or below the raw
    baseline's median in the same configuration and run. Nothing else passes; when it does not hold,
    the text says whether the excess is beyond the highest loss of raw's own repetitions (resolved)
    or within it (the same order of difference as raw's scatter)."""
    ml, rl, rmax = median(losses), median(raw_losses), max(raw_losses)
    diff = 100 * (ml - rl)
    if ml <= rl:
        return True, f"**holds** (median {diff:+.2f} points)"
    if ml <= rmax:
        return False, (f"**does not hold**: median higher by {diff:.2f} points, within raw's own range "
                       f"(up to {100 * rmax:.2f}%)")
    return False, f"**does not hold**: median higher by {diff:.2f} points, beyond raw's worst repetition ({100 * rmax:.2f}%)"


def paired(d, server, base):
    """Per-repetition pairs (the side's loss, its baseline's, the same repetition of the same run):
    (higher, lower, ties, one-sided sign-test p for "higher more often than chance")."""
    diffs = [d[server][r][1] - d[base][r][1] for r in d[server] if r in d[base]]
    hi = sum(1 for x in diffs if x > 0)
    lo = sum(1 for x in diffs if x < 0)
    n = hi + lo
    return hi, lo, len(diffs) - n, binomial_tail(hi, n)


def udp_baseline(d, server):
    base = UDP_BASELINE.get(server)
    if base == "rawheap" and base not in d:
        return "raw"
    return base if base in d else None


def sockets_family(data):
    """The paired tests of the sockets rows (the family the verdict is over), Holm-adjusted:
    {(size, config, server): adjusted p}."""
    keys = [(size, config, server) for (size, config), d in data.items()
            for server in ("sockets", "socketsheap") if server in d and udp_baseline(d, server)]
    ps = [paired(data[(k[0], k[1])], k[2], udp_baseline(data[(k[0], k[1])], k[2]))[3] for k in keys]
    return dict(zip(keys, holm(ps)))


def paired_cell(t, adjusted=None):
    hi, lo, ties, p = t
    tail = f", {ties} equal" if ties else ""
    judged = p if adjusted is None else adjusted
    mark = " — **higher beyond chance**" if judged < 0.05 else ""
    adj = "" if adjusted is None else f" (Holm {adjusted:.2f})"
    return f"higher in {hi}, lower in {lo}{tail}; p = {p:.2f}{adj}{mark}"


def render_udp(out_dir):
    data, kernel = udp_data(out_dir)
    out, p = section("UDP", out_dir, "udp_load", "bin/bench udp")
    if not data:
        p("No UDP results in this run.")
        return "\n".join(out)
    if any(c == "small" for _, c in data):
        ls = loads(out_dir, "udp_loss_load")
        if ls:
            p(f"1-min load as each repetition of the loss-sensitive rows began: {', '.join(f'r{r} {v}' for r, v in ls)}.")
            p()
    nops = {c: max(v[4] for (sz, cc), d in data.items() if cc == c for srv in d.values() for v in srv.values())
            for c in {c for _, c in data}}
    nreps = {c: len({r for (sz, cc), d in data.items() if cc == c for srv in d.values() for r in srv}) for c in nops}
    p("One sender, the same for every receiver: the JMH client, a raw connected `DatagramChannel` writing from a direct "
      "buffer at a **fixed pacing** (datagrams per second in the table; 0.5 s of sending per operation, 1 warm-up + "
      f"{nops.get('default', '?')} measured operations per trial). After its last datagram it asks the receiver for its "
      "count; *received/s* is the datagrams counted divided by the time from the first send to the count's answer, "
      "*loss* is 1 − received/sent. The receiver is in its own process; nothing is pinned (sender and receiver each "
      "need a CPU for loss to mean anything: pinned to one CPU, a sender that yields between bursts lets every "
      "receiver drain its queue, and neither raw nor Python lost a datagram at up to 300k/s in the runs that chose the "
      "pacing). Medians of the per-repetition figures (each the median of the trial's operations), min–max in brackets; "
      "ratios are per repetition, then their median.")
    p()
    if "small" in nops:
        p(f"Two receive-buffer configurations, the same pacing. **Kernel default** ({nreps.get('default', 0)} repetitions): "
          "no option changed on any side. **Small, alike** — the loss-sensitive configuration "
          f"({nreps['small']} repetitions, 1 warm-up + {nops['small']} measured operations per trial): every receiver "
          "(raw baseline, ours, Python) requests the same SO_RCVBUF before binding (`Patterns.udpLossRcvbuf`: 8 KiB "
          "for 64 B datagrams, 24 KiB for 1400 B; the kernel doubles the request), a buffer of about 21 datagrams, "
          "~0.1 ms of traffic at 200k/s, so that every side loses a few percent and a receiver that takes longer to "
          "come back to `recvfrom` loses more. The loss-sensitive rows get more repetitions, interleaved with the "
          "others, the order reversed on alternate repetitions.")
        p()
    p("**Rule for \"loss no higher\"** (fixed before the runs it judges): it *holds* for a row when that receiver's "
      "median loss over the repetitions is at or below its baseline's median in the same configuration and run — the "
      "raw JDK receiver with identical options: into the same direct 64 KiB buffer for ours direct (and Python), into "
      "the same 2 KiB heap buffer for ours heap. "
      "It is the strict reading: a median above raw's does not pass even when it lies within the scatter of raw's own "
      "repetitions; the cell then says whether the excess is within raw's own min–max or beyond its worst repetition. "
      "Python rows are shown against the same rule for reference; only the sockets rows count.")
    p()
    p("**Second reading, paired** (added 2026-11-27, after the strict rule was seen to judge the JDK's own receiver "
      "against itself no better than a coin: the control below): each repetition runs every receiver of a row "
      "back to back, so a row's loss is compared with its baseline's *in the same repetition*; the last column counts "
      "the repetitions in which it was higher and lower, and gives the one-sided sign-test p-value for \"higher more "
      "often than chance\". The sockets rows are one family of tests, so their p-values are Holm-adjusted (family-wise "
      "5 %; fixed 2026-11-27 before the 10-repetition run that judges it, docs/decisions/2026-11-26-bench-udp-loss.md): "
      "a sockets row is **higher beyond chance** when its adjusted p < 0.05. Python rows, shown for reference, are "
      "marked on their own p < 0.05. \"Loss no higher\" holds when no sockets row is higher beyond chance.")
    p()
    p("| datagram | receive buffer (kernel) | pacing | receiver | received/s | loss | received/s ÷ its raw baseline (floor 0.95) | loss no higher than its raw baseline? (strict rule) | paired with its baseline, per repetition |")
    p("|---|---|---|---|---|---|---|---|---|")
    verdicts = []
    family = sockets_family(data)
    order = sorted(data, key=lambda k: ({"default": 0, "small": 1}.get(k[1], 2), k[0]))
    for (size, config) in order:
        d = data[(size, config)]
        rx = {s: {r: v[0] for r, v in reps.items()} for s, reps in d.items()}
        rate = next(iter(next(iter(d.values())).values()))[2]
        kb = kernel.get((size, config))
        bcell = UDP_CONFIGS.get(config, config) + (f" ({kb // 1024} KiB)" if kb else "")
        for server in UDP_SERVERS:
            if server not in d:
                continue
            base = udp_baseline(d, server)
            raw_losses = [v[1] for v in d.get(base, {}).values()] if base else []
            losses = [v[1] for v in d[server].values()]
            loss_cell = spread(losses, lambda x: f"{100 * x:.2f}%")
            if base is None or not raw_losses:
                rcell, lcell, pcell = "—", "—", "—"
            else:
                t = ratio(rx, server, base)
                if config == "default":
                    v = verdict(t, 0.95)
                    rcell = f"{fr(t)} {v}"
                else:
                    v = None
                    rcell = f"{fr(t)} (no floor here: ≈ 1 − loss)"
                ok, lcell = loss_verdict(losses, raw_losses)
                pt = paired(d, server, base)
                adjusted = family.get((size, config, server))
                pcell = paired_cell(pt, adjusted)
                beyond = (pt[3] if adjusted is None else adjusted) < 0.05
                verdicts.append((config, f"{size} B, {UDP_NAMES[server]}", v, ok, lcell, beyond, server))
            p(f"| {size} B | {bcell} | {rate / 1000:.0f}k/s | {UDP_NAMES[server]} | "
              f"{spread(list(rx[server].values()), lambda x: f'{x / 1000:.1f}k')} | {loss_cell} | {rcell} | {lcell} | {pcell} |")
    p()
    py_verdicts = [x for x in verdicts if x[6] == "python"]
    verdicts = [x for x in verdicts if x[6] != "python"]
    dv = [x for x in verdicts if x[0] == "default"]
    rx_ok = sum(1 for x in dv if x[2] == "met")
    line = f"**Floor: received/s ≥ 0.95× its raw baseline on {rx_ok} of {len(dv)} sockets rows (kernel-default buffer). Loss no higher than its raw baseline's (the rule above): "
    parts = []
    for config in ["default", "small"]:
        cv = [x for x in verdicts if x[0] == config]
        if cv:
            held = sum(1 for x in cv if x[3])
            beyond = sum(1 for x in cv if not x[3] and "beyond" in x[4])
            parts.append(f"{UDP_CONFIGS[config]} buffer: holds on {held} of {len(cv)} sockets rows"
                         + (f" (of the others, {beyond} beyond raw's worst repetition)" if held < len(cv) else ""))
    p(line + "; ".join(parts) + ". Paired reading (Holm, family-wise 5 %): higher beyond chance on "
      f"{sum(1 for x in verdicts if x[5])} of {len(verdicts)} sockets rows"
      + (f" (Python: {sum(1 for x in py_verdicts if x[5])} of {len(py_verdicts)})" if py_verdicts else "") + ".**")
    p()
    control = []
    for (size, config) in order:
        d = data[(size, config)]
        if "raw" in d and "rawheap" in d:
            for a, b in [("rawheap", "raw"), ("raw", "rawheap")]:
                ok, _ = loss_verdict([v[1] for v in d[a].values()], [v[1] for v in d[b].values()])
                control.append((size, config, a, b, ok, paired(d, a, b)))
    if control:
        held = sum(1 for c in control if c[4])
        beyond = sum(1 for c in control if c[5][3] < 0.05)
        p(f"**Control: the JDK against itself.** The two raw JDK receivers (direct 64 KiB, and heap 2 KiB through the "
          f"JDK's temporary direct buffer) differ by one copy per datagram. Judged against each other both ways, in every "
          f"row, the strict rule holds on {held} of {len(control)} and the paired reading finds one higher beyond chance "
          f"on {beyond} of {len(control)}: "
          + "; ".join(f"{c[0]} B {UDP_CONFIGS[c[1]]}, {c[2]} vs {c[3]}: {'holds' if c[4] else 'fails'} "
                      f"(higher in {c[5][0]} of {c[5][0] + c[5][1] + c[5][2]})" for c in control)
          + ". On this machine the strict rule cannot tell the JDK's receiver from itself; the paired reading, which does "
          "pick out Python where its extra cost per datagram shows, is the one that separates a receiver that loses "
          "more from the noise.")
        p()
    all_rx = [v[0] for (sz, c), d in data.items() if c == "default" for srv in d.values() for v in srv.values()]
    raw_losses = [v[1] for (sz, c), d in data.items() if c == "default" for r, v in d.get("raw", {}).items()]
    all_losses = [v[1] for (sz, c), d in data.items() if c == "default" for srv in d.values() for v in srv.values()]
    if raw_losses:
        p(f"Reading the kernel-default rows: at this pacing every receiver keeps up on average (received/s "
          f"{min(all_rx) / 1000:.1f}k–{max(all_rx) / 1000:.1f}k per trial, for every side), and the loss varies from "
          f"trial to trial as much as between sides. The raw baseline's trials ranged "
          f"{100 * min(raw_losses):.2f}–{100 * max(raw_losses):.2f}%, all sides' {100 * min(all_losses):.2f}–"
          f"{100 * max(all_losses):.2f}%. The kernel-default receive buffer (208 KiB) holds ~90 datagrams of 1400 B "
          "or ~270 of 64 B (by the kernel's per-datagram accounting, roughly), i.e. 0.5–1.4 ms of traffic at 200k/s: "
          "a stall of the receiving thread longer than that (a preemption by the harness, a JIT or GC pause, "
          "another tenant's process) drops datagrams whichever library receives; differences of a few tenths of a "
          "point there are that noise, which is why the small-buffer rows exist.")
        p()
    small = [(size, d) for (size, c), d in sorted(data.items()) if c == "small"]
    if small:
        bits = []
        for size, d in small:
            if "raw" not in d:
                continue
            rl = [v[1] for v in d["raw"].values()]
            cells = [f"raw {100 * median(rl):.2f}% ({100 * min(rl):.2f}–{100 * max(rl):.2f})"]
            for server, name in [("sockets", "ours direct"), ("rawheap", "raw heap"), ("socketsheap", "ours heap"),
                                 ("python", "Python")]:
                if server in d:
                    ls_ = [v[1] for v in d[server].values()]
                    cells.append(f"{name} {100 * median(ls_):.2f}% ({100 * min(ls_):.2f}–{100 * max(ls_):.2f})")
            bits.append(f"{size} B: " + ", ".join(cells))
        p("Reading the small-buffer rows (loss, median and min–max over the repetitions): " + "; ".join(bits) + ". "
          "With ~0.1 ms of buffer, a receiver loses what arrives while it is away from `recvfrom` for longer than that: "
          "its own work per datagram, and above all the time to be woken and scheduled again after it blocked (the "
          "sender and the receiver each on a vCPU of a shared VM). The first depends on the library, the second on the "
          "machine; a difference between sides counts only when it is larger than the spread of the raw baseline's "
          "own repetitions. The profiles below give the CPU per datagram.")
        p()
    render_udp_profiles(out_dir, p)
    p("Every measurement (received/s; loss in brackets):")
    p()
    reps = sorted({r for d in data.values() for s in d.values() for r in s})
    p("| datagram | receive buffer | receiver | " + " | ".join(f"r{r}" for r in reps) + " |")
    p("|---|---|---|" + "---|" * len(reps))
    for (size, config) in order:
        for server in UDP_SERVERS:
            if server in data[(size, config)]:
                cells = []
                for r in reps:
                    v = data[(size, config)][server].get(r)
                    cells.append(f"{v[0] / 1000:.1f}k ({100 * v[1]:.2f}%)" if v else "—")
                p(f"| {size} B | {UDP_CONFIGS.get(config, config)} | {UDP_NAMES[server]} | " + " | ".join(cells) + " |")
    p()
    p("Identical options: every receiver binds 127.0.0.1, runs on its process's main (platform) thread and answers "
      "count queries in the same loop; in the kernel-default rows none changes an option, in the small-buffer rows each "
      "sets SO_RCVBUF to the same request before binding and nothing else (the kernel buffer in the table is the "
      "one the kernel gave each side: Python's `getsockopt` reports the kernel's figure, the JDK's half of it). The raw "
      "baseline (`org.sockets.bench.baseline.RawUdpServers`, frozen) calls `receive` into one direct 64 KiB buffer, the JDK's "
      "no-copy path; `sockets` calls `recvFrom` into a direct 64 KiB buffer, which `UdpEndpoint` receives into "
      "straight; `socketsheap` into a 2 KiB heap array, which it fills from its 64 KiB scratch buffer (the "
      "truncation check), judged against `rawheap`, the baseline receiving into the same 2 KiB heap buffer (the JDK "
      "receives into a temporary direct buffer of its own and copies). Python: "
      "`recvfrom_into` a 64 KiB `bytearray`. The pacing and the small buffer were chosen so that the baseline loses "
      "little (default) or a few percent (small) on this VM, then fixed in `Patterns` for every side "
      "(docs/decisions/2026-11-26-bench-udp-unix.md, docs/decisions/2026-11-26-bench-udp-loss.md).")
    return "\n".join(out)


# ------------------------------------------------------------------ profiles

def profile(out_dir, name, thread_filter):
    """Top frames of a `jfr print` of ExecutionSample/NativeMethodSample events, for one thread."""
    parsed = jfr_samples(os.path.join(out_dir, f"profile-{name}.txt"))
    if parsed is None:
        return None
    samples, cpu = parsed
    tops, frames, total = defaultdict(int), defaultdict(int), 0
    for thread, stack in samples:
        if thread_filter(thread):
            total += 1
            tops[stack[0]] += 1
            for f in set(stack):
                frames[f] += 1
    busy = busy_seconds(cpu)
    load = None
    if busy:
        load = (statistics.mean(cpu["jvmUser"][i] for i in busy), statistics.mean(cpu["jvmSystem"][i] for i in busy), len(busy))
    return total, tops, frames, load


def render_udp_profiles(out_dir, p):
    rows = []
    for size in [64, 1400]:
        for server in ["raw", "sockets", "rawheap", "socketsheap"]:
            prof = profile(out_dir, f"udp{size}-{server}", lambda t: t == "main")
            if prof and prof[0]:
                rows.append((size, server, prof))
    if not rows:
        return
    p("Where the time goes (JFR, `settings=profile`, one more trial per receiver and size after the repetitions, at the "
      "same pacing): at one rate, the receiver process's CPU share is its cost per datagram. CPU: JFR's "
      "`jdk.CPULoad` for the process, user and kernel, % of the whole machine (2 CPUs = 100%), averaged over the "
      "seconds in which it worked. Samples: the receiving `main` thread; `jdk.NativeMethodSample` is a thread "
      "inside a native method (the `recvfrom` system call: copying, or waiting for the next datagram).")
    p()
    p("| datagram | receiver | CPU user | CPU kernel | samples | library (`org.sockets`, not bench) frame on top | top frames |")
    p("|---|---|---|---|---|---|---|")
    for size, server, (total, tops, frames, load) in rows:
        lib = sum(c for f, c in tops.items() if "org.sockets." in f and ".bench." not in f)
        top = "; ".join(f"`{f.split('(')[0]}` {100 * c / total:.0f}%" for f, c in sorted(tops.items(), key=lambda x: -x[1])[:3])
        u, k = (f"{load[0]:.1f}%", f"{load[1]:.1f}%") if load else ("—", "—")
        p(f"| {size} B | {UDP_NAMES[server]} | {u} | {k} | {total:,} | {100 * lib / total:.1f}% | {top} |")
    p()
