"""What the report scripts share: reading a run's machine.txt, medians, cell formats, ratio verdicts,
the parsing of `jfr print` output, and the paired tests and multiple-comparison correction that
decide a row (UDP's loss, the TCP and Unix floors)."""
import glob
import json
import math
import os
import re
import statistics
from collections import defaultdict, namedtuple

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


# ------------------------------------------------------------------ paired decisions
# The rules that decide a row from per-repetition pairs (each repetition runs every side of a row
# back to back, in an order reversed on alternate repetitions), and the multiple-comparison
# correction over a family of rows. UDP's "loss no higher" uses the sign test
# (docs/decisions/2026-11-26-bench-udp-loss.md); the TCP and Unix floors use the signed-rank test
# (docs/decisions/2026-12-06-bench-decidable-tcp-unix.md). Both are exact, distribution-free and
# fixed before the runs they judge.

ALPHA = 0.05  # family-wise error rate of every decided family


def binomial_tail(k, n):
    """P(X ≥ k) for X ~ Binomial(n, 1/2): the one-sided sign-test p-value of k successes in n."""
    return sum(math.comb(n, i) for i in range(k, n + 1)) / 2 ** n if n else 1.0


def holm(pvalues):
    """Holm–Bonferroni adjusted p-values, in the order given."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    adj, running = [1.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adj[i] = running
    return adj


def signed_rank_p(diffs):
    """Exact two-sided Wilcoxon signed-rank p-value of paired differences against 0 (zeros
    dropped; tied magnitudes get their rank in order, which the exact table assumes away —
    harmless for continuous measurements). 1.0 with no non-zero difference."""
    xs = [x for x in diffs if x != 0]
    n = len(xs)
    if n == 0:
        return 1.0
    counts = [1]  # counts[w] = number of sign patterns whose positive ranks sum to w
    for rank in range(1, n + 1):
        nxt = counts + [0] * rank
        for w, c in enumerate(counts):
            nxt[w + rank] += c
        counts = nxt
    order = sorted(range(n), key=lambda i: abs(xs[i]))
    w_plus = sum(r + 1 for r, i in enumerate(order) if xs[i] > 0)
    w = max(w_plus, n * (n + 1) // 2 - w_plus)
    return min(1.0, 2 * sum(counts[w:]) / 2 ** n)


def paired_ratios(a, b):
    """Per-repetition ratios a[r] / b[r] over the repetitions both sides have ({rep: value} each)."""
    return [a[r] / b[r] for r in sorted(set(a) & set(b)) if b[r]]


def decide(rows, threshold):
    """Decides a family of rows against one threshold (a floor or an aim): rows is
    [(name, [per-repetition ratio])]. For each row, the exact two-sided signed-rank test of
    log(ratio / threshold) against 0; the family's p-values Holm-adjusted. A row whose adjusted p is
    below ALPHA is "met" (its ratios lie above the threshold) or "below beyond chance"; any other row
    is "undecided" (one with fewer than two repetitions too). Returns {name: Decision}."""
    tested = [(name, rs) for name, rs in rows if len(rs) >= 2]
    ps = [signed_rank_p([math.log(r / threshold) for r in rs]) for _, rs in tested]
    out = {}
    for (name, rs), p, adj in zip(tested, ps, holm(ps)):
        above = sum(1 for r in rs if r > threshold)
        below = sum(1 for r in rs if r < threshold)
        if adj < ALPHA:
            word = "met" if sum(math.log(r / threshold) for r in rs) > 0 else "below beyond chance"
        else:
            word = "undecided"
        out[name] = Decision(len(rs), above, below, median(rs), min(rs), max(rs), p, adj, word,
                             reps_to_decide(rs, threshold, len(tested)) if word == "undecided" else None)
    for name, rs in rows:
        if name not in out:
            out[name] = Decision(len(rs), sum(1 for r in rs if r > threshold), sum(1 for r in rs if r < threshold),
                                 median(rs), min(rs, default=None), max(rs, default=None),
                                 1.0, 1.0, "undecided" if rs else "not measured")
    return out


Decision = namedtuple("Decision", "n above below median lo hi p adjusted verdict needed", defaults=(None,))


def reps_to_decide(rs, threshold, family):
    """About how many repetitions an undecided row would need to be decided, if its ratios kept
    their median and spread: the normal approximation for a one-sample test of the log ratios
    against log(threshold) at the Holm procedure's strictest level (ALPHA / family, two-sided) with
    80% power, divided by the signed-rank test's efficiency against it (0.955); median and scaled
    MAD rather than mean and SD, so that one wild repetition does not decide the estimate. None
    when the median sits on the threshold or the spread is unknown (what would decide it then is
    not a count)."""
    xs = [math.log(r / threshold) for r in rs]
    if len(xs) < 3:
        return None
    loc = median(xs)
    scale = 1.4826 * median([abs(x - loc) for x in xs])
    if loc == 0 or scale == 0:
        return None
    z = statistics.NormalDist().inv_cdf
    n = ((z(1 - ALPHA / (2 * family)) + z(0.8)) * scale / abs(loc)) ** 2 / 0.955
    return max(len(rs) + 1, math.ceil(n))


PRACTICAL_REPS = 1000  # beyond this an estimate says only that the median sits all but on the threshold


def needed_text(d):
    """"≈N repetitions would decide it" for an undecided row, or why no count is given: too few
    repetitions to estimate a spread from (fewer than 3), or a median (all but) on the threshold."""
    if d.n < 3:
        return f"{d.n} repetition{'s' if d.n != 1 else ''}: too few to estimate how many would decide it"
    if d.needed is None or d.needed > PRACTICAL_REPS:
        return "its median sits (all but) on the threshold: no practical number of repetitions decides it"
    return f"≈{d.needed} repetitions would decide it at this spread"


def decision_cell(d, threshold):
    """A table cell: the median ratio (min–max), the count above the threshold, the adjusted p and
    the verdict, e.g. **0.99×** (0.95–1.03), above 0.95 in 9 of 12, Holm p 0.40: undecided."""
    if d.median is None:
        return "—"
    word = f"**{d.verdict}**" if d.verdict != "undecided" else d.verdict
    return (f"{fr((d.median, d.lo, d.hi))}, above {threshold:.2f} in {d.above} of {d.n}, "
            f"Holm p {d.adjusted:.3g}: {word}")


BACK_TO_BACK = ("Every repetition runs both sides of a row back to back — ours and the baseline, in an order reversed "
                "on alternate repetitions — so each repetition gives one ratio, ours ÷ baseline")


def decision_rule_text(threshold_words, family_words, reps, pairing=BACK_TO_BACK):
    """The paragraph that states the rule on the page (the same words in the TCP and Unix sections;
    pairing says how a repetition's two sides were measured, where a section differs)."""
    return (f"**The rule that decides a row** (fixed 2026-12-06, before the run that applies it; "
            f"docs/decisions/2026-12-06-bench-decidable-tcp-unix.md). {pairing} "
            f"({reps if isinstance(reps, str) else f'{reps} repetitions'} here). A row is tested against its threshold "
            f"({threshold_words}) with the exact two-sided Wilcoxon signed-rank test of the log ratios against "
            f"log(threshold); the p-values of {family_words} are one family, Holm-adjusted for a family-wise error of "
            f"{ALPHA:.0%}. Adjusted p < {ALPHA} with the ratios above the threshold: **met**; below it: **below beyond "
            "chance** (which the issue answers with a profile and a fix); otherwise **undecided** — the repetitions "
            "cannot tell the row from its threshold. The median, min–max and the count of repetitions above the "
            "threshold are shown for reading; only the test decides.")


def trial_shape(out_dir, name):
    """How long one trial of a pattern was, read from its JMH result (so the page says what ran, a
    quick check's shorter trials included): e.g. "1 warm-up + 3 measured operations" or
    "1 × 1 s warm-up + 2 × 1 s measured"; "?" when the run has no such trial."""
    results = (json.load(open(f)) for f in sorted(glob.glob(os.path.join(out_dir, f"r*-{name}-*.json"))))
    d = next((r[0] for r in results if isinstance(r, list) and r), None)  # JMH's, not iperf3's
    if d is None:
        return "?"
    if d.get("mode") == "ss":
        n = d["measurementIterations"]
        return f"{d['warmupIterations']} warm-up + {n} measured operation{'s' if n != 1 else ''}"
    return (f"{d['warmupIterations']} × {d['warmupTime']} warm-up + "
            f"{d['measurementIterations']} × {d['measurementTime']} measured")
