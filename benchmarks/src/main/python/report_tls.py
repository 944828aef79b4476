"""The TLS section (issue #12, item 6) of docs/PERFORMANCE.md, from one bin/bench run's results
folder. Called by page.py; every figure comes from the folder's files:

  r{R}-tls_{bulk,pingpong,handshake}[_pinned]-{server,client}_{jdk,sockets,python}.json  JMH results
  profile-tls_{bulk,handshake}-{server,client}.txt  `jfr print` of ours (pinned), when profiled
  machine.txt, loads.txt                            the machine, and the load as each repetition began
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import jfr_samples, median
from report_udp_unix import loads, section

TLS_BULK_MIB = 128  # org.sockets.bench.Patterns.TLS_BULK_BYTES
FLOOR, AIM = 0.95, 1.0
PATTERNS = [("bulk", "Bulk, 64 KiB writes × 128 MiB", "MiB/s"),
            ("pingpong", "Ping-pong, 64 B", "round trips/s"),
            ("handshake", "Full handshakes (resumption off)", "handshakes/s")]
PLACEMENTS = [("_pinned", "pinned (`taskset -c 0`, both sides)"), ("", "unpinned")]


def tls_data(out_dir):
    """{(pattern, pinned suffix, role, impl): {rep: figure}}; bulk in MiB/s, others per second."""
    d = defaultdict(dict)
    for path in glob.glob(os.path.join(out_dir, "r*-tls_*.json")):
        m = re.match(r"r(\d+)-tls_([a-z]+)(_pinned)?-(server|client)_(\w+)\.json$", os.path.basename(path))
        if not m:
            continue
        r, pat, pin, role, impl = int(m.group(1)), m.group(2), m.group(3) or "", m.group(4), m.group(5)
        try:
            data = json.load(open(path))
        except ValueError:
            continue  # a trial still running (a re-render during a run) or cut short: no figure
        its = [x for trial in data for fork in trial["primaryMetric"]["rawData"] for x in fork]
        if not its:
            continue
        v = median(its)
        d[(pat, pin, role, impl)][r] = TLS_BULK_MIB / (v / 1000.0) if pat == "bulk" else v
    return d


def ratios(a, b):
    reps = sorted(set(a) & set(b))
    rs = [a[r] / b[r] for r in reps if b[r]]
    return (median(rs), min(rs), max(rs), rs) if rs else (None, None, None, [])


def cell(xs):
    xs = list(xs.values())
    if not xs:
        return "—"
    m = median(xs)
    return f"{m:,.0f}" if m >= 100 else f"{m:.1f}"


def rcell(t):
    m, lo, hi, rs = t
    if m is None:
        return "—"
    return f"**{m:.2f}×** ({lo:.2f}–{hi:.2f}; per repetition {', '.join(f'{x:.2f}' for x in rs)})"


def judge(t):
    m, lo, hi, _ = t
    if m is None:
        return "not measured"
    v = "aim met" if m >= AIM else ("floor met, aim missed" if m >= FLOOR else "**floor missed**")
    if hi / lo > 1.5:
        v += "; repetitions disagree by > 1.5×"
    return v


def profile_lines(out_dir, p):
    groups = [("org.sockets.tls", "sockets-tls (ours)"), ("org.sockets.", "sockets-tcp / api (ours)"),
              ("sun.security.ssl", "JDK TLS (SSLEngine)"), ("com.sun.crypto.provider", "JDK crypto (AES-GCM, …)"),
              ("sun.security", "JDK other security (EC, X.509, …)"), ("sun.nio.ch", "JDK NIO (read/write in the kernel)")]
    found = False
    for name, what in [("bulk-server", "bulk, our server (its JVM)"), ("bulk-client", "bulk, our client (the JMH fork)"),
                       ("handshake-server", "handshakes, our server"), ("handshake-client", "handshakes, our client")]:
        parsed = jfr_samples(os.path.join(out_dir, f"profile-tls_{name}.txt"))
        if not parsed or not parsed[0]:
            continue
        # The thread that does the work: the server's main thread, the fork's JMH worker (not the
        # threads parked on the server's pipe or exit, which native-method sampling also sees).
        worker = "main" if name.endswith("server") else "jmh-worker"
        samples = [s for t, s in parsed[0] if t == worker or (worker == "jmh-worker" and "jmh-worker" in t)]
        if not samples:
            continue
        if not found:
            p("Profiles of ours (JFR, pinned, one trial each; the samples of the thread doing the work — the "
              "server's main thread, the fork's JMH worker — given to the first group a frame of the stack belongs to, "
              "top frame first (so a group's share is time in its own code, not in what it calls); then the top "
              "frames. A thread blocked in `read0`/`write0` is counted there: time in or waiting in the kernel):")
            p()
            p("| profile | samples | " + " | ".join(w for _, w in groups) + " | top frames |")
            p("|---|---|" + "---|" * len(groups) + "---|")
            found = True
        share, tops = defaultdict(int), defaultdict(int)
        for stack in samples:
            tops[stack[0]] += 1
            for f in stack:
                g = next((g for g, _ in groups if f.startswith(g)), None)
                if g:
                    share[g] += 1
                    break
        n = len(samples)
        top = ", ".join(f"`{re.sub(r'[(].*', '', f)}` {c / n:.0%}" for f, c in sorted(tops.items(), key=lambda x: -x[1])[:4])
        p(f"| {what} | {n} | " + " | ".join(f"{share[g] / n:.0%}" for g, _ in groups) + f" | {top} |")
    if found:
        p()


def render_tls(out_dir):
    out, p = section("TLS", out_dir, "tls_load", "bin/bench tls")
    d = tls_data(out_dir)
    p("Issue #12, item 6. TLS 1.3 only, `TLS_AES_128_GCM_SHA256` only, one EC P-256 key (sockets-testkit's "
      "`TestCertificates`, the same files for every server), TCP_NODELAY on every socket, 64 KiB heap arrays for "
      "every Java side (Python: a 64 KiB `bytearray`), default socket buffers everywhere, one platform thread per side, "
      "sequential servers, 127.0.0.1 over IPv4. Clients check the certificate (the CA, `HTTPS` identification) and send "
      "SNI `localhost`, ours and the JDK's alike. Bulk: the side under test sends 128 MiB per operation "
      "(4 warm-up, 4 measured); ping-pong: 64-byte round trips over one connection (10 warm-up and 3 measured one-second "
      "iterations); handshakes: connect, full handshake, one byte from the server, close (60 warm-up and 5 measured "
      "one-second iterations: pinned, the JIT compiles the handshake code for about 40 s — a trial's rate climbs from "
      "6 to ~450 handshakes/s — and until 2026-12-06 these rows had 3 s of warm-up and measured mostly interpreted "
      "code; docs/decisions/2026-12-06-bench-tls.md). Resumption is off by "
      "construction: every handshake's client uses a fresh `SSLContext`, so no pre-shared key is ever offered "
      "(docs/decisions/2026-12-06-bench-tls.md).")
    p()
    p("- **Server role**: one JDK `SSLSocket` client (the JMH benchmark) drives each server in turn: ours (`Tls.listen` "
      "over sockets-tcp), the JDK's `SSLServerSocket` (the baseline), Python's `ssl` (OpenSSL, for reference).")
    p("- **Client role**: ours (`Tls.client` over sockets-tcp) and the JDK's `SSLSocket` (the baseline), each against "
      "one JDK `SSLServerSocket` server.")
    p()
    p(f"All five sides of a pattern and placement run back to back, in an order reversed on every other repetition. A "
      f"trial's figure is the median of its measured iterations; the tables give medians over repetitions, and ratios "
      f"are taken within each repetition, then their median (lowest–highest). Floor ≥ {FLOOR}×, aim ≥ {AIM}× on "
      "every row.")
    p()
    for role, title, base_name, ours_name in [("server", "Server role", "JDK `SSLServerSocket`", "sockets server"),
                                              ("client", "Client role", "JDK `SSLSocket` client", "sockets client")]:
        p(f"### {title}")
        p()
        extra = " | Python `ssl` | Python / JDK" if role == "server" else ""
        p(f"| pattern | placement | unit | {ours_name} | {base_name} | sockets / JDK | verdict{extra} |")
        p("|---|---|---|---|---|---|---|" + ("---|---|" if role == "server" else ""))
        for pat, plabel, unit in PATTERNS:
            for pin, place in PLACEMENTS:
                ours, base = d.get((pat, pin, role, "sockets"), {}), d.get((pat, pin, role, "jdk"), {})
                t = ratios(ours, base)
                row = f"| {plabel} | {place} | {unit} | {cell(ours)} | {cell(base)} | {rcell(t)} | {judge(t)} |"
                if role == "server":
                    py = d.get((pat, pin, role, "python"), {})
                    pt = ratios(py, base)
                    row += f" {cell(py)} | {'—' if pt[0] is None else f'{pt[0]:.2f}× ({pt[1]:.2f}–{pt[2]:.2f})'} |"
                p(row)
        p()
    ls = [float(v) for _, v in loads(out_dir, "tls_load")]
    cpus = os.cpu_count() or 2
    if ls and max(ls) > cpus:
        p(f"Load: the 1-min load was {min(ls):g}–{max(ls):g} on a {cpus}-CPU machine as the repetitions began (other "
          "work on the machine), so absolute figures are depressed and scattered; the ratios, taken between trials run "
          "back to back, are the reading, and their per-repetition values show how far one repetition can be off. A "
          "rerun on a quiet machine is due.")
        p()
    below = []
    for role in ("server", "client"):
        for pat, plabel, _ in PATTERNS:
            for pin, place in PLACEMENTS:
                t = ratios(d.get((pat, pin, role, "sockets"), {}), d.get((pat, pin, role, "jdk"), {}))
                if t[0] is not None and t[0] < FLOOR:
                    below.append((role, pat, pin, plabel, place, t))
    if below:
        p("Rows below the floor in this run, and what is known of them:")
        p()
        for role, pat, pin, plabel, place, t in below:
            what = f"- **{role.capitalize()} role, {plabel}, {place.split(' (')[0]}: {t[0]:.2f}×.**"
            if pat == "handshake" and not pin and role == "server":
                what += (" Pinned, where the two JVMs share one CPU and the row measures the work per handshake, our "
                         "server is at or above the JDK's; unpinned the JDK's server gains from overlapping its work "
                         "with the client's. Traced (`strace -f -tt -T` on each server after warm-up, 2026-12-06): "
                         "`SSLServerSocket` writes the ServerHello (127 bytes) as soon as it is made, then the rest of "
                         "the flight (ChangeCipherSpec, EncryptedExtensions, Certificate, CertificateVerify, Finished) in "
                         "five more writes over ~0.6 ms while it signs, so the client derives its handshake keys in "
                         "parallel; an `SSLEngine` makes the whole flight, signature included, in one delegated task "
                         "before the first `wrap`, so ours can send nothing before it is all done (one 1,160-byte write). "
                         "Sending the flight's records as they are wrapped would not help: they all exist by then. "
                         "What would close it: an engine that hands out the ServerHello before it signs (a JDK change), "
                         "or a server path on `SSLSocket` for TCP alone, which the decorator design (TLS over any "
                         "stream Endpoint) rules out; on a machine with a CPU per process the gap is this overlap.")
            elif not pin:
                what += (" Unpinned rows record where the scheduler puts the two processes for a whole trial (a "
                         "cross-CPU wake-up per message or none); in the run at e8c8f43 the unpinned ping-pong "
                         "rows were 1.05× (server role) and 1.67× (client role). Traced per round trip after warm-up, our side makes one `read` and one `write` "
                         "(the record whole, into a 16 KiB buffer) where `SSLSocket` makes two `read`s (header, then "
                         "body) and one `write`; nothing per message is ours to remove. What would decide it: more "
                         "repetitions than the three this section runs, or a machine whose placement is stable.")
            else:
                what += (" Pinned rows of this section scatter by ±20% between repetitions here; the per-repetition "
                         "ratios above show it. What would decide it: more repetitions.")
            p(what)
        p()
    profile_lines(out_dir, p)
    return "\n".join(out)
