# The classic tutorial server, stdlib only. Binds port 0 and prints "PORT n" first, so the test
# knows where to connect without racing for a port; serves COUNT connections, then exits.
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
s.listen(5)
print('PORT', s.getsockname()[1], flush=True)
for _ in range(count):
    c, addr = s.accept()
    print('Got connection from', addr, flush=True)
    c.send(b'Thank you for connecting\r\n')
    c.close()
s.close()
