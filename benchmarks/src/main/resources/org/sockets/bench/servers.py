"""The Python servers of the benchmarks: the same patterns as the Java servers, stdlib only.

    python3 servers.py bulk|pingpong|accept|udp [SO_RCVBUF]|unix-dgram
    python3 servers.py tls-bulk|tls-pingpong|tls-handshake PKCS12 CHAIN_PEM KEY_PEM

Prints "PORT n" once listening on 127.0.0.1 and serves until killed, until its standard input
ends (the parent has gone), or for at most 10 minutes. The sizes repeat
org.sockets.bench.Patterns (BULK_CHUNK 64 KiB, BULK_BYTES 2 GiB, PING_SIZE 64, THANK_YOU,
BACKLOG 1024, UDP_BUFFER 64 KiB, COUNT_QUERY 8, COUNT_REPLY 16). Written the way the socket HOWTO and the tutorial write them: blocking sockets,
sendall, recv_into a preallocated buffer (no allocation per call, like the Java direct buffers).
"""
import os
import shutil
import socket
import struct
import sys
import tempfile
import threading

BULK_CHUNK = 64 * 1024
BULK_BYTES = 2 * 1024 * 1024 * 1024
PING_SIZE = 64
THANK_YOU = b"Thank you for connecting"
BACKLOG = 1024
UDP_BUFFER = 64 * 1024
COUNT_QUERY = 8


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(BACKLOG)
    print("PORT", s.getsockname()[1], flush=True)
    return s


def bulk(server):
    # For each one-byte request: send BULK_BYTES, BULK_CHUNK per sendall (the sending side is the
    # busy one on loopback; see RawNioServers.bulk).
    chunk = memoryview(bytearray(BULK_CHUNK))
    writes = BULK_BYTES // BULK_CHUNK
    while True:
        c, _ = server.accept()
        with c:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sendall = c.sendall
            while c.recv(1):
                for _ in range(writes):
                    sendall(chunk)


def pingpong(server):
    buf = bytearray(PING_SIZE)
    view = memoryview(buf)
    while True:
        c, _ = server.accept()
        with c:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            recv_into, sendall = c.recv_into, c.sendall
            closed = False
            while not closed:
                got = 0
                while got < PING_SIZE:
                    n = recv_into(view[got:])
                    if n == 0:
                        closed = True
                        break
                    got += n
                if not closed:
                    sendall(view)


def accept(server):
    # The tutorial's loop: accept, send the thank-you, close.
    while True:
        c, _ = server.accept()
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.sendall(THANK_YOU)
        c.close()


def count_datagrams(s):
    # As RawUdpServers.receiver: count data datagrams; answer an 8-byte query (its sequence
    # number) with the sequence number and the count so far, to the query's sender.
    buf = bytearray(UDP_BUFFER)
    recvfrom_into, sendto, pack = s.recvfrom_into, s.sendto, struct.pack
    count = 0
    while True:
        n, sender = recvfrom_into(buf)
        if n == COUNT_QUERY:
            sendto(pack(">qq", struct.unpack_from(">q", buf)[0], count), sender)
        else:
            count += 1


def udp(rcvbuf):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if rcvbuf > 0:
        # Only in the loss-sensitive configuration: the same request as every Java receiver's.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    print("RCVBUF", s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), flush=True)
    s.bind(("127.0.0.1", 0))
    print("PORT", s.getsockname()[1], flush=True)
    count_datagrams(s)


def unix_dgram(_):
    d = tempfile.mkdtemp(prefix="sockets-bench")
    path = os.path.join(d, "s.sock")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    print("PATH", path, flush=True)
    try:
        count_datagrams(s)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def exit_with_parent():
    def watch():
        while sys.stdin.buffer.read(4096):
            pass  # the parent writes nothing; only end of input matters
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()
    lifetime = threading.Timer(600, lambda: os._exit(2))
    lifetime.daemon = True
    lifetime.start()


TLS_BULK_BYTES = 128 * 1024 * 1024  # Patterns.TLS_BULK_BYTES


def tls(pattern, chain_pem, key_pem):
    # The TLS servers (issue #12), as org.sockets.bench.servers.TlsServers: the same key, TLS 1.3
    # only (the ssl module cannot restrict TLS 1.3 suites; the JDK client offers only
    # TLS_AES_128_GCM_SHA256), TCP_NODELAY, 64 KiB buffers, sequential, a dropped connection skipped.
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(chain_pem, key_pem)
    server = listen()
    chunk = memoryview(bytearray(BULK_CHUNK))
    while True:
        c, _ = server.accept()
        try:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with ctx.wrap_socket(c, server_side=True) as t:
                if pattern == "tls-bulk":
                    request = bytearray(1)
                    while t.recv_into(request, 1):
                        if request[0] == ord("S"):
                            for _ in range(TLS_BULK_BYTES // BULK_CHUNK):
                                t.sendall(chunk)
                        else:
                            got = 0
                            while got < TLS_BULK_BYTES:
                                n = t.recv_into(chunk)
                                if n == 0:
                                    raise EOFError("client closed")
                                got += n
                            t.sendall(request)
                elif pattern == "tls-pingpong":
                    view = memoryview(bytearray(PING_SIZE))
                    closed = False
                    while not closed:
                        got = 0
                        while got < PING_SIZE:
                            n = t.recv_into(view[got:])
                            if n == 0:
                                closed = True
                                break
                            got += n
                        if not closed:
                            t.sendall(view)
                else:  # tls-handshake: the handshake ran in wrap_socket; one byte, then to the end
                    t.sendall(b"\x01")
                    while t.recv_into(chunk):
                        pass
        except (OSError, EOFError) as e:
            print("connection dropped:", e, file=sys.stderr, flush=True)
        finally:
            c.close()


if __name__ == "__main__":
    exit_with_parent()
    pattern = sys.argv[1]
    if pattern.startswith("tls-"):
        # tls-PATTERN PKCS12 CHAIN_PEM KEY_PEM (the PKCS#12 store is the Java servers')
        tls(pattern, sys.argv[3], sys.argv[4])
    elif pattern == "udp":
        udp(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    elif pattern == "unix-dgram":
        unix_dgram(None)
    else:
        {"bulk": bulk, "pingpong": pingpong, "accept": accept}[pattern](listen())
