package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sockets.api.EndpointPair;
import org.sockets.api.SocketType;
import org.sockets.unix.UnixEndpoint;

/**
 * The measurement behind docs/decisions/2026-11-26-unix-poller.md: not a test, a program.
 * Ping-pong of 64-byte messages between two virtual threads, and bulk transfer, over
 * <ol>
 *   <li>this module's endpoints (non-blocking descriptors, epoll poller thread);</li>
 *   <li>the alternative design: blocking descriptors, each call handed to a platform-thread pool
 *       while the virtual thread waits on a future;</li>
 *   <li>the JDK's own Unix-domain {@link SocketChannel} (blocking, virtual threads).</li>
 * </ol>
 * Run: {@code java --enable-native-access=ALL-UNNAMED -cp test-classes:classes:api.jar
 * org.sockets.unix.internal.PollerVsPool [rounds] [runs]}.
 */
public final class PollerVsPool {

    private PollerVsPool() {
    }

    /**
     * Runs the measurement, interleaving the three variants.
     *
     * @param args rounds per run, runs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long bulk = 1L << 30;
        for (int run = 1; run <= runs; run++) {
            System.out.printf("run %d: ping-pong 64 B round trips/s: poller %.0f, pool %.0f, jdk %.0f%n", run,
                    pingPongPoller(rounds), pingPongPool(rounds), pingPongJdk(rounds));
            System.out.printf("run %d: bulk 1 GiB, 64 KiB writes, GiB/s: poller %.2f, jdk %.2f%n", run,
                    bulkPoller(bulk), bulkJdk(bulk));
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static double timed(int rounds, Body a, Body b) throws Exception {
        long start = System.nanoTime();
        Thread ta = Thread.ofVirtual().start(() -> {
            try {
                a.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread tb = Thread.ofVirtual().start(() -> {
            try {
                b.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ta.join();
        tb.join();
        return rounds / ((System.nanoTime() - start) / 1e9);
    }

    static double pingPongPoller(int rounds) throws Exception {
        try (EndpointPair p = UnixEndpoint.pair(SocketType.STREAM)) {
            ByteBuffer m = ByteBuffer.allocate(64);
            ByteBuffer r = ByteBuffer.allocate(64);
            ByteBuffer e = ByteBuffer.allocate(64);
            return timed(rounds, () -> {
                for (int i = 0; i < rounds; i++) {
                    m.clear();
                    p.first().sendAll(m);
                    r.clear();
                    while (r.hasRemaining()) {
                        p.first().recv(r);
                    }
                }
            }, () -> {
                for (int i = 0; i < rounds; i++) {
                    e.clear();
                    while (e.hasRemaining()) {
                        p.second().recv(e);
                    }
                    e.flip();
                    p.second().sendAll(e);
                }
            });
        }
    }

    /** Blocking descriptors; every call runs on a pool thread while the virtual thread waits. */
    static double pingPongPool(int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment sv = arena.allocate(ValueLayout.JAVA_INT, 2);
            MemorySegment st0 = Native.captureSegment(arena);
            if (Native.socketpair(st0, Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0, sv) < 0) {
                throw new IOException("socketpair " + Native.errno(st0));
            }
            int a = sv.getAtIndex(ValueLayout.JAVA_INT, 0);
            int b = sv.getAtIndex(ValueLayout.JAVA_INT, 1);
            MemorySegment bufA = arena.allocate(64);
            MemorySegment bufB = arena.allocate(64);
            MemorySegment stA = Native.captureSegment(arena);
            MemorySegment stB = Native.captureSegment(arena);
            try {
                return timed(rounds, () -> {
                    for (int i = 0; i < rounds; i++) {
                        call(pool, () -> Native.sendto(stA, a, bufA, 64, Native.MSG_NOSIGNAL, MemorySegment.NULL, 0));
                        long got = 0;
                        while (got < 64) {
                            long off = got;
                            got += call(pool, () -> Native.recvfrom(stA, a, bufA.asSlice(off), 64 - off, 0, MemorySegment.NULL, MemorySegment.NULL));
                        }
                    }
                }, () -> {
                    for (int i = 0; i < rounds; i++) {
                        long got = 0;
                        while (got < 64) {
                            long off = got;
                            got += call(pool, () -> Native.recvfrom(stB, b, bufB.asSlice(off), 64 - off, 0, MemorySegment.NULL, MemorySegment.NULL));
                        }
                        call(pool, () -> Native.sendto(stB, b, bufB, 64, Native.MSG_NOSIGNAL, MemorySegment.NULL, 0));
                    }
                });
            } finally {
                Native.closeQuietly(a);
                Native.closeQuietly(b);
            }
        } finally {
            pool.shutdown();
        }
    }

    private interface LongCall {
        long call();
    }

    private static long call(ExecutorService pool, LongCall c) throws Exception {
        Future<Long> f = pool.submit(c::call);
        long r = f.get();
        if (r <= 0) {
            throw new IOException("call returned " + r);
        }
        return r;
    }

    static double pingPongJdk(int rounds) throws Exception {
        Path dir = Files.createTempDirectory("pvp");
        Path p = dir.resolve("s");
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(p));
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(p)); SocketChannel s = ss.accept()) {
                ByteBuffer m = ByteBuffer.allocate(64);
                ByteBuffer r = ByteBuffer.allocate(64);
                ByteBuffer e = ByteBuffer.allocate(64);
                return timed(rounds, () -> {
                    for (int i = 0; i < rounds; i++) {
                        m.clear();
                        while (m.hasRemaining()) {
                            c.write(m);
                        }
                        r.clear();
                        while (r.hasRemaining()) {
                            c.read(r);
                        }
                    }
                }, () -> {
                    for (int i = 0; i < rounds; i++) {
                        e.clear();
                        while (e.hasRemaining()) {
                            s.read(e);
                        }
                        e.flip();
                        while (e.hasRemaining()) {
                            s.write(e);
                        }
                    }
                });
            }
        } finally {
            Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        }
    }

    static double bulkPoller(long total) throws Exception {
        try (EndpointPair p = UnixEndpoint.pair(SocketType.STREAM)) {
            ByteBuffer out = ByteBuffer.allocateDirect(65536);
            ByteBuffer in = ByteBuffer.allocateDirect(65536);
            long start = System.nanoTime();
            timed(1, () -> {
                for (long sent = 0; sent < total; sent += 65536) {
                    out.clear();
                    p.first().sendAll(out);
                }
            }, () -> {
                for (long got = 0; got < total; ) {
                    in.clear();
                    got += p.second().recv(in);
                }
            });
            return total / ((System.nanoTime() - start) / 1e9) / (1L << 30);
        }
    }

    static double bulkJdk(long total) throws Exception {
        Path dir = Files.createTempDirectory("pvp");
        Path p = dir.resolve("s");
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(p));
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(p)); SocketChannel s = ss.accept()) {
                ByteBuffer out = ByteBuffer.allocateDirect(65536);
                ByteBuffer in = ByteBuffer.allocateDirect(65536);
                long start = System.nanoTime();
                timed(1, () -> {
                    for (long sent = 0; sent < total; sent += 65536) {
                        out.clear();
                        while (out.hasRemaining()) {
                            c.write(out);
                        }
                    }
                }, () -> {
                    for (long got = 0; got < total; ) {
                        in.clear();
                        got += s.read(in);
                    }
                });
                return total / ((System.nanoTime() - start) / 1e9) / (1L << 30);
            }
        } finally {
            Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        }
    }
}
