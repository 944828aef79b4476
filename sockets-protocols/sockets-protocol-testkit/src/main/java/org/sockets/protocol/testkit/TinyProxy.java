package org.sockets.protocol.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sockets.testkit.PeerProcess;

/**
 * tinyproxy (Debian {@code tinyproxy-bin}), an HTTP proxy with {@code CONNECT}, run by a test on
 * a free loopback port from a private folder, optionally requiring Basic authentication
 * ({@code BasicAuth}); stopped by {@link #close()}. Its log ({@link #log()}) shows each request
 * line as the proxy received it, which is how a test proves the absolute form.
 */
public final class TinyProxy implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final PeerProcess process;
    private boolean closed;

    private TinyProxy(Path dir, int port, PeerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts tinyproxy without authentication.
     *
     * @return the running proxy
     * @throws IOException if it does not come up within 20 s
     */
    public static TinyProxy start() throws IOException {
        return start(null, null);
    }

    /**
     * Starts tinyproxy requiring {@code Proxy-Authorization: Basic} for {@code user}.
     *
     * @param user     the user (null: no authentication)
     * @param password the password
     * @return the running proxy
     * @throws IOException if it does not come up within 20 s
     */
    public static TinyProxy start(String user, String password) throws IOException {
        Path binary = Daemons.program("tinyproxy", "/usr/bin/tinyproxy", "tinyproxy (apt-get install tinyproxy-bin)");
        Path dir = Files.createTempDirectory("tinyproxy");
        int port = Daemons.freePort();
        // No ConnectPort line: CONNECT to every port (the origins are on free high ports).
        String conf = """
                Port %2$d
                Listen 127.0.0.1
                Timeout 30
                LogFile "%1$s/tinyproxy.log"
                LogLevel Info
                PidFile "%1$s/tinyproxy.pid"
                MaxClients 64
                Allow 127.0.0.1
                %3$s
                """.formatted(dir, port, user == null ? "" : "BasicAuth " + user + " " + password);
        Files.writeString(dir.resolve("tinyproxy.conf"), conf);
        PeerProcess p = PeerProcess.start(binary.toString(), "-d", "-c", dir.resolve("tinyproxy.conf").toString());
        TinyProxy t = new TinyProxy(dir, port, p);
        try {
            t.awaitListening();
            return t;
        } catch (IOException | RuntimeException | Error e) {
            t.close();
            throw e;
        }
    }

    private void awaitListening() throws IOException {
        Daemons.awaitReady("tinyproxy", process, () -> Daemons.accepts(port), this::log);
    }

    /** {@return the proxy's port on 127.0.0.1} */
    public int port() {
        return port;
    }

    /**
     * What tinyproxy printed and logged, e.g. {@code Request (file descriptor 7): GET http://127.0.0.1:8080/ HTTP/1.1}.
     *
     * @return the lines
     */
    public List<String> log() {
        return Daemons.output(process, dir.resolve("tinyproxy.log"));
    }

    /** Stops the proxy and removes its folder; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Daemons.stop(process, dir);
    }

    @Override
    public String toString() {
        return "TinyProxy[port " + port + ", dir " + dir + "]";
    }
}
