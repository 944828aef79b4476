package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.PeerCredentials;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.unix.BindOptions;
import org.sockets.unix.Descriptor;
import org.sockets.unix.FdMessage;
import org.sockets.unix.UnixEndpoint;

/**
 * Unix-domain samples (they need {@code --enable-native-access=org.sockets.unix}, which
 * {@code bin/sample} passes). Each runs a server and a client in one process by default
 * ({@code --role demo}); {@code --role server} and {@code --role client} run one side, so the
 * other can be Python:
 *
 * <pre>
 * bin/sample unix-echo --role server --path /tmp/echo.sock &amp;
 * python3 -c "import socket; s=socket.socket(socket.AF_UNIX); s.connect('/tmp/echo.sock'); s.sendall(b'hi'); print(s.recv(99))"
 * </pre>
 */
public final class UnixSamples {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private UnixSamples() {
    }

    /** A server that serves {@code count} connections, then returns. */
    private interface Serve {
        void serve(Endpoint server, int count, PrintStream out) throws IOException;
    }

    /** A client. */
    private interface Client {
        void run(Address address, PrintStream out) throws IOException;
    }

    private static void run(Args a, Address address, Serve serve, Client client, PrintStream out) throws Exception {
        String role = a.get("role", "demo");
        switch (role) {
            case "server" -> {
                try (UnixEndpoint server = UnixEndpoint.open(SocketType.STREAM)) {
                    // Restartable: a file left by a killed server is replaced (a live one is not),
                    // and Ctrl-C closes the server, which removes its file.
                    server.bind(address, BindOptions.defaults().withStale(BindOptions.StaleFile.REPLACE)).listen(5);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "close-on-exit"));
                    out.println("Listening on " + server.localAddress());
                    out.flush();
                    serve.serve(server, a.getInt("count", -1), out);
                }
            }
            case "client" -> client.run(address, out);
            case "demo" -> {
                try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                    server.bind(address).listen(5).timeout(WAIT);
                    out.println("server: listening on " + server.localAddress());
                    CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                        try {
                            serve.serve(server, 1, out);
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }, r -> Thread.ofVirtual().start(r));
                    client.run(address, out);
                    served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            }
            default -> throw new IllegalArgumentException("--role is server, client or demo, not " + role);
        }
        out.flush();
    }

    // ---------------------------------------------------------------- echo

    private static void echoServe(Endpoint server, int count, PrintStream out) throws IOException {
        for (int served = 0; count < 0 || served < count; served++) {
            try (Endpoint conn = server.accept()) {
                conn.timeout(WAIT);
                byte[] got = conn.recv(1024);
                if (got.length == 0) {
                    continue; // closed without a word (another server's stale-file probe does this)
                }
                out.println("server: echoing " + new String(got, StandardCharsets.UTF_8));
                out.flush();
                conn.sendAll(got);
            } catch (IOException e) {
                if (!server.isOpen()) {
                    throw e;
                }
                out.println("server: a client failed (" + e.getMessage() + "); serving the next");
                out.flush();
            }
        }
    }

    private static Client echoClient(String message) {
        return (address, out) -> {
            try (Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                c.timeout(WAIT).connect(address);
                c.sendAll(message.getBytes(StandardCharsets.UTF_8));
                out.println("client: got back " + new String(c.recv(1024), StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * Echo over a socket file: {@code bin/sample unix-echo [--path /tmp/sockets-echo.sock]
     * [--role demo|server|client] [--message text] [--count N]}. The server removes its socket
     * file when it closes.
     *
     * @param args the options
     * @throws Exception if anything fails
     */
    public static void echo(String[] args) throws Exception {
        echo(args, System.out);
    }

    static void echo(String[] args, PrintStream out) throws Exception {
        Args a = new Args(args, "unix-echo [--path P] [--role demo|server|client] [--message M] [--count N]");
        Address address = Address.unix(Path.of(a.get("path", "/tmp/sockets-echo-" + ProcessHandle.current().pid() + ".sock")));
        run(a, address, UnixSamples::echoServe, echoClient(a.get("message", "hello over a Unix socket file")), out);
    }

    /**
     * Echo over a Linux abstract name (no file; any local process may connect):
     * {@code bin/sample unix-abstract [--name sockets-echo] [--role ...]}. Python spells the
     * address {@code '\0sockets-echo'}.
     *
     * @param args the options
     * @throws Exception if anything fails
     */
    public static void abstractEcho(String[] args) throws Exception {
        abstractEcho(args, System.out);
    }

    static void abstractEcho(String[] args, PrintStream out) throws Exception {
        Args a = new Args(args, "unix-abstract [--name N] [--role demo|server|client] [--message M] [--count N]");
        Address address = Address.abstractName(a.get("name", "sockets-echo-" + ProcessHandle.current().pid()));
        run(a, address, UnixSamples::echoServe, echoClient(a.get("message", "hello over an abstract name")), out);
    }

    // ---------------------------------------------------------------- credentials

    /**
     * The server tells each client who it is, from the kernel's record of the connecting process
     * (SO_PEERCRED): {@code bin/sample unix-credentials [--name N] [--role ...]}.
     *
     * @param args the options
     * @throws Exception if anything fails
     */
    public static void credentials(String[] args) throws Exception {
        credentials(args, System.out);
    }

    static void credentials(String[] args, PrintStream out) throws Exception {
        Args a = new Args(args, "unix-credentials [--name N] [--role demo|server|client] [--count N]");
        Address address = Address.abstractName(a.get("name", "sockets-credentials-" + ProcessHandle.current().pid()));
        run(a, address, (server, count, o) -> {
            for (int served = 0; count < 0 || served < count; served++) {
                try (Endpoint conn = server.accept()) {
                    PeerCredentials who = conn.option(Options.SO_PEERCRED);
                    String text = "you are pid " + who.pid() + ", uid " + who.uid() + ", gid " + who.gid();
                    o.println("server: " + text);
                    o.flush();
                    conn.sendAll(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }, (addr, o) -> {
            try (Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                c.timeout(WAIT).connect(addr);
                o.println("client: I am pid " + ProcessHandle.current().pid() + "; the server says: "
                        + new String(c.recv(1024), StandardCharsets.UTF_8));
            }
        }, out);
    }

    // ---------------------------------------------------------------- descriptor passing

    /**
     * The client opens a file and passes the open descriptor (SCM_RIGHTS, Python's
     * {@code send_fds}); the server reads the file through it:
     * {@code bin/sample unix-pass-file [--file /etc/hostname] [--path P] [--role ...]}.
     *
     * @param args the options
     * @throws Exception if anything fails
     */
    public static void passFile(String[] args) throws Exception {
        passFile(args, System.out);
    }

    static void passFile(String[] args, PrintStream out) throws Exception {
        Args a = new Args(args, "unix-pass-file [--file F] [--path P] [--role demo|server|client] [--count N]");
        Path file = Path.of(a.get("file", "/etc/hostname"));
        Address address = Address.unix(Path.of(a.get("path", "/tmp/sockets-pass-" + ProcessHandle.current().pid() + ".sock")));
        run(a, address, (server, count, o) -> {
            for (int served = 0; count < 0 || served < count; served++) {
                try (UnixEndpoint conn = UnixEndpoint.of(server.accept())) {
                    conn.timeout(WAIT);
                    FdMessage m = conn.recvFds(ByteBuffer.allocate(256), 4);
                    if (m.descriptors().isEmpty()) {
                        o.println("server: a message without a descriptor");
                        continue;
                    }
                    for (Descriptor d : m.descriptors()) {
                        try (d; FileChannel ch = d.openChannel()) {
                            ByteBuffer content = ByteBuffer.allocate(4096);
                            ch.read(content);
                            o.println("server: received descriptor " + d.number() + " for " + d.target() + "; it reads: "
                                    + new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip());
                        }
                    }
                    o.flush();
                    conn.sendAll(new byte[] {1});
                }
            }
        }, (addr, o) -> {
            try (UnixEndpoint c = UnixEndpoint.open(SocketType.STREAM);
                 Descriptor d = Descriptor.open(file)) {
                c.timeout(WAIT).connect(addr);
                c.sendFds(ByteBuffer.wrap(file.toString().getBytes(StandardCharsets.UTF_8)), List.of(d));
                o.println("client: passed descriptor " + d.number() + " for " + file);
                c.recv(1);
            }
        }, out);
    }
}
