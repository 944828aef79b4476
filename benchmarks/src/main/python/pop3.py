"""bin/bench pop3's Python side: python3 pop3.py PORT PASSWORD SESSIONS WARMUP

The same session as Pop3Benchmark (USER/PASS, RETR of every message, QUIT) with poplib, run
WARMUP times unmeasured and then SESSIONS times; prints "POP3 python <ms>" per measured session.
"""
import poplib
import sys
import time


def session(port, password):
    p = poplib.POP3("127.0.0.1", port)
    p.user("alice")
    p.pass_(password)
    count = len(p.list()[1])
    n = 0
    for i in range(1, count + 1):
        n += sum(len(line) + 2 for line in p.retr(i)[1])
    p.quit()
    return n


def main():
    port, password, sessions, warmup = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    for _ in range(warmup):
        session(port, password)
    for _ in range(sessions):
        t = time.perf_counter()
        n = session(port, password)
        print(f"POP3 python {(time.perf_counter() - t) * 1000:.3f} {n}", flush=True)


main()
