"""Python's side of RecvMaxBenchmark (issue #10, item 2): python3 recvmax.py TRANSPORT MAX [MAX...]

The same loop as the JMH benchmark, on the socket module: one thread sends 10 bytes on one end of
a loopback pair and takes them with recv(max) (recvfrom(max) on UDP) on the other. For each max:
2 warm-up seconds, then 3 measured one-second iterations, as the JMH side. Prints one line per
iteration: RECVMAX transport max iteration microseconds-per-call.
"""
import socket
import sys
import time

MESSAGE = b"0123456789"


def pair(transport):
    if transport == "tcp":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        a = socket.create_connection(listener.getsockname())
        b, _ = listener.accept()
        for s in (a, b):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return a, b, [listener]
    if transport == "udp":
        b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        b.bind(("127.0.0.1", 0))
        a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        a.connect(b.getsockname())
        return a, b, []
    if transport == "unix":
        a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        return a, b, []
    raise SystemExit("transport: tcp, udp or unix, not " + transport)


def iteration(a, b, transport, max_, seconds):
    """Calls for about `seconds` (checking the clock every 200 calls); returns µs per call."""
    send, recv = a.send, (b.recvfrom if transport == "udp" else b.recv)
    calls = 0
    start = time.perf_counter()
    end = start + seconds
    while True:
        for _ in range(200):
            send(MESSAGE)
            got = recv(max_)
        calls += 200
        now = time.perf_counter()
        if now >= end:
            break
    if transport != "udp" and got != MESSAGE:
        raise SystemExit(f"expected {MESSAGE!r}, got {got!r}")
    return (now - start) * 1e6 / calls


def main():
    transport = sys.argv[1]
    for max_ in [int(x) for x in sys.argv[2:]]:
        a, b, extra = pair(transport)
        try:
            iteration(a, b, transport, max_, 2.0)
            for i in range(3):
                print(f"RECVMAX {transport} {max_} {i + 1} {iteration(a, b, transport, max_, 1.0):.4f}", flush=True)
        finally:
            for s in [a, b] + extra:
                s.close()


main()
