package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.bound;
import static org.sockets.udp.Udp.bytes;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Datagram;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #10, item 2: {@code recv(max)} / {@code recvFrom(max)} accept any {@code max} and read into
 * a bounded buffer of {@code min(max, 64 KiB)}; truncation is still reported exactly where a buffer
 * of {@code max} would cut. Before, {@code recv(Integer.MAX_VALUE)} threw OutOfMemoryError.
 */
@ExtendWith(NoDescriptorLeaks.class)
class RecvMaxTest {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void hugeMaxReturnsExactlyTheDatagram(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            for (int i = 0; i < 20; i++) {
                a.sendTo(bytes(10 + i, i), b.localAddress());
                assertArrayEquals(bytes(10 + i, i), b.recv(Integer.MAX_VALUE), "recv, round " + i);
                a.sendTo(bytes(20 - i, i), b.localAddress());
                Datagram d = b.recvFrom(Integer.MAX_VALUE);
                assertArrayEquals(bytes(20 - i, i), d.data(), "recvFrom, round " + i);
                assertFalse(d.truncated());
                assertEquals(a.localAddress(), d.sender());
            }
            a.sendTo(new byte[0], b.localAddress());
            assertEquals(0, b.recvFrom(16 << 20).data().length, "an empty datagram");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void theLargestDatagramIsWholeUnderAnyMaxAboveIt(Family f) throws IOException {
        int limit = f == Family.INET ? 65_507 : 65_527;
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            b.option(Options.SO_RCVBUF, 1 << 20);
            for (int max : new int[] {limit, 65_536, 16 << 20, Integer.MAX_VALUE}) {
                a.sendTo(bytes(limit, max), b.localAddress());
                Datagram d = b.recvFrom(max);
                assertFalse(d.truncated(), "max " + max);
                assertArrayEquals(bytes(limit, max), d.data(), "max " + max);
                a.sendTo(bytes(limit, max), b.localAddress());
                assertArrayEquals(bytes(limit, max), b.recv(max), "recv, max " + max);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void aDatagramLongerThanMaxIsCutAtMaxAndSaysSo(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            b.option(Options.SO_RCVBUF, 1 << 20);
            byte[] big = bytes(60_000, 3);
            for (int max : new int[] {9_000, 40_000, 59_999}) {
                a.sendTo(big, b.localAddress());
                Datagram d = b.recvFrom(max);
                assertTrue(d.truncated(), "max " + max);
                assertEquals(60_000, d.originalLength());
                assertArrayEquals(Arrays.copyOf(big, max), d.data());
                a.sendTo(big, b.localAddress());
                var e = assertThrows(DatagramTruncatedException.class, () -> b.recv(max));
                assertEquals(60_000, e.datagram().originalLength());
                assertArrayEquals(Arrays.copyOf(big, max), e.datagram().data());
            }
        }
    }
}
