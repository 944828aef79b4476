"""Python's own XML-RPC server for the xmlrpc-call sample's test: prints "PORT n", serves until killed."""
from xmlrpc.client import Fault
from xmlrpc.server import SimpleXMLRPCServer


def fail(code, message):
    raise Fault(code, message)


server = SimpleXMLRPCServer(("127.0.0.1", 0), logRequests=False, allow_none=True, use_builtin_types=True)
server.register_function(lambda a, b: a + b, "add")
server.register_function(lambda *args: list(args), "echo")
server.register_function(fail)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
