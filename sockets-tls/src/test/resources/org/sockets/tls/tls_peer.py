"""A TLS peer on Python's ssl module (OpenSSL), driven by sockets-tls tests.

server: listens on --ports loopback ports (--family 4/6), prints "PORT <p>" for each, then serves
connections one at a time per port in threads; per connection prints "SNI <name>",
"REUSED <bool>", "VERSION <v>", "ALPN <p>", "PEERCERT <cn>" then runs --mode:
  echo     echo until close_notify, then answer it (unwrap) and close
  tickets  echo, as echo (TLS 1.3 servers send tickets after the handshake anyway)
  truncate send --payload bytes, then close the TCP connection without close_notify
  notify   send --payload bytes, then close_notify (unwrap) and close
  unwrap   read a line "UNWRAP\n", unwrap, then echo plain bytes once
client: connects to --port, sends --payload, reads it back, prints "ECHO OK" or "ECHO BAD",
  "VERSION", then unwrap and close.
"""
import argparse
import socket
import ssl
import sys
import threading


def p(*a):
    print(*a, flush=True)


def server(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    if args.tls == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif args.tls == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    if args.ca:
        ctx.load_verify_locations(args.ca)
        ctx.verify_mode = ssl.CERT_REQUIRED
    if args.alpn:
        ctx.set_alpn_protocols(args.alpn.split(","))

    def sni(sock, name, c):
        p("SNI", name)
    ctx.sni_callback = sni
    fam = socket.AF_INET6 if args.family == "6" else socket.AF_INET
    host = "::1" if args.family == "6" else "127.0.0.1"
    listeners = []
    for _ in range(args.ports):
        ls = socket.socket(fam, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((host, 0))
        ls.listen(8)
        listeners.append(ls)
    for ls in listeners:
        p("PORT", ls.getsockname()[1])

    def serve(ls):
        while True:
            raw, _ = ls.accept()
            try:
                conn = ctx.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError) as e:
                p("HANDSHAKE-FAILED", type(e).__name__, e)
                raw.close()
                continue
            try:
                p("REUSED", conn.session_reused)
                p("VERSION", conn.version())
                p("ALPN", conn.selected_alpn_protocol())
                pc = conn.getpeercert()
                if pc:
                    p("PEERCERT", dict(x[0] for x in pc["subject"])["commonName"])
                handle(conn, args)
            except (ssl.SSLError, OSError) as e:
                p("CONN-ERROR", type(e).__name__, e)
            finally:
                try:
                    conn.close()
                except OSError:
                    pass

    for ls in listeners:
        threading.Thread(target=serve, args=(ls,), daemon=True).start()
    sys.stdin.read()  # until the test closes stdin or kills us


def handle(conn, args):
    payload = args.payload.encode()
    if args.mode in ("echo", "tickets"):
        total = 0
        while True:
            data = conn.recv(65536)
            if not data:
                break
            total += len(data)
            conn.sendall(data)
        p("ECHOED", total)
        conn.unwrap()
    elif args.mode == "truncate":
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_RDWR) if False else None
        # close the TCP socket under the SSL object: no close_notify
        raw = socket.socket(fileno=conn.detach())
        raw.close()
    elif args.mode == "notify":
        conn.sendall(payload)
        conn.unwrap()
    elif args.mode == "unwrap":
        buf = b""
        while not buf.endswith(b"\n"):
            d = conn.recv(1)
            if not d:
                return
            buf += d
        raw = conn.unwrap()
        data = raw.recv(100)
        raw.sendall(b"plain:" + data)
        p("PLAIN", data.decode())
        raw.close()


def client(args):
    ctx = ssl.create_default_context(cafile=args.ca)
    if args.tls == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif args.tls == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    fam = socket.AF_INET6 if args.family == "6" else socket.AF_INET
    host = "::1" if args.family == "6" else "127.0.0.1"
    raw = socket.create_connection((host, args.port), timeout=10)
    try:
        conn = ctx.wrap_socket(raw, server_hostname=args.host)
    except ssl.SSLCertVerificationError as e:
        p("VERIFY-FAILED", e.verify_message)
        return
    except (ssl.SSLError, OSError) as e:
        p("HANDSHAKE-FAILED", type(e).__name__, e)
        return
    p("VERSION", conn.version())
    payload = args.payload.encode()
    conn.sendall(payload)
    got = b""
    while len(got) < len(payload):
        d = conn.recv(65536)
        if not d:
            break
        got += d
    p("ECHO", "OK" if got == payload else "BAD %r" % got)
    try:
        conn.unwrap()
    except (ssl.SSLError, OSError) as e:
        p("UNWRAP-FAILED", type(e).__name__, e)
    conn.close()
    p("DONE")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("role")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--ca")
    ap.add_argument("--tls", default="any")
    ap.add_argument("--family", default="4")
    ap.add_argument("--ports", type=int, default=1)
    ap.add_argument("--mode", default="echo")
    ap.add_argument("--payload", default="hello")
    ap.add_argument("--alpn")
    ap.add_argument("--port", type=int)
    ap.add_argument("--host")
    a = ap.parse_args()
    server(a) if a.role == "server" else client(a)
