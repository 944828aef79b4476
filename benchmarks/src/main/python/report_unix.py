"""The Unix-domain section (issues #5, #11) of docs/PERFORMANCE.md, from one bin/bench run's results
folder. Called by page.py; every figure comes from the folder's files:

  r{R}-unix_{pattern}-{server}.json   JMH (UnixBulkBenchmark, UnixPingPongBenchmark, UnixDgramBenchmark),
                                      server raw | sockets | junixsocket | tcp | python
  profile-unix_*.txt                  jfr print of the sockets-unix servers
  machine.txt, loads.txt              the machine, and the load when each repetition began

The floor rows (sockets-unix ÷ the JDK's channel) and the junixsocket rows (sockets-unix ÷
junixsocket) are decided by benchlib.decide, the rule of
docs/decisions/2026-12-06-bench-decidable-tcp-unix.md.
"""
import glob
import json
import os
import re
from collections import defaultdict

from benchlib import (BULK_GIB, decide, decision_cell, decision_rule_text, fmt, fr, jmh_iterations, median,
                      needed_text, paired_ratios, trial_shape)
from report_udp_unix import profile, ratio, section

UNIX_DGRAM_COUNT = 100_000  # org.sockets.bench.Patterns.UNIX_DGRAM_COUNT
FLOOR = 0.95  # sockets-unix ÷ the JDK's Unix SocketChannel
AIM = 1.0  # sockets-unix ÷ junixsocket

UNIX_NAMES = {"raw": "JDK Unix `SocketChannel`", "sockets": "sockets-unix", "junixsocket": "junixsocket 2.10.1",
              "tcp": "TCP loopback (raw JDK)", "python": "Python AF_UNIX"}
UNIX_PATTERNS = [
    ("unix_bulk_pinned", "Bulk 64 KiB × 2 GiB, pinned (all on CPU 0)", "GiB/s"),
    ("unix_bulk", "Bulk 64 KiB × 2 GiB, unpinned", "GiB/s"),
    ("unix_pingpong_pinned", "Ping-pong 64 B, pinned", "rt/s"),
    ("unix_pingpong", "Ping-pong 64 B, unpinned", "rt/s"),
    ("unix_pingpong_vt_pinned", "Ping-pong 64 B, virtual thread per connection, pinned", "rt/s"),
    ("unix_dgram_pinned", "DGRAM 64 B, pinned", "dgrams/s"),
    ("unix_dgram", "DGRAM 64 B, unpinned", "dgrams/s"),
]


def render_profiles(out_dir, p):
    shown = False
    for name, title in [("unix_pingpong-server", "Unix ping-pong, sockets-unix server, pinned"),
                        ("unix_bulk-server", "Unix bulk, sockets-unix server, pinned")]:
        prof = profile(out_dir, name, lambda t: t in ("main", "sockets-unix-poller"))
        if not prof or not prof[0]:
            continue
        if not shown:
            p("Where the time goes (JFR, `settings=profile`, recorded after the repetitions with the same benchmark; "
              "the server's `main` thread and the `sockets-unix-poller` thread; a thread inside a native method, e.g. a system call through FFM, "
              "is a `jdk.NativeMethodSample`):")
            p()
            shown = True
        total, tops, frames, _ = prof
        p(f"**{title}** — {total:,} samples.")
        p()
        p("| share | top frame |")
        p("|---|---|")
        for frame, c in sorted(tops.items(), key=lambda x: -x[1])[:8]:
            p(f"| {100 * c / total:.1f}% | `{frame}` |")
        p()
        on = [(f, c) for f, c in frames.items() if any(k in f for k in ("Poller", "park", "yield", "epoll_wait", "recvfrom", "sendto"))]
        if on:
            p("On the stack (any depth): " + "; ".join(f"`{f}` {100 * c / total:.1f}%" for f, c in sorted(on, key=lambda x: -x[1])[:8]) + ".")
            p()


THREAD_NAMES = [("ForkJoinPool-", "carrier threads (`ForkJoinPool-1-worker-*`)"),
                ("sockets-unix-po", "`sockets-unix-poller`"),
                ("org.sockets.ben", "the client (JMH benchmark thread, the JDK's channel)"),
                ("C2 CompilerThre", "JIT (C2)"), ("C1 CompilerThre", "JIT (C1)")]


def thread_title(comm):
    for prefix, title in THREAD_NAMES:
        if comm.startswith(prefix):
            return title
    return None


def render_virtual_threads(out_dir, p):
    """CPU by thread in the virtual-thread ping-pong (perf_threads.py's JSON) and the carrier
    starvation probe (CarrierStarvation's JSON lines), both written by bin/bench's unix profile step."""
    runs = {}
    for s in ("sockets", "junixsocket"):
        f = os.path.join(out_dir, f"threads-unix_pingpong_vt-{s}.json")
        if os.path.exists(f) and os.path.getsize(f) > 0:
            runs[s] = json.load(open(f))
    starve = []
    f = os.path.join(out_dir, "starvation.jsonl")
    if os.path.exists(f):
        starve = [json.loads(line) for line in open(f) if line.strip().startswith("{")]
    if not runs and not starve:
        p("*(No thread profile of the virtual-thread rows in this run: bin/bench records it with perf, as root.)*")
        p()
        return
    if runs:
        p("**Virtual thread per connection, pinned: where the CPU goes, by thread** (perf `cpu-clock` samples with "
          "stacks of the whole pinned trial after its first 3 s, server and client processes together; "
          "`perf_threads.py`). \"on the stack\": the share of that thread's samples inside a receive "
          "(`recvfrom`/`read`), a send, a futex (park/unpark) or epoll.")
        p()
        sides = [s for s in ("sockets", "junixsocket") if s in runs]
        p("| thread | " + " | ".join(f"{UNIX_NAMES[s]} server" for s in sides) + " |")
        p("|---|" + "---|" * len(sides))
        for prefix, title in THREAD_NAMES:
            cells = []
            for s in sides:
                hit = [(c, d) for c, d in runs[s]["threads"].items() if c.startswith(prefix)]
                if not hit:
                    cells.append("—")
                    continue
                share = sum(d["share"] for _, d in hit)
                marks = defaultdict(float)
                for _, d in hit:
                    for m, v in d["on_stack"].items():
                        marks[m] += v * d["share"] / share
                on = ", ".join(f"{m} {100 * v:.0f}%" for m, v in sorted(marks.items(), key=lambda x: -x[1])
                               if m in ("recv", "send", "futex", "epoll") and v >= 0.01)
                cells.append(f"{100 * share:.0f}%" + (f" (on the stack: {on})" if on else ""))
            if any(c != "—" for c in cells):
                p(f"| {title} | " + " | ".join(cells) + " |")
        other = []
        for s in sides:
            rest = sum(d["share"] for c, d in runs[s]["threads"].items() if thread_title(c) is None)
            other.append(f"{100 * rest:.0f}%")
        p("| other threads | " + " | ".join(other) + " |")
        p("| samples | " + " | ".join(f"{runs[s]['samples']:,}" for s in sides) + " |")
        p()
    if starve:
        p("**What blocking the carrier costs a server** (`CarrierStarvation`, run after the repetitions, unpinned, "
          "default scheduler): each server hands every accepted connection to a virtual thread that echoes; as "
          "many clients as there are carriers connect and send nothing, then one more sends 64 bytes and waits "
          f"{starve[0]['limit_ms'] / 1000:.0f} s at most for the echo.")
        p()
        p("| server | carriers | idle clients | the next client's echo |")
        p("|---|---|---|---|")
        for r in starve:
            name = UNIX_NAMES.get(r["server"], r["server"])
            got = f"after {r['ms']:.0f} ms" if r["answered"] else f"**none within {r['limit_ms'] / 1000:.0f} s**"
            p(f"| {name} | {r['carriers']} | {r['idle_clients']} | {got} |")
        p()


def unix_data(out_dir):
    values = defaultdict(lambda: defaultdict(dict))
    for path in glob.glob(os.path.join(out_dir, "r*-unix_*-*.json")):
        mm = re.match(r"r(\d+)-(unix_[a-z_]+)-([a-z0-9]+)\.json$", os.path.basename(path))
        if not mm:
            continue
        rep, pattern, server = int(mm.group(1)), mm.group(2), mm.group(3)
        its = jmh_iterations(json.load(open(path)))
        if pattern.startswith("unix_bulk"):
            values[pattern][server][rep] = BULK_GIB / (median(its) / 1000.0)
        elif pattern.startswith("unix_dgram"):
            values[pattern][server][rep] = UNIX_DGRAM_COUNT / (median(its) / 1000.0)
        else:
            values[pattern][server][rep] = median(its)
    return values


def decisions(values):
    """The two decided families: the floor (sockets ÷ JDK, every STREAM row) and the junixsocket
    aim (sockets ÷ junixsocket, every row both have, DGRAM included)."""
    floor = decide([(pt, paired_ratios(values[pt]["sockets"], values[pt]["raw"])) for pt, _, _ in UNIX_PATTERNS
                    if pt in values and "sockets" in values[pt] and "raw" in values[pt]], FLOOR)
    aim = decide([(pt, paired_ratios(values[pt]["sockets"], values[pt]["junixsocket"])) for pt, _, _ in UNIX_PATTERNS
                  if pt in values and "sockets" in values[pt] and "junixsocket" in values[pt]], AIM)
    return floor, aim


def reading_unix(values, floor, aim, p):
    if not floor and not aim:
        return
    titles = {pt: title for pt, title, _ in UNIX_PATTERNS}
    p("Reading the figures:")
    p()
    if floor:
        by = defaultdict(list)
        for pt, d in floor.items():
            by[d.verdict].append(pt)
        line = (f"- **Floor (sockets-unix ≥ {FLOOR}× the JDK's Unix `SocketChannel`), decided by the rule above: met on "
                f"{len(by['met'])} of {len(floor)} rows, below beyond chance on {len(by['below beyond chance'])}, "
                f"undecided on {len(by['undecided'])}.**")
        if by["below beyond chance"]:
            line += (" Below beyond chance: " + "; ".join(
                f"{titles[pt]} {floor[pt].median:.2f}× ({floor[pt].lo:.2f}–{floor[pt].hi:.2f})" for pt in by["below beyond chance"])
                + " — see the profiles above.")
        if by["undecided"]:
            line += (" Undecided: " + "; ".join(f"{titles[pt]} ({floor[pt].above} of {floor[pt].n} above; "
                                               f"{needed_text(floor[pt])})" for pt in by["undecided"]) + ". "
                     "What would decide an undecided row is more repetitions (`BENCH_FLOOR_REPS=N bin/bench unix`, "
                     "about 2 minutes a repetition) or a machine whose trials scatter less; the profiles above show "
                     "where a pinned round trip's time goes.")
        p(line)
    if aim:
        met = [pt for pt, d in aim.items() if d.verdict == "met"]
        below = [pt for pt, d in aim.items() if d.verdict == "below beyond chance"]
        p(f"- **junixsocket (aim: sockets-unix ≥ {AIM}× it, without JNI), decided by the same rule: met on {len(met)} of "
          f"{len(aim)} rows, below beyond chance on {len(below)}, undecided on {len(aim) - len(met) - len(below)}.** "
          + "; ".join(f"{titles[pt]} {aim[pt].median:.2f}×" for pt in aim) + ". junixsocket's channels call "
          "`read`/`write`/`recvfrom` through its JNI library, as the JDK's do through its own; sockets-unix calls "
          "them through FFM downcalls.")
    vt = ratio(values.get("unix_pingpong_vt_pinned", {}), "sockets", "raw")
    pf = ratio(values.get("unix_pingpong_pinned", {}), "sockets", "raw")
    if vt[0] is not None and pf[0] is not None:
        raw_pf = median(list(values["unix_pingpong_pinned"]["raw"].values()))
        raw_vt = median(list(values["unix_pingpong_vt_pinned"]["raw"].values()))
        vj = aim.get("unix_pingpong_vt_pinned") if aim else None
        p(f"- **Platform threads block in the call itself, virtual threads park on the poller.** On the process's "
          f"main (platform) thread both block inside the system call ({raw_pf / 1000:.0f}k round trips/s for the JDK "
          f"there against {raw_vt / 1000:.0f}k on a virtual thread): the JDK in `read(2)`/`write(2)`, sockets-unix "
          f"in `recvfrom(2)`/`sendto(2)` on a blocking descriptor — a connected socket only it holds and waited on "
          f"with no timeout (listeners, shared, adopted and timed sockets stay non-blocking and wait in `poll(2)`): "
          f"{pf[0]:.2f}× ({pf[1]:.2f}–{pf[2]:.2f}) the JDK in ping-pong. Since 2026-12-06 that call carries no "
          "`SO_RCVTIMEO` slice (an interrupt reaches it through an `AbstractInterruptibleChannel` hook, as it "
          "reaches the JDK's channels): the slice armed a kernel timer per blocked receive, measured at half of "
          "the 0.92× this row had (docs/decisions/2026-12-06-unix-blocking-without-slices.md). What remains per "
          "message is the FFM downcall with its errno capture against the JDK's JNI call, and `recvfrom`/`sendto` "
          "against `read`/`write` in the kernel; user-space time per message was equal within noise in a perf "
          "profile of both servers. With a virtual thread per connection both park the reader on a poller (the "
          f"JDK on its own, sockets-unix on `sockets-unix-poller`): sockets-unix is at {vt[0]:.2f}× "
          f"({vt[1]:.2f}–{vt[2]:.2f}) the JDK.")
        if vj is not None:
            p(f"- **junixsocket's virtual-thread row ({vj.median:.2f}×) is a design choice, not a gap to close.** "
              "junixsocket's carrier makes the blocking `recv(2)` itself — the virtual thread stays pinned to its "
              "carrier inside JNI — so on one CPU a round trip is two context switches, as on a platform thread. "
              "The JDK and sockets-unix unmount the virtual thread and let a poller thread wake it (the poller's "
              "share and the futex time of the carriers in the thread table above), which costs a hand-off per "
              "message and keeps the carriers free. The probe above measures what the pinning costs a server: "
              "whether, with as many idle clients as carriers, the next client is served at all. Closing the gap would mean blocking the carrier the same way; we keep sockets-unix at the "
              "JDK's behaviour, where it is at or above the floor.")
    dg = values.get("unix_dgram_pinned", {})
    if "sockets" in dg and "python" in dg:
        r = ratio(dg, "sockets", "python")
        p(f"- **DGRAM:** sockets-unix receives {r[0]:.2f}× ({r[1]:.2f}–{r[2]:.2f}) Python's rate (no JDK baseline exists); "
          "both block inside `recvfrom(2)` on the process's main (platform) thread (a sockets-unix datagram "
          "socket only it holds is a blocking descriptor from creation).")
    tcp_b = ratio(values.get("unix_bulk_pinned", {}), "raw", "tcp")
    tcp_p = ratio(values.get("unix_pingpong_pinned", {}), "raw", "tcp")
    if tcp_b[0] is not None and tcp_p[0] is not None:
        p(f"- **Unix vs TCP loopback (pinned, same client):** the JDK's Unix channel is {tcp_b[0]:.2f}× TCP loopback "
          f"in bulk and {tcp_p[0]:.2f}× in ping-pong; sockets-unix {ratio(values['unix_bulk_pinned'], 'sockets', 'tcp')[0]:.2f}× "
          f"and {ratio(values['unix_pingpong_pinned'], 'sockets', 'tcp')[0]:.2f}×.")
    p()


def render_unix(out_dir):
    values = unix_data(out_dir)
    out, p = section("Unix domain", out_dir, "unix_load", "bin/bench unix")
    if not values:
        p("No Unix-domain results in this run.")
        return "\n".join(out)
    reps = sorted({r for pat in values.values() for s in pat.values() for r in s})
    floor, aim = decisions(values)
    p("STREAM: the client is the JMH benchmark, the JDK's own Unix `SocketChannel` (blocking, direct buffers, one "
      "platform thread), the same for every server; the server runs in its own process (`BenchServer`, started by "
      "`ServerProcess`, the same way for every Java server): the JDK's Unix "
      "`SocketChannel` (`org.sockets.bench.baseline.RawUnixServers`, frozen), sockets-unix (FFM; a platform "
      "thread blocks inside the system call on the connected socket, which only it holds, as the JDK's does; a "
      "virtual thread tries with `MSG_DONTWAIT`, yields twice, then parks on the epoll poller thread), or "
      "junixsocket 2.10.1 (`AFUNIXServerSocketChannel` / `AFUNIXSocketChannel`, blocking, JNI; "
      "`org.sockets.bench.servers.JunixsocketServers`, line for line the JDK's server), all with the same buffers "
      "(direct, 64 KiB bulk / 64 B ping-pong, allocated once per connection) on the process's main thread. "
      "*TCP loopback* is the raw JDK TCP server of the TCP section driven by the same client code on 127.0.0.1 "
      "(TCP_NODELAY), in the first repetitions only (a reference, not decided). "
      f"Bulk: the server sends 2 GiB per operation in 64 KiB writes, {trial_shape(out_dir, 'unix_bulk_pinned')}; "
      f"ping-pong: {trial_shape(out_dir, 'unix_pingpong_pinned')}. "
      "All servers run on the process's main (platform) thread, except the *virtual thread per connection* row, where "
      "the acceptor hands the connection to a virtual thread in every server. "
      "Pinned: the whole JMH run under `taskset -c 0` (harness, fork and server child), as in the TCP section; "
      "unpinned rows are bimodal on this VM (a trial settles in a same-core or a cross-core mode) and often stay "
      "undecided.")
    p()
    p(decision_rule_text(f"the floor {FLOOR}× for sockets-unix ÷ the JDK; the aim {AIM}× for sockets-unix ÷ junixsocket",
                         "the floor rows, and separately those of the junixsocket rows,",
                         max((d.n for d in list(floor.values()) + list(aim.values())), default=0)))
    p()
    p(f"| pattern | sockets-unix | JDK Unix `SocketChannel` | sockets ÷ JDK (floor {FLOOR}) | junixsocket | "
      f"sockets ÷ junixsocket (aim {AIM}) | TCP loopback (raw JDK) | sockets Unix ÷ TCP | JDK Unix ÷ TCP |")
    p("|---|---|---|---|---|---|---|---|---|")
    for pattern, title, unit in UNIX_PATTERNS:
        v = values.get(pattern)
        if not v or "raw" not in v:
            continue
        med = lambda s: median(list(v[s].values())) if s in v else None  # noqa: E731
        fcell = decision_cell(floor[pattern], FLOOR) if pattern in floor else "—"
        acell = decision_cell(aim[pattern], AIM) if pattern in aim else "—"
        p(f"| {title} | {fmt(med('sockets'), unit)} | {fmt(med('raw'), unit)} | {fcell} | {fmt(med('junixsocket'), unit)} | "
          f"{acell} | {fmt(med('tcp'), unit)} | {fr(ratio(v, 'sockets', 'tcp'))} | {fr(ratio(v, 'raw', 'tcp'))} |")
    p()
    dg = [(pt, title) for pt, title, _ in UNIX_PATTERNS if pt.startswith("unix_dgram") and pt in values]
    if dg:
        p("DGRAM: the JDK has no Unix datagram channel, so there is no JDK baseline and no floor; the receiver is "
          "compared with junixsocket's `AFUNIXDatagramChannel` (every repetition, decided as above) and with "
          "Python's `socket(AF_UNIX, SOCK_DGRAM)` `recvfrom_into` (the first repetitions). One operation sends "
          "100,000 datagrams of 64 bytes "
          "as fast as the receiver takes them (a Unix datagram is never dropped: the sender waits for room in the "
          "receiver's queue of `net.unix.max_dgram_qlen` datagrams), then a count query; it ends when the answer "
          "says all arrived. The sender is a sockets-unix endpoint in the JMH client (connected, bound to a socket "
          "file for the answer), the same for every receiver; sockets and junixsocket receive into a direct 64 KiB "
          "buffer, Python into a 64 KiB `bytearray`. " + trial_shape(out_dir, "unix_dgram_pinned") + ".")
        p()
        p(f"| pattern | sockets-unix | junixsocket | Python AF_UNIX | sockets ÷ junixsocket (aim {AIM}) | sockets ÷ Python |")
        p("|---|---|---|---|---|---|")
        for pt, title in dg:
            v = values[pt]
            cells = [fmt(median(list(v.get(s, {}).values())), "x") for s in ("sockets", "junixsocket", "python")]
            acell = decision_cell(aim[pt], AIM) if pt in aim else "—"
            p(f"| {title} | " + " | ".join(cells) + f" | {acell} | {fr(ratio(v, 'sockets', 'python'))} |")
        p()
    render_profiles(out_dir, p)
    render_virtual_threads(out_dir, p)
    reading_unix(values, floor, aim, p)
    p("Every measurement (one cell per side and repetition: the median of the trial's measured iterations):")
    p()
    p("| pattern | side | " + " | ".join(f"r{r}" for r in reps) + " | median |")
    p("|---|---|" + "---|" * len(reps) + "---|")
    for pattern, title, unit in UNIX_PATTERNS:
        for server in ["sockets", "raw", "junixsocket", "tcp", "python"]:
            if server in values.get(pattern, {}):
                cells = [fmt(values[pattern][server].get(r), unit) for r in reps]
                p(f"| {title} | {UNIX_NAMES[server]} | " + " | ".join(cells)
                  + f" | {fmt(median(list(values[pattern][server].values())), unit)} |")
    return "\n".join(out)
