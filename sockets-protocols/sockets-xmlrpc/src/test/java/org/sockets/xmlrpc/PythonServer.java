package org.sockets.xmlrpc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * Python's {@code xmlrpc.server.SimpleXMLRPCServer} ({@code src/test/resources/python/xmlrpc_server.py}:
 * allow_none, built-in types, system.multicall) on a free loopback port, a Unix socket or TLS;
 * killed on close.
 */
final class PythonServer implements AutoCloseable {

    private final PeerProcess process;
    /** The port, or the socket path for {@code unix}. */
    final String where;

    private PythonServer(PeerProcess process, String where) {
        this.process = process;
        this.where = where;
    }

    /**
     * Starts the server.
     *
     * @param mode {@code tcp}, {@code unix PATH} or {@code tls CERT KEY}
     */
    static PythonServer start(String... mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(Peers.program("python3").toString(), script().toString()));
        command.addAll(List.of(mode));
        PeerProcess p = PeerProcess.start(command.toArray(String[]::new));
        try {
            String ready = p.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(20));
            return new PythonServer(p, ready.substring("READY ".length()));
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    static Path script() {
        try {
            return Path.of(PythonServer.class.getResource("/python/xmlrpc_server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the server printed (its tracebacks, if any). */
    List<String> output() {
        return process.seen();
    }

    @Override
    public void close() {
        process.close();
    }
}
