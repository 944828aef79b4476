"""Python's own XML-RPC server for sockets-xmlrpc's tests.

Usage: xmlrpc_server.py tcp | unix PATH | tls CERT KEY
Prints "READY <port or path>" once listening, then serves until killed.
allow_none=True and use_builtin_types=True (bytes and datetime, not Binary and DateTime), and
system.multicall registered.
"""
import datetime
import socket
import ssl
import sys
from xmlrpc.client import Fault
from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer


class UnixRequestHandler(SimpleXMLRPCRequestHandler):
    # TCP_NODELAY does not exist on a Unix socket.
    disable_nagle_algorithm = False


class UnixXMLRPCServer(SimpleXMLRPCServer):
    address_family = socket.AF_UNIX


def kind(v):
    """The Python type the server decoded, all the way down: proof of what our client sent."""
    if isinstance(v, dict):
        return {k: kind(x) for k, x in v.items()}
    if isinstance(v, list):
        return [kind(x) for x in v]
    return type(v).__name__


def inspect(*args):
    return [[kind(a), repr(a)] for a in args]


def echo(x):
    return x


def samples():
    """One value of every type, as Python's own marshaller writes it."""
    return {
        "int": 2147483647,
        "negative": -2147483648,
        "true": True,
        "false": False,
        "string": "a<b>&c \u00e9\u4e2d\U0001F600",
        "empty": "",
        "double": 0.1,
        "big": 1e300,
        "tiny": 5e-324,
        "nan": float("nan"),
        "inf": float("inf"),
        "when": datetime.datetime(2026, 12, 6, 18, 5, 9),
        "bytes": bytes(range(256)),
        "list": [1, "two", [3.0]],
        "tuple": (1, 2),
        "dict": {"nested": {"k": None}},
        "none": None,
    }


def fail(code, message):
    raise Fault(code, message)


def divide(a, b):
    return a / b


def big():
    return 2 ** 40


def add(a, b):
    return a + b


def main():
    mode = sys.argv[1]
    common = dict(logRequests=False, allow_none=True, use_builtin_types=True)
    if mode == "unix":
        server = UnixXMLRPCServer(sys.argv[2], requestHandler=UnixRequestHandler, **common)
        where = sys.argv[2]
    else:
        server = SimpleXMLRPCServer(("127.0.0.1", 0), **common)
        if mode == "tls":
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(sys.argv[2], sys.argv[3])
            server.socket = ctx.wrap_socket(server.socket, server_side=True)
        where = str(server.server_address[1])
    server.register_multicall_functions()
    server.register_introspection_functions()
    for f in (inspect, echo, samples, fail, divide, big, add):
        server.register_function(f)
    print("READY " + where, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
