package org.sockets.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sockets.api.Endpoint;
import org.sockets.bench.baseline.RawUnixServers;
import org.sockets.bench.servers.JunixsocketServers;
import org.sockets.bench.servers.SocketsUnixServers;

/**
 * What a virtual-thread-per-connection Unix server does when as many clients as there are carrier
 * threads connect and send nothing: does the next client still get its echo? One line of JSON per
 * server ({@code raw}: the JDK's channel, {@code sockets}: sockets-unix, {@code junixsocket}), in
 * one JVM with the default scheduler (as many carriers as CPUs).
 *
 * <p>Why: pinned, junixsocket's virtual-thread ping-pong is about twice ours and the JDK's,
 * because its carrier makes the blocking {@code recv(2)} itself (the virtual thread is pinned in
 * JNI) where the JDK and sockets-unix park the virtual thread and let a poller wake it. This
 * measures what that costs a server: with every carrier held by an idle client, nobody else is
 * served. Each probe is bounded (2 s for the echo); the idle clients are closed after it, which
 * frees any carrier they held.
 *
 * <p>Run by {@code bin/bench unix}; by hand: {@code java -cp benchmarks.jar org.sockets.bench.CarrierStarvation}.
 */
public final class CarrierStarvation {

    private static final long PROBE_MILLIS = 2_000;

    private CarrierStarvation() {
    }

    /**
     * Probes each server in turn.
     *
     * @param args ignored
     * @throws Exception on a set-up failure
     */
    public static void main(String[] args) throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        for (String server : new String[] {"raw", "sockets", "junixsocket"}) {
            Path dir = Files.createTempDirectory("starve");
            Path path = dir.resolve("s.sock");
            try {
                System.out.println(probe(server, path, carriers));
            } finally {
                Files.deleteIfExists(path);
                Files.deleteIfExists(dir);
            }
        }
    }

    /** A server handing each accepted connection to a new virtual thread that echoes. */
    private interface Listener extends AutoCloseable {
        void serveOne() throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Listener listen(String server, Path path) throws IOException {
        return switch (server) {
            case "raw", "junixsocket" -> {
                ServerSocketChannel ssc = server.equals("raw") ? RawUnixServers.listen(path) : JunixsocketServers.listen(path);
                yield new Listener() {
                    @Override
                    public void serveOne() throws IOException {
                        SocketChannel sc = ssc.accept();
                        Thread.ofVirtual().start(() -> {
                            try (SocketChannel c = sc) {
                                ByteBuffer b = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
                                while (c.read(b.clear()) > 0) {
                                    c.write(b.flip());
                                }
                            } catch (IOException ignored) {
                                // the client went away
                            }
                        });
                    }

                    @Override
                    public void close() throws IOException {
                        ssc.close();
                    }
                };
            }
            case "sockets" -> {
                Endpoint server0 = SocketsUnixServers.listen(path);
                yield new Listener() {
                    @Override
                    public void serveOne() throws IOException {
                        Endpoint conn = server0.accept();
                        Thread.ofVirtual().start(() -> {
                            try (Endpoint c = conn) {
                                ByteBuffer b = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
                                while (c.recv(b.clear()) > 0) {
                                    c.sendAll(b.flip());
                                }
                            } catch (IOException ignored) {
                                // the client went away
                            }
                        });
                    }

                    @Override
                    public void close() throws IOException {
                        server0.close();
                    }
                };
            }
            default -> throw new IllegalArgumentException(server);
        };
    }

    private static String probe(String server, Path path, int carriers) throws Exception {
        List<SocketChannel> idle = new ArrayList<>();
        try (Listener listener = listen(server, path)) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int i = 0; i <= carriers; i++) { // bounded: the idle clients and the probe
                        listener.serveOne();
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            for (int i = 0; i < carriers; i++) {
                idle.add(SocketChannel.open(address));
            }
            Thread.sleep(300); // their virtual threads reach their first recv
            long t0 = System.nanoTime();
            CompletableFuture<Boolean> echoed = new CompletableFuture<>();
            SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX);
            Thread.ofPlatform().daemon().start(() -> {
                try (SocketChannel c = probe) {
                    c.connect(address);
                    c.write(ByteBuffer.wrap(new byte[Patterns.PING_SIZE]));
                    ByteBuffer back = ByteBuffer.allocate(Patterns.PING_SIZE);
                    while (back.hasRemaining() && c.read(back) > 0) {
                        // reads until the echo is whole or the stream ends
                    }
                    echoed.complete(!back.hasRemaining());
                } catch (IOException e) {
                    echoed.complete(false);
                }
            });
            boolean answered;
            try {
                answered = echoed.get(PROBE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answered = false;
            } catch (ExecutionException e) {
                answered = false;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            probe.close();
            for (SocketChannel c : idle) {
                c.close();
            }
            acceptor.join(PROBE_MILLIS);
            return String.format(Locale.ROOT,
                    "{\"server\": \"%s\", \"carriers\": %d, \"idle_clients\": %d, \"answered\": %s, \"ms\": %.1f, \"limit_ms\": %d}",
                    server, carriers, carriers, answered, answered ? ms : PROBE_MILLIS * 1.0, PROBE_MILLIS);
        } finally {
            for (SocketChannel c : idle) {
                c.close();
            }
        }
    }
}
