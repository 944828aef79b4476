"""Python's ssl echo pair, the oracle for the tls-echo samples.

server CERT KEY (--port P | --unix PATH) : serves one client: echoes until close_notify, answers it.
client CA HOST (--port P | --unix PATH) MESSAGE : sends MESSAGE, prints "Received <echo> over <version>".
"""
import socket
import ssl
import sys


def listen(args):
    if args[0] == "--unix":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(args[1])
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", int(args[1])))
    s.listen(1)
    return s


def connect(args):
    if args[0] == "--unix":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(args[1])
        return s
    return socket.create_connection(("127.0.0.1", int(args[1])), timeout=10)


def main():
    role = sys.argv[1]
    if role == "server":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[2], sys.argv[3])
        ls = listen(sys.argv[4:6])
        print("LISTENING", ls.getsockname(), flush=True)
        raw, _ = ls.accept()
        conn = ctx.wrap_socket(raw, server_side=True)
        total = 0
        while True:
            data = conn.recv(65536)
            if not data:
                break
            total += len(data)
            conn.sendall(data)
        conn.unwrap().close()
        print("Echoed", total, "bytes over", conn.version(), flush=True)
    else:
        ctx = ssl.create_default_context(cafile=sys.argv[2])
        raw = connect(sys.argv[4:6])
        conn = ctx.wrap_socket(raw, server_hostname=sys.argv[3])
        msg = sys.argv[6].encode()
        conn.sendall(msg)
        got = b""
        while len(got) < len(msg):
            d = conn.recv(65536)
            if not d:
                break
            got += d
        version = conn.version()
        conn.unwrap().close()
        print("Received", got.decode(), "over", version, flush=True)


main()
