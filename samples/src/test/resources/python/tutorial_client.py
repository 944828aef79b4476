# The classic tutorial client, stdlib only: connect, print our own address, receive 1024 bytes,
# print them (repr, so CR/LF are visible).
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(20)
s.connect((sys.argv[1], int(sys.argv[2])))
print('LOCAL', s.getsockname(), flush=True)
print('RECV', repr(s.recv(1024)), flush=True)
s.close()
