package org.sockets.bench.servers;

import java.nio.channels.ServerSocketChannel;
import org.sockets.api.Endpoint;
import org.sockets.bench.baseline.RawNioServers;

/**
 * The Java server process a benchmark trial talks to: {@code BenchServer IMPL PATTERN}, with IMPL
 * {@code raw}, {@code sockets} or {@code netty} and PATTERN {@code bulk}, {@code pingpong},
 * {@code accept} or {@code accept-concurrent} (TCP), {@code udp} / {@code udp-heap} (a UDP receiver;
 * the heap variant is ours only; an optional third argument is the SO_RCVBUF to request, 0 = the default), {@code unix-bulk}, {@code unix-pingpong}, {@code unix-pingpong-vt} (Unix STREAM; -vt: a virtual thread per connection) or
 * {@code unix-dgram} (ours; IMPL {@code junixsocket} serves the four Unix patterns too), or, with IMPL {@code jdk} or {@code sockets}, {@code tls-bulk},
 * {@code tls-pingpong} or {@code tls-handshake} followed by the key files ({@link TlsServers}). It prints {@code PORT n} once listening on 127.0.0.1 (or
 * {@code PATH p} for a Unix socket file, in a fresh temporary directory) and serves until it is killed, until its standard input ends (the parent that
 * started it has gone: no orphan keeps serving), or for at most {@link #MAX_LIFETIME}. Every
 * server runs in its own process, so the one client (the JMH benchmark) drives Java and Python
 * servers alike.
 */
public final class BenchServer {

    /** The longest a server lives: far beyond one trial, short enough that nothing lingers. */
    static final java.time.Duration MAX_LIFETIME = java.time.Duration.ofMinutes(10);

    private BenchServer() {
    }

    /**
     * Ends the process when the parent's pipe closes or the lifetime is over, whichever first.
     * {@code System.exit}, not {@code halt}: {@code Process.destroy} closes the pipe right after its
     * SIGTERM, and the shutdown hooks (a JFR recording's dump) must still run.
     */
    private static void exitWithParent() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; only end of input matters
                }
            } catch (java.io.IOException ignored) {
                // a broken pipe is the parent gone as well
            }
            System.exit(0);
        });
        Thread.ofPlatform().daemon().name("lifetime").start(() -> {
            try {
                Thread.sleep(MAX_LIFETIME);
            } catch (InterruptedException ignored) {
                // exit now either way
            }
            System.exit(2);
        });
    }

    /**
     * Runs one server.
     *
     * @param args IMPL PATTERN
     * @throws Exception when the server cannot start or fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[1].startsWith("tls-")) {
            // TLS (issue #12): IMPL tls-PATTERN PKCS12 CHAIN_PEM KEY_PEM (the PEM files are Python's)
            exitWithParent();
            TlsServers.run(args[0], args[1], java.nio.file.Path.of(args[2]), BenchServer::announce);
            return;
        }
        if (args.length != 2 && !(args.length == 3 && args[1].startsWith("udp"))) {
            throw new IllegalArgumentException("usage: BenchServer raw|sockets|netty|junixsocket bulk|pingpong|accept|accept-concurrent|udp|udp-heap|unix-bulk|unix-pingpong|unix-pingpong-vt|unix-dgram [udp: SO_RCVBUF]");
        }
        exitWithParent();
        String impl = args[0];
        String pattern = args[1];
        String host = "127.0.0.1";
        if (pattern.startsWith("udp") || pattern.startsWith("unix-")) {
            datagramOrUnix(impl, pattern, args.length == 3 ? Integer.parseInt(args[2]) : 0);
            return;
        }
        switch (impl) {
            case "raw" -> {
                ServerSocketChannel ssc = RawNioServers.listen(host);
                announce(ssc.socket().getLocalPort());
                switch (pattern) {
                    case "bulk" -> RawNioServers.bulk(ssc);
                    case "pingpong" -> RawNioServers.pingPong(ssc);
                    case "accept" -> RawNioServers.acceptSequential(ssc);
                    case "accept-concurrent" -> RawNioServers.acceptConcurrent(ssc);
                    default -> throw new IllegalArgumentException("unknown pattern " + pattern);
                }
            }
            case "sockets" -> {
                Endpoint server = SocketsServers.listen(host);
                announce(((org.sockets.api.Address.Ip) server.localAddress()).port());
                switch (pattern) {
                    case "bulk" -> SocketsServers.bulk(server);
                    case "pingpong" -> SocketsServers.pingPong(server);
                    case "accept" -> SocketsServers.acceptSequential(server);
                    case "accept-concurrent" -> SocketsServers.acceptConcurrent(server);
                    default -> throw new IllegalArgumentException("unknown pattern " + pattern);
                }
            }
            case "netty" -> {
                if (!pattern.equals("pingpong")) {
                    throw new IllegalArgumentException("the Netty server is ping-pong only, not " + pattern);
                }
                NettyEchoServer.run(host, BenchServer::announce);
            }
            default -> throw new IllegalArgumentException("unknown server " + impl);
        }
    }

    /** The UDP receivers and the Unix-domain servers. */
    private static void datagramOrUnix(String impl, String pattern, int rcvbuf) throws Exception {
        java.nio.file.Path path = null;
        if (pattern.startsWith("unix-")) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sockets-bench");
            path = dir.resolve("s.sock");
            java.nio.file.Path p = path;
            // Runs on System.exit (stdin EOF, SIGTERM, lifetime); a SIGKILL leaves an empty temp dir.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    java.nio.file.Files.deleteIfExists(p);
                    java.nio.file.Files.deleteIfExists(dir);
                } catch (java.io.IOException ignored) {
                    // best effort
                }
            }));
        }
        switch (impl + " " + pattern) {
            case "raw udp", "raw udp-heap" -> {
                java.nio.channels.DatagramChannel ch = org.sockets.bench.baseline.RawUdpServers.open(rcvbuf);
                System.out.println("RCVBUF " + ch.getOption(java.net.StandardSocketOptions.SO_RCVBUF));
                announce(((java.net.InetSocketAddress) ch.getLocalAddress()).getPort());
                if (pattern.equals("udp")) {
                    org.sockets.bench.baseline.RawUdpServers.receiver(ch);
                } else {
                    org.sockets.bench.baseline.RawUdpServers.heapReceiver(ch);
                }
            }
            case "sockets udp", "sockets udp-heap" -> {
                Endpoint ep = SocketsUdpServers.open(rcvbuf);
                System.out.println("RCVBUF " + ep.option(org.sockets.api.Options.SO_RCVBUF));
                announce(((org.sockets.api.Address.Ip) ep.localAddress()).port());
                SocketsUdpServers.receiver(ep, pattern.equals("udp"));
            }
            case "raw unix-bulk", "raw unix-pingpong", "raw unix-pingpong-vt" -> {
                ServerSocketChannel ssc = org.sockets.bench.baseline.RawUnixServers.listen(path);
                announcePath(path);
                if (pattern.equals("unix-bulk")) {
                    org.sockets.bench.baseline.RawUnixServers.bulk(ssc);
                } else {
                    org.sockets.bench.baseline.RawUnixServers.pingPong(ssc, pattern.endsWith("-vt"));
                }
            }
            case "sockets unix-bulk", "sockets unix-pingpong", "sockets unix-pingpong-vt" -> {
                Endpoint server = SocketsUnixServers.listen(path);
                announcePath(path);
                if (pattern.equals("unix-bulk")) {
                    SocketsUnixServers.bulk(server);
                } else {
                    SocketsUnixServers.pingPong(server, pattern.endsWith("-vt"));
                }
            }
            case "junixsocket unix-bulk", "junixsocket unix-pingpong", "junixsocket unix-pingpong-vt" -> {
                var ssc = JunixsocketServers.listen(path);
                announcePath(path);
                if (pattern.equals("unix-bulk")) {
                    JunixsocketServers.bulk(ssc);
                } else {
                    JunixsocketServers.pingPong(ssc, pattern.endsWith("-vt"));
                }
            }
            case "junixsocket unix-dgram" -> {
                var ch = JunixsocketServers.openDgram(path);
                announcePath(path);
                JunixsocketServers.dgramReceiver(ch);
            }
            case "sockets unix-dgram" -> {
                Endpoint ep = SocketsUnixServers.openDgram(path);
                announcePath(path);
                SocketsUnixServers.dgramReceiver(ep);
            }
            default -> throw new IllegalArgumentException("no server " + impl + " for pattern " + pattern);
        }
    }

    private static void announcePath(java.nio.file.Path path) {
        System.out.println("PATH " + path);
        System.out.flush();
    }

    private static void announce(int port) {
        System.out.println("PORT " + port);
        System.out.flush();
    }
}
