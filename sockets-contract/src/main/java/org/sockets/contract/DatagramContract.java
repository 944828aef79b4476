package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Received;
import org.sockets.api.UnsupportedEndpointOperationException;

/**
 * The endpoint contract of connected datagram endpoints (UDP, Unix DGRAM): on top of
 * {@link EndpointContract}, boundaries kept, empty datagrams that are not end of stream,
 * truncation reported by every form of {@code recv}, deadline sends, and stream calls refused.
 *
 * {@snippet :
 * class UnixDgramContractTest extends DatagramContract {
 *     @Override
 *     protected Transport transport() {
 *         return Transport.of("unix DGRAM", () -> UnixEndpoint.pair(SocketType.DGRAM));
 *     }
 * }
 * }
 */
public abstract non-sealed class DatagramContract extends EndpointContract {

    /** For transports' test classes. */
    protected DatagramContract() {
    }

    @Test
    void datagramsKeepTheirBoundaries() throws Exception {
        try (EndpointPair p = openPair()) {
            for (String s : List.of("a", "bc", "def")) {
                send(p.first(), s);
            }
            assertEquals("a", recvText(p.second(), Wait.BLOCKING));
            assertEquals("bc", recvText(p.second(), Wait.DEADLINE));
            p.second().timeout(Wait.LONG);
            assertEquals("def", recvText(p.second(), Wait.TIMEOUT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Wait.class)
    void aDatagramLongerThanTheBufferIsReportedWithWhatFit(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.second());
            send(p.first(), "0123456789");
            ByteBuffer small = ByteBuffer.allocate(4);
            DatagramTruncatedException e = assertThrows(DatagramTruncatedException.class, () -> w.recv(p.second(), small));
            assertArrayEquals("0123".getBytes(StandardCharsets.US_ASCII), e.datagram().data());
            assertEquals(4, small.position(), "the part that fit is in the buffer too");
            assertTrue(e.datagram().originalLength() == 10 || e.datagram().originalLength() == -1, "length " + e.datagram().originalLength());
            send(p.first(), "ok");
            assertEquals("ok", recvText(p.second(), w), "the endpoint goes on");
        }
    }

    @Test
    void sendsWithADeadlineSendOneWholeDatagram() throws Exception {
        try (EndpointPair p = openPair()) {
            assertEquals(5, p.first().send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), Deadline.after(Duration.ofSeconds(5))));
            ByteBuffer all = ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII));
            p.first().sendAll(all, Deadline.after(Duration.ofSeconds(5)));
            assertEquals(0, all.remaining());
            // A passed deadline still makes one attempt, and a datagram socket has room for one.
            assertEquals(4, p.first().send(ByteBuffer.wrap("once".getBytes(StandardCharsets.US_ASCII)), Deadline.after(Duration.ZERO)));
            assertEquals("hello", recvText(p.second(), Wait.DEADLINE));
            assertEquals("world", recvText(p.second(), Wait.DEADLINE));
            assertEquals("once", recvText(p.second(), Wait.DEADLINE));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void recvFromWaitsForADatagramAndNamesItsSender(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.second());
            ByteBuffer b = ByteBuffer.allocate(64);
            Task<Received> reader = Task.start(kind, "recvFrom", () -> w.recvFrom(p.second(), b));
            reader.awaitBlockedIn("recvFrom");
            send(p.first(), "from");
            Received r = reader.get(WAIT);
            assertEquals(4, r.length());
            assertEquals(4, r.originalLength());
            assertEquals("from", new String(b.array(), 0, 4, StandardCharsets.US_ASCII));
            assertEquals(p.first().localAddress(), r.sender());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Wait.class, names = {"TIMEOUT", "DEADLINE"})
    void recvFromTimesOutAndTheEndpointStaysUsable(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            SocketTimeoutException e = timesOut(SHORT, w == Wait.TIMEOUT
                    ? () -> p.second().timeout(SHORT).recvFrom(ByteBuffer.allocate(8))
                    : () -> p.second().recvFrom(ByteBuffer.allocate(8), Deadline.after(SHORT)));
            assertTrue(e.getMessage().contains("recvFrom"), e.getMessage());
            assertTrue(p.second().isOpen());
            send(p.first(), "ok");
            assertEquals(2, w.recvFrom(p.second(), ByteBuffer.allocate(8)).length());
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void closeAndInterruptWakeABlockedRecvFrom(ThreadKind kind, Wait w) throws Exception {
        for (boolean interrupt : new boolean[] {false, true}) {
            try (EndpointPair p = openPair()) {
                w.prepare(p.second());
                Task<Received> reader = Task.start(kind, "recvFrom", () -> w.recvFrom(p.second(), ByteBuffer.allocate(8)));
                reader.awaitBlockedIn("recvFrom");
                if (interrupt) {
                    assertClosedByInterrupt(p.second(), reader, w, "recvFrom");
                } else {
                    assertWokenByClose(p.second(), reader, w, "recvFrom");
                }
            }
        }
    }

    @Test
    void streamCallsAreUnsupported() throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            for (Executable c : List.<Executable>of(() -> e.listen(1), e::accept)) {
                UnsupportedEndpointOperationException ex = assertThrows(UnsupportedEndpointOperationException.class, c);
                assertTrue(ex.getMessage().contains("DGRAM"), "the message names the type: " + ex.getMessage());
            }
            assertTrue(e.isOpen());
            send(p.second(), "fine");
            assertEquals("fine", recvText(e, Wait.BLOCKING));
        }
    }

    @Test
    void theEndsOfAPairAreEachOthersPeers() throws Exception {
        try (EndpointPair p = openPair()) {
            assertEquals(p.second().localAddress(), p.first().peerAddress());
            assertEquals(p.first().localAddress(), p.second().peerAddress());
        }
    }

    /**
     * The tests of a transport that sends and receives empty datagrams. Connected UDP does not
     * implement it: the JDK's connected {@code DatagramChannel} cannot send one (the transport
     * says so with {@code UnsupportedEndpointOperationException}).
     */
    public interface EmptyMessages {
        @Test
        default void anEmptyDatagramArrivesAsZeroAndIsNotEndOfStream() throws Exception {
            try (EndpointPair p = self().openPair()) {
                assertEquals(0, p.first().send(ByteBuffer.allocate(0)));
                assertEquals(0, p.first().send(ByteBuffer.allocate(0), Deadline.after(Wait.LONG)));
                send(p.first(), "after");
                assertEquals("", recvText(p.second(), Wait.BLOCKING));
                assertEquals("", recvText(p.second(), Wait.DEADLINE));
                assertEquals("after", recvText(p.second(), Wait.BLOCKING), "the endpoint goes on");
            }
        }

        private DatagramContract self() {
            return (DatagramContract) this;
        }
    }
}
