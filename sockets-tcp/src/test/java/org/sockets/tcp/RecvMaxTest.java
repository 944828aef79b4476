package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #10, item 2: {@code recv(max)} accepts any {@code max} and costs what it receives. Before,
 * it allocated {@code max} bytes per call: {@code recv(Integer.MAX_VALUE)} threw OutOfMemoryError.
 */
@ExtendWith(NoDescriptorLeaks.class)
class RecvMaxTest {

    @ParameterizedTest
    @ValueSource(ints = {1 << 16, 16 << 20, Integer.MAX_VALUE - 8, Integer.MAX_VALUE})
    void recvOfAnyMaxReturnsExactlyTheBytesThere(int max) throws IOException {
        try (Loopback.Pair p = Loopback.pair()) {
            p.server().timeout(Duration.ofSeconds(10));
            // Many rounds: a reused buffer must not carry one message's bytes into the next.
            for (int i = 0; i < 50; i++) {
                byte[] msg = (i + ":" + "x".repeat(i)).getBytes(StandardCharsets.US_ASCII);
                p.client().sendAll(msg);
                assertArrayEquals(msg, readExactly(p, msg.length, max), "round " + i);
            }
        }
    }

    @Test
    void recvFromOfHugeMaxOnAStreamSaysUnsupportedNotOutOfMemory() throws IOException {
        try (Loopback.Pair p = Loopback.pair()) {
            assertThrows(UnsupportedEndpointOperationException.class, () -> p.server().recvFrom(Integer.MAX_VALUE));
        }
    }

    @Test
    void aLargeRecvReturnsAtMostTheCapAndLosesNothing() throws IOException {
        int total = 1 << 20;
        byte[] sent = new byte[total];
        for (int i = 0; i < total; i++) {
            sent[i] = (byte) (i * 31 + (i >> 8));
        }
        try (Loopback.Pair p = Loopback.pair()) {
            p.server().timeout(Duration.ofSeconds(10));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    p.client().sendAll(sent);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] got = new byte[total];
            int at = 0;
            // Bounded: every call returns at least one byte (or the 10 s timeout fails the test).
            while (at < total) {
                byte[] chunk = p.server().recv(Integer.MAX_VALUE);
                assertTrue(chunk.length >= 1 && chunk.length <= 65_536, "chunk of " + chunk.length);
                System.arraycopy(chunk, 0, got, at, chunk.length);
                at += chunk.length;
            }
            assertArrayEquals(sent, got);
            assertTrue(joined(writer), "writer finished");
        }
    }

    @Test
    void maxBelowOneIsRefusedWithTheValue() throws IOException {
        try (Loopback.Pair p = Loopback.pair()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.server().recv(0));
            assertTrue(e.getMessage().contains("0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.server().recvFrom(-5));
            assertTrue(e.getMessage().contains("-5"), e.getMessage());
        }
    }

    private static byte[] readExactly(Loopback.Pair p, int n, int max) throws IOException {
        byte[] out = new byte[n];
        int at = 0;
        while (at < n) {
            byte[] b = p.server().recv(max);
            assertTrue(b.length > 0, "end of stream after " + at + " bytes");
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    private static boolean joined(Thread t) {
        try {
            return t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
