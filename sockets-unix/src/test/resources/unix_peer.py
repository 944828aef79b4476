# The Python side of PythonInteropTest: Python's own socket module, stdlib only.
# Usage: unix_peer.py MODE ADDRESS [EXTRA]; an ADDRESS starting with '@' is an abstract name.
import os
import socket
import sys

mode = sys.argv[1]
addr = sys.argv[2]
if addr.startswith('@'):
    addr = '\0' + addr[1:]
extra = sys.argv[3] if len(sys.argv) > 3 else None


def out(*parts):
    print(*parts, flush=True)


def show(a):
    # Python gives a str for a path, bytes for an abstract name, '' or None when unnamed.
    if isinstance(a, bytes):
        return '@' + a[1:].decode() if a.startswith(b'\0') else a.decode()
    return a if a else '(unnamed)'


def listener(kind):
    s = socket.socket(socket.AF_UNIX, kind)
    s.settimeout(30)
    s.bind(addr)
    s.listen(1)
    out('READY')
    c, _ = s.accept()
    c.settimeout(30)
    return s, c


if mode == 'stream-echo-server':
    s, c = listener(socket.SOCK_STREAM)
    data = c.recv(1024)
    c.sendall(b'echo:' + data)
    c.close()
    s.close()
elif mode == 'stream-client':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(addr)
    out('PID', os.getpid())
    s.sendall(b'hello from python')
    out('GOT', s.recv(1024).decode())
    s.close()
elif mode == 'dgram-echo-server':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.settimeout(30)
    s.bind(addr)
    out('READY')
    data, frm = s.recvfrom(1024)
    out('FROM', show(frm))
    s.sendto(b'echo:' + data, frm)
    s.close()
elif mode == 'dgram-client':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.settimeout(30)
    s.bind(extra)
    s.sendto(b'hello dgram from python', addr)
    data, frm = s.recvfrom(1024)
    out('GOT', data.decode(), 'FROM', show(frm))
    s.close()
    os.unlink(extra)
elif mode == 'seqpacket-echo-server':
    s, c = listener(socket.SOCK_SEQPACKET)
    for _ in range(2):
        m = c.recv(1024)
        c.send(b'echo:' + m)
    c.close()
    s.close()
elif mode == 'seqpacket-client':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(30)
    s.connect(addr)
    s.send(b'one')
    s.send(b'two')
    out('GOT', s.recv(1024).decode(), s.recv(1024).decode())
    s.close()
elif mode == 'send-fds':
    # Connects and sends an open file (EXTRA) with one byte, as socket.send_fds does.
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(addr)
    fd = os.open(extra, os.O_RDONLY)
    socket.send_fds(s, [b'F'], [fd])
    os.close(fd)
    out('SENT')
    s.recv(1)  # wait until the receiver is done
    s.close()
elif mode == 'recv-fds-server':
    s, c = listener(socket.SOCK_STREAM)
    msg, fds, flags, _ = socket.recv_fds(c, 100, 4)
    out('MSG', msg.decode(), 'NFDS', len(fds))
    os.lseek(fds[0], 0, os.SEEK_SET)
    out('CONTENT', os.read(fds[0], 1000).decode())
    for fd in fds:
        os.close(fd)
    c.close()
    s.close()
elif mode == 'connect-only':
    # For the permission test: prints OK or the error's class name.
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    try:
        s.connect(addr)
        out('CONNECTED')
    except OSError as e:
        out('ERROR', type(e).__name__, e.errno)
    s.close()
else:
    out('unknown mode', mode)
    sys.exit(2)
