package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Datagram;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.EndpointPair;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #10, item 2, on Unix-domain endpoints: {@code recv(max)} / {@code recvFrom(max)} accept any
 * {@code max} and cost what they receive, messages longer than 64 KiB still arrive whole (or cut
 * exactly at {@code max}, and said so), and the endpoint's native receive buffer stays capped
 * instead of growing to the largest buffer ever passed (it grew to 16 MiB after one
 * {@code recv} into a 16 MiB heap buffer). The native buffers are arena memory, which the JDK counts
 * in the "direct" buffer pool: that pool's size is the observable.
 */
@ExtendWith(NoDescriptorLeaks.class)
class RecvMaxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long SLACK = 2L << 20;

    @BeforeAll
    static void startThePoller() throws IOException {
        // The process-wide epoll descriptor opens on first use and stays: not a per-test leak.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void hugeMaxReturnsExactlyTheMessage(SocketType type) throws IOException {
        try (EndpointPair p = UnixEndpoint.pair(type)) {
            p.second().timeout(WAIT);
            for (int i = 0; i < 20; i++) {
                p.first().sendAll(bytes(10 + i, i));
                assertArrayEquals(bytes(10 + i, i), p.second().recv(Integer.MAX_VALUE), "recv, round " + i);
            }
            if (type != SocketType.STREAM) {
                p.first().sendAll(bytes(10, 7));
                Datagram d = p.second().recvFrom(Integer.MAX_VALUE);
                assertArrayEquals(bytes(10, 7), d.data());
                assertFalse(d.truncated());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void aMessageLongerThanTheCapArrivesWholeOrCutAtMax(SocketType type) throws IOException {
        int len = 150_000;
        byte[] big = bytes(len, 5);
        try (EndpointPair p = UnixEndpoint.pair(type)) {
            p.first().option(Options.SO_SNDBUF, 1 << 20);
            p.second().timeout(WAIT);
            for (int max : new int[] {len, 16 << 20, Integer.MAX_VALUE}) {
                p.first().sendAll(big);
                Datagram d = p.second().recvFrom(max);
                assertFalse(d.truncated(), "max " + max);
                assertArrayEquals(big, d.data(), "max " + max);
                p.first().sendAll(big);
                assertArrayEquals(big, p.second().recv(max), "recv, max " + max);
                p.first().sendAll(big);
                ByteBuffer heap = ByteBuffer.allocate(Math.min(max, 1 << 20));
                assertEquals(len, p.second().recv(heap), "recv into a heap buffer");
                assertArrayEquals(big, Arrays.copyOf(heap.array(), len));
            }
            for (int max : new int[] {1000, 65_536, 100_000}) {
                p.first().sendAll(big);
                Datagram d = p.second().recvFrom(max);
                assertTrue(d.truncated(), "max " + max);
                assertEquals(len, d.originalLength());
                assertArrayEquals(Arrays.copyOf(big, max), d.data());
                p.first().sendAll(big);
                var e = assertThrows(DatagramTruncatedException.class, () -> p.second().recv(max));
                assertEquals(len, e.datagram().originalLength());
                assertArrayEquals(Arrays.copyOf(big, max), e.datagram().data());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void theNativeReceiveBufferStaysCappedAfterHugeReceives(SocketType type) throws IOException {
        try (EndpointPair p = UnixEndpoint.pair(type)) {
            p.second().timeout(WAIT);
            // Warm up: the first receives make the endpoint's small native buffers and the API's
            // pooled ones; what follows must not add a buffer the size of what was asked.
            p.first().sendAll(bytes(10, 1));
            p.second().recv(65_536);
            ByteBuffer heap = ByteBuffer.allocate(16 << 20);
            // Each receive's own growth: an earlier test's buffers, freed by the collector at any
            // time, would blur a difference taken over the whole loop.
            long grown = 0;
            for (int i = 0; i < 3; i++) {
                p.first().sendAll(bytes(10, i));
                long before = directBytes();
                assertEquals(10, p.second().recv(heap.clear()));
                grown = Math.max(grown, directBytes() - before);
                p.first().sendAll(bytes(10, i));
                before = directBytes();
                assertArrayEquals(bytes(10, i), p.second().recv(64 << 20));
                grown = Math.max(grown, directBytes() - before);
                if (type != SocketType.STREAM) {
                    p.first().sendAll(bytes(10, i));
                    before = directBytes();
                    assertEquals(10, p.second().recvFrom(heap.clear()).length());
                    grown = Math.max(grown, directBytes() - before);
                }
            }
            assertTrue(grown < SLACK, "native memory grew by " + grown + " bytes in one receive into a 16 MiB heap buffer or of recv(64 MiB)");
        }
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }
}
