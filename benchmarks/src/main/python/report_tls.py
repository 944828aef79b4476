"""The TLS section (issue #12, item 6) of docs/PERFORMANCE.md, from one bin/bench run's results
folder. Called by page.py; every figure comes from the folder's files:

  r{R}-tls_{bulk,pingpong,handshake}[_pinned]-{server,client}_{impl}_vs_jdk.json  JMH results of a
      paired trial (since 2026-12-07): impl (sockets, python, engine) and the JDK's side alternating
      one iteration each, A B B A …, warm-up included (TlsSides)
  r{R}-tls_…-{server,client}_{impl}.json            JMH results of a trial of one side (runs before)
  profile-tls_{bulk,handshake}-{server,client}.txt  `jfr print` of ours (pinned), when profiled
  machine.txt, loads.txt                            the machine, and the load as each repetition began
"""
import glob
import json
import os
import re
import subprocess
from collections import defaultdict

from benchlib import (BACK_TO_BACK, decide, machine, decision_cell, decision_rule_text, jfr_samples, median, needed_text, paired_ratios,
                      trial_shape)
from report_udp_unix import loads, section

TLS_BULK_MIB = 128  # org.sockets.bench.Patterns.TLS_BULK_BYTES
FLOOR, AIM = 0.95, 1.0
PATTERNS = [("bulk", "Bulk, 64 KiB writes × 128 MiB", "MiB/s"),
            ("pingpong", "Ping-pong, 64 B", "round trips/s"),
            ("handshake", "Full handshakes (resumption off)", "handshakes/s")]
PLACEMENTS = [("_pinned", "pinned (`taskset -c 0`, both sides)"), ("", "unpinned")]


def handshake_jit(out_dir):
    """Whether the run's handshake trials ran with the JIT thresholds cut (Patterns.TLS_HANDSHAKE_JIT,
    since 2026-12-07), read from the JVM options JMH records for the fork."""
    for f in sorted(glob.glob(os.path.join(out_dir, "r*-tls_handshake*.json"))):
        try:
            d = json.load(open(f))
        except ValueError:
            continue
        if isinstance(d, list) and d:
            return any(a.startswith("-XX:CompileThresholdScaling=") for a in d[0].get("jvmArgs", []))
    return False


def side_of(i):
    """Which side of a paired trial ran its iteration i (0-based, warm-up included): 0 the one named,
    1 the JDK's — A B B A A B B A …, as org.sockets.bench.TlsSides.sideOf."""
    return ((i + 1) >> 1) & 1


def tls_data(out_dir):
    """{(pattern, pinned suffix, role, impl): {rep: figure}}; bulk in MiB/s, others per second. A
    paired trial's JDK side is stored as impl "jdk@{the other impl}", so each ratio can be taken
    within its trial (baseline())."""
    d = defaultdict(dict)
    for path in glob.glob(os.path.join(out_dir, "r*-tls_*.json")):
        m = re.match(r"r(\d+)-tls_([a-z]+)(_pinned)?-(server|client)_([a-z]+)(?:_vs_([a-z]+))?\.json$", os.path.basename(path))
        if not m:
            continue
        r, pat, pin, role, impl, versus = int(m.group(1)), m.group(2), m.group(3) or "", m.group(4), m.group(5), m.group(6)
        try:
            data = json.load(open(path))
        except ValueError:
            continue  # a trial still running (a re-render during a run) or cut short: no figure
        sides = [[], []]  # each side's measured iterations, every fork pooled (as before pairing)
        for trial in data:
            w = trial["warmupIterations"]
            for fork in trial["primaryMetric"]["rawData"]:
                for k, x in enumerate(fork):
                    sides[side_of(w + k) if versus else 0].append(x)
        for name, its in ((impl, sides[0]), (f"{versus}@{impl}", sides[1])):
            if its:
                v = median(its)
                d[(pat, pin, role, name)][r] = TLS_BULK_MIB / (v / 1000.0) if pat == "bulk" else v
    return d


def paired(d):
    """Whether the run's trials were paired (both sides in one trial)."""
    return any("@" in k[3] for k in d)


def baseline(d, pat, pin, role, impl):
    """The JDK's figures to divide impl's by: from impl's own trials when paired, else the JDK's trials."""
    return d.get((pat, pin, role, f"jdk@{impl}")) or d.get((pat, pin, role, "jdk"), {})


def ratios(a, b):
    """(median, lowest, highest, per-repetition ratios) of a ÷ b over the repetitions both have."""
    rs = paired_ratios(a, b)
    return (median(rs), min(rs), max(rs), rs) if rs else (None, None, None, [])


def cell(xs):
    xs = list(xs.values())
    if not xs:
        return "—"
    m = median(xs)
    return f"{m:,.0f}" if m >= 100 else f"{m:.1f}"


def aim_cell(t):
    m = t[0]
    if m is None:
        return "—"
    return f"median {m:.2f}×: " + ("met" if m >= AIM else "missed")


def ref_cell(t):
    return "—" if t[0] is None else f"{t[0]:.2f}× ({t[1]:.2f}–{t[2]:.2f})"


def floor_rows(d):
    """The floor family: every (role, pattern, placement) row, ours ÷ the JDK per repetition."""
    rows = []
    for role in ("server", "client"):
        for pat, _, _ in PATTERNS:
            for pin, _ in PLACEMENTS:
                rows.append(((role, pat, pin), paired_ratios(d.get((pat, pin, role, "sockets"), {}),
                                                             baseline(d, pat, pin, role, "sockets"))))
    return [(k, rs) for k, rs in rows if rs]


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
    floor = decide(floor_rows(d), FLOOR)
    reps = {pat: max((dec.n for (_, pt, _), dec in floor.items() if pt == pat), default=0) for pat, _, _ in PATTERNS}
    pairs = paired(d)
    half = ", half of them each side's" if pairs else ""
    shapes = {pat: trial_shape(out_dir, f"tls_{pat}") + half for pat, _, _ in PATTERNS}
    pinned_handshake = trial_shape(out_dir, "tls_handshake_pinned") + half
    if pinned_handshake != shapes["handshake"]:
        shapes["handshake"] = f"{shapes['handshake']} unpinned, {pinned_handshake} pinned"
    if handshake_jit(out_dir):
        jit = ("every JVM of a handshake trial, client and servers, runs with `-XX:CompileThresholdScaling=0.1`, so "
               "the code a handshake runs once reaches C2 within the warm-up; at the default thresholds the compilers "
               "still took a median 28% of the one CPU in the measured seconds of a pinned trial, and single seconds "
               "swung from 120 to 530 handshakes/s (docs/decisions/2026-12-07-bench-tls-jit-thresholds.md)")
    else:
        jit = ("pinned, the JIT compiles the handshake code for about 40 s — a trial's rate climbs from 6 to ~450 "
               "handshakes/s — and until 2026-12-06 these rows had 3 s of warm-up and measured mostly interpreted code; "
               "docs/decisions/2026-12-06-bench-tls.md")
    p("Issue #12, item 6. TLS 1.3 only, `TLS_AES_128_GCM_SHA256` only, one EC P-256 key (sockets-testkit's "
      "`TestCertificates`, the same files for every server), TCP_NODELAY on every socket, 64 KiB heap arrays for "
      "every Java side (Python: a 64 KiB `bytearray`), default socket buffers everywhere, one platform thread per side, "
      "sequential servers, 127.0.0.1 over IPv4. Clients check the certificate (the CA, `HTTPS` identification) and send "
      "SNI `localhost`, ours and the JDK's alike. Bulk: the side under test sends 128 MiB per operation "
      f"({shapes['bulk']}); ping-pong: 64-byte round trips over one connection ({shapes['pingpong']}); handshakes: "
      f"connect, full handshake, one byte from the server, close ({shapes['handshake']}; {jit}). "
      "Resumption is off by construction: every handshake's client uses a fresh `SSLContext`, so no pre-shared key is "
      "ever offered (docs/decisions/2026-12-06-bench-tls.md).")
    p()
    p("- **Server role**: one JDK `SSLSocket` client (the JMH benchmark) drives ours (`Tls.listen` "
      "over sockets-tcp), the JDK's `SSLServerSocket` (the baseline), and two references, not decided: Python's `ssl` "
      "(OpenSSL) and **engine**, a JDK `SSLEngine` over a blocking JDK `SocketChannel` driven as the JDK's guide "
      "drives one (one `write` per wrapped record, delegated tasks in the calling thread, nothing of ours: "
      "`EngineConn` in the benchmarks), which tells what any server on `SSLEngine` gets from the JDK apart from what "
      "sockets-tls adds or loses on top of it (docs/decisions/2026-12-07-bench-tls-engine-reference.md).")
    p("- **Client role**: ours (`Tls.client` over sockets-tcp) and the JDK's `SSLSocket` (the baseline), each against "
      "a JDK `SSLServerSocket` server.")
    p()
    cost = ("~65 s unpinned, ~95 s pinned" if handshake_jit(out_dir) else "~80 s") if pairs else "~70 s"
    if pairs:
        p("**Paired trials** (since 2026-12-07, docs/decisions/2026-12-07-bench-tls-paired-trials.md): every trial "
          "holds two sides, ours (or a reference) and the JDK's, each with its own server process (and connection), "
          "in one JMH fork, and gives them its iterations in turn, A B B A A B B A …, warm-up included. Both sides "
          "share what lasts a whole trial — where the scheduler put the processes, what the client JVM's JIT made of "
          "its code, the machine's load that minute — which made the ratio of two separate trials scatter; the A B B "
          "A order cancels a linear drift. A side's figure is the median of its measured iterations, and each "
          "ratio is taken within one trial. In the server role the client is the JDK's in both halves; in the "
          "client role one JVM runs both clients, so the JIT sees both (what that does is in the decision note).")
        p()
    p(f"The trials of a pattern and placement run back to back, in an order reversed on every other repetition: bulk "
      f"and ping-pong in {max(reps['bulk'], reps['pingpong'])} repetitions, handshakes (a trial is "
      f"{cost}) in {reps['handshake']}, the references in the first repetitions only. The tables give medians over "
      f"repetitions, and ratios are taken within each {'trial' if pairs else 'repetition'}. Floor ≥ {FLOOR}×, aim "
      f"≥ {AIM}× on every row.")
    p()
    how = ("Every repetition runs both sides of a row in one paired trial, so each repetition gives one ratio, "
           "ours ÷ baseline") if pairs else BACK_TO_BACK
    p(decision_rule_text(f"the floor {FLOOR}× for ours ÷ the JDK", "the section's twelve floor rows (two roles, three "
                         "patterns, two placements)",
                         f"{max(reps['bulk'], reps['pingpong'])} repetitions of bulk and ping-pong, "
                         f"{reps['handshake']} of handshakes", how) +
      " The aim column reads the median only.")
    p()
    for role, title, base_name, ours_name in [("server", "Server role", "JDK `SSLServerSocket`", "sockets server"),
                                              ("client", "Client role", "JDK `SSLSocket` client", "sockets client")]:
        p(f"### {title}")
        p()
        extra = " | Python `ssl` | Python / JDK | engine | engine / JDK" if role == "server" else ""
        p(f"| pattern | placement | unit | {ours_name} | {base_name} | floor: sockets / JDK | aim {AIM}×{extra} |")
        p("|---|---|---|---|---|---|---|" + ("---|---|---|---|" if role == "server" else ""))
        for pat, plabel, unit in PATTERNS:
            for pin, place in PLACEMENTS:
                ours, base = d.get((pat, pin, role, "sockets"), {}), baseline(d, pat, pin, role, "sockets")
                key = (role, pat, pin)
                fcell = decision_cell(floor[key], FLOOR) if key in floor else "—"
                row = (f"| {plabel} | {place} | {unit} | {cell(ours)} | {cell(base)} | {fcell} | "
                       f"{aim_cell(ratios(ours, base))} |")
                if role == "server":
                    py, eng = d.get((pat, pin, role, "python"), {}), d.get((pat, pin, role, "engine"), {})
                    row += (f" {cell(py)} | {ref_cell(ratios(py, baseline(d, pat, pin, role, 'python')))} | {cell(eng)} | "
                            f"{ref_cell(ratios(eng, baseline(d, pat, pin, role, 'engine')))} |")
                p(row)
        p()
    ls = [float(v) for _, v in sorted(loads(out_dir, "tls_load"))]
    cpus = os.cpu_count() or 2
    if ls:
        # Each repetition's figure is taken as it begins, so from the second on it counts the
        # section's own trials just before (both sides busy, JIT threads too): only the first one
        # tells of other work (bin/bench's build just before it counts too, hence the CPU count).
        later = f", and {min(ls[1:]):g}–{max(ls[1:]):g} as the later ones began (that counts this section's own " \
                "trials just before them: both sides busy, compiler threads too)" if len(ls) > 1 else ""
        p(f"Load: the 1-min load was {ls[0]:g} on a {cpus}-CPU machine as the first repetition began{later}.")
        if ls[0] > cpus:
            p("The first figure means other work on the machine, so absolute figures are depressed and scattered; the "
              "ratios, taken between trials run back to back, are the reading. A rerun on a quiet machine is due.")
        p()
    reading_tls(d, floor, p, out_dir)
    profile_lines(out_dir, p)
    return "\n".join(out)


def at_run_commit(out_dir, path):
    """The text of a file at the commit the run measured: None when git does not know that commit,
    "" when the file did not exist there."""
    commit = machine(out_dir).get("commit", "").split("+")[0]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    if subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=root, capture_output=True).returncode != 0:
        return None
    src = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True)
    return src.stdout if src.returncode == 0 else ""


def serverhello_first(out_dir):
    """Whether the run's commit sends a TLS 1.3 server's ServerHello on its own (2026-12-07), read
    from that commit's EngineHandshake; None when git cannot tell."""
    src = at_run_commit(out_dir, "sockets-tls/src/main/java/org/sockets/tls/internal/EngineHandshake.java")
    return None if not src else "isTls13" in src


def early_hello(out_dir):
    """Whether the run's commit sends a TLS 1.3 server's ServerHello from within the engine's task,
    before the signature (EarlyHello, 2026-12-07); None when git cannot tell."""
    src = at_run_commit(out_dir, "sockets-tls/src/main/java/org/sockets/tls/internal/EarlyHello.java")
    return None if src is None else src != ""


def handshake_server_text(d, pin, out_dir):
    """What is known of a server handshake row below the floor: the engine reference beside it, and
    what the flight's timing does (traces and A/B trials of 2026-12-06 and 2026-12-07)."""
    ours, engine = d.get(("handshake", pin, "server", "sockets"), {}), d.get(("handshake", pin, "server", "engine"), {})
    eng = ratios(engine, baseline(d, "handshake", pin, "server", "engine"))
    if paired(d):
        # Ours and the engine ran in different trials, each beside the JDK: their ratio is the
        # quotient of the two within-trial ratios of a repetition.
        def per_rep(impl):
            a, b = d.get(("handshake", pin, "server", impl), {}), baseline(d, "handshake", pin, "server", impl)
            return {r: a[r] / b[r] for r in a if b.get(r)}
        ours_eng = ratios(per_rep("sockets"), per_rep("engine"))
    else:
        ours_eng = ratios(ours, engine)
    text = ""
    if eng[0] is not None:
        text += (f" The textbook engine server (above) is {eng[0]:.2f}× the JDK's on this row, and ours "
                 f"{ours_eng[0]:.2f}× it: what the engine's structure costs is the first, what is ours the second.")
    if pin and handshake_jit(out_dir):
        text += (" Every JVM of this run's handshake trials had its JIT thresholds at a tenth, so the compilers were "
                 "done before the measured seconds (docs/decisions/2026-12-07-bench-tls-jit-thresholds.md); the "
                 "decision cell shows the spread that is left.")
        return text
    if pin:
        text += (" Pinned handshake trials also swing between about 200 and 550 handshakes/s from one second to the "
                 "next; the decision cell shows the spread.")
        if paired(d):
            text += (" A pinned paired trial puts three JVMs on one CPU (the client and two servers), and a server's "
                     "compiler threads run whenever they have work, its side's second or not (in the first paired run, "
                     "at 760add2, one side's single seconds ranged from about 120 to 440 handshakes/s within a trial).")
        return text
    if early_hello(out_dir):
        return text + (" This run's server sends its TLS 1.3 ServerHello from within the engine's task, before it "
                       "signs, as `SSLServerSocket` does (`EarlyHello`, docs/decisions/2026-12-07-tls-early-serverhello.md); "
                       "the textbook engine server cannot, and its ratio shows what that costs an engine server.")
    text += (" Traced (`strace -f -tt -T`, 2026-12-06): `SSLServerSocket` writes the ServerHello (127 bytes) as soon "
             "as it is made, then the rest of the flight in five more writes while it signs, so the client (busy "
             "~1.9 ms of each ~2 ms handshake, `perf stat`) derives its handshake keys meanwhile. An `SSLEngine` makes "
             "the whole flight, signature included, in the delegated task that consumes the ClientHello (perf, "
             "2026-12-07: every sample of the X25519 agreement and the ECDSA signature is under that task), so no "
             "engine server can overlap the signing — that part needs a JDK change.")
    first = serverhello_first(out_dir)
    if first is False:
        text += (" This run's sockets-tls also held the ServerHello back until the whole flight was wrapped (one "
                 "send); since 2026-12-07 a TLS 1.3 server sends it on its own, so the client starts on it while "
                 "the rest is wrapped and encrypted: in interleaved unpinned trials 1.10, 1.15, 1.10× the rate of the "
                 "one-send flight and 0.97, 1.07, 1.00× the JDK's (docs/decisions/2026-12-07-tls-serverhello-first.md); "
                 "the next `bin/bench tls` measures it here.")
    elif first:
        text += (" This run's sockets-tls already sends a TLS 1.3 ServerHello on its own (since 2026-12-07, "
                 "docs/decisions/2026-12-07-tls-serverhello-first.md), and with it makes the engine server's system "
                 "calls per handshake but one `write` (`strace -c` of the two servers, 2026-12-07: 5.0 writes and 4.55 "
                 "reads against 6.0 and 4.65; one `accept`, `fcntl`, `setsockopt` and `close` each)")
        if paired(d):
            text += (". In this run's paired trials the engine server's own ratio to the JDK matches ours (above), "
                     "so what keeps this row under the floor is the engine's, not sockets-tls's: no server on "
                     "`SSLEngine` (the issue's design) sends its ServerHello before it has signed.")
        else:
            text += ("; in four interleaved trials with this section's settings after the 31652fc run, ours made "
                     "1.15× and 1.00× the engine server's rate. So per-repetition ratios to the engine are trial "
                     "scatter, and what keeps this row under the floor is the engine's, not sockets-tls's: no server "
                     "on `SSLEngine` (the issue's design) sends its ServerHello before it has signed.")
    return text


def reading_tls(d, floor, p, out_dir):
    """The verdicts counted, then every row not met, with what is known of it."""
    if not floor:
        return
    by = defaultdict(list)
    for k, dec in floor.items():
        by[dec.verdict].append(k)
    titles = {pat: plabel for pat, plabel, _ in PATTERNS}

    def name(key):
        role, pat, pin = key
        return f"{role} role, {titles[pat].split(',')[0].lower()}, {'pinned' if pin else 'unpinned'}"
    p(f"**Floor, decided by the rule above: met on {len(by['met'])} of {len(floor)} rows, below beyond chance on "
      f"{len(by['below beyond chance'])}, undecided on {len(by['undecided'])}.**")
    p()
    high = [k for k in by["undecided"] if floor[k].median >= FLOOR]
    if high:
        p("- Undecided with the median at or above the floor: " + "; ".join(
            f"{name(k)} {floor[k].median:.2f}× ({needed_text(floor[k])})" for k in high) + ". What would decide "
          "them is more repetitions (`BENCH_FLOOR_REPS=N` for bulk and ping-pong, `BENCH_TLS_HANDSHAKE_REPS=N` for "
          "handshakes) or a machine whose trials scatter less.")
    for key in [k for k in floor if floor[k].verdict != "met" and k not in high]:
        role, pat, pin = key
        dec = floor[key]
        what = f"- **{name(key).capitalize()}: {dec.median:.2f}× ({dec.lo:.2f}–{dec.hi:.2f}), {dec.verdict}**"
        what += f" ({needed_text(dec)})." if dec.verdict == "undecided" else "."
        if pat == "handshake" and role == "server":
            what += handshake_server_text(d, pin, out_dir)
        elif paired(d):
            what += (" In a paired trial the two sides share the client JVM and the trial's minute, but each has "
                     "its own server JVM (and in the client role its own client code, compiled by one JIT), whose "
                     "compiled code differs from one trial to the next; the decision cell shows what is left of the "
                     "spread.")
        elif not pin:
            what += (" Unpinned rows record where the scheduler puts the two processes for a whole trial (a "
                     "cross-CPU wake-up per message or none), so they scatter between repetitions.")
            if pat == "pingpong":
                what += (" Traced per round trip after warm-up, our side makes one `read` and one `write` (the record "
                         "whole, into a 16 KiB buffer) where `SSLSocket` makes two `read`s (header, then body) and one "
                         "`write`; nothing per message is ours to remove.")
        else:
            what += (" Pinned bulk and handshake trials scatter between repetitions here (each trial is its own "
                     "JVM pair, and the JIT's choices differ between them); the decision cell shows the spread.")
        p(what)
    p()
