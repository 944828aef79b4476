package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointPair;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Shutdown;
import org.sockets.api.UnsupportedEndpointOperationException;

/**
 * The endpoint contract of connected stream endpoints (TCP, Unix STREAM and SEQPACKET, the
 * in-memory sample transport, TLS over any of them): on top of {@link EndpointContract}, bytes in
 * order both ways at once, end of stream, half-close, sends that block on full buffers and time out
 * (by the endpoint's timeout or a {@link Deadline}, {@code sendAll} bounded as a whole and telling
 * how much it sent), close and interrupt waking blocked sends and accepts, and the state errors of
 * unconnected, listening and connected endpoints.
 *
 * <p>Tests that only some transports pass by design are in the nested interfaces
 * ({@link ByteStream}, {@link EmptyMessages}, {@link Listener}, {@link RetractableSends}): a
 * transport's test class implements those that hold for it, and the others' tests are neither run
 * nor reported, so a skipped test always means something went wrong.
 *
 * {@snippet :
 * class UnixStreamContractTest extends StreamContract
 *         implements StreamContract.ByteStream, StreamContract.EmptyMessages, StreamContract.Listener, StreamContract.RetractableSends {
 *     @Override
 *     protected Transport transport() {
 *         return Transport.of("unix STREAM", () -> UnixEndpoint.pair(SocketType.STREAM));
 *     }
 * }
 * }
 */
public abstract non-sealed class StreamContract extends EndpointContract {

    /**
     * The most the suite sends in one call to a transport that is not a {@link ByteStream}:
     * one record, well below a Unix SEQPACKET socket's buffer.
     */
    public static final int RECORD = 16 * 1024;

    /** For transports' test classes. */
    protected StreamContract() {
    }

    /**
     * How long a send during {@link #fill} may find no room before the buffers count as full:
     * long enough for TCP, whose buffers grow while they fill.
     */
    private static final Duration FILL_TIMEOUT = Duration.ofMillis(100);

    /**
     * Makes the next send of {@link #tooMuch()} block: on a byte stream nothing is needed, as that
     * is more than any socket buffers hold (TCP's here: 4 MiB to send, up to 32 MiB to receive);
     * records are filled in first.
     */
    private void blockNextSend(Endpoint sender) throws IOException {
        if (!(this instanceof ByteStream)) {
            fill(sender);
        }
    }

    /** What a blocked send tries to send: more than any buffers hold, or one record on top of full ones. */
    private ByteBuffer tooMuch() {
        return this instanceof ByteStream ? BIG.duplicate() : ByteBuffer.allocate(RECORD);
    }

    /**
     * 64 MiB of zeros, shared: each use sends from a {@link ByteBuffer#duplicate() duplicate} (its
     * own position), so the tests that need more than the buffers hold make no garbage of that
     * size, whose collection would pause the other tests of the same JVM.
     */
    private static final ByteBuffer BIG = ByteBuffer.allocate(64 << 20).asReadOnlyBuffer();

    /** How long a receiver waits for more before it counts what it drained. */
    private static final Duration QUIET = Duration.ofMillis(100);

    private int chunk() {
        return this instanceof ByteStream ? 1 << 20 : RECORD;
    }

    private static byte patternAt(long pos) {
        return (byte) ((pos * 0x9E3779B97F4A7C15L) >>> 56);
    }

    private static ByteBuffer pattern(long from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put(patternAt(from + i));
        }
        return b.flip();
    }

    /**
     * Sends until the peer's receive buffer and this side's send buffer are full, so the next send
     * blocks: sends of {@link #RECORD} bytes under a short timeout until one times out. (A send that
     * found no room for that long means the buffers are full: nobody reads them.)
     *
     * @param sender the sending end, left in blocking mode
     * @return how many bytes it took
     * @throws IOException on I/O failures
     */
    protected static long fill(Endpoint sender) throws IOException {
        sender.timeout(FILL_TIMEOUT);
        long total = 0;
        try {
            for (int i = 0; i < 100_000; i++) {
                total += sender.send(pattern(total, RECORD));
            }
            return fail("the buffers never filled after " + total + " bytes");
        } catch (SocketTimeoutException full) {
            return total;
        } finally {
            sender.blocking();
        }
    }

    /**
     * Receives until {@code quiet} passes with nothing (by a deadline, or by the endpoint's timeout
     * for any other way of waiting), checking the pattern from {@code from}; returns the count.
     */
    private static long drain(Endpoint receiver, long from, Duration quiet, Wait w) throws IOException {
        if (w != Wait.DEADLINE) {
            receiver.timeout(quiet);
        }
        ByteBuffer b = ByteBuffer.allocate(RECORD * 4);
        long pos = from;
        for (int i = 0; i < 1_000_000; i++) {
            b.clear();
            int n;
            try {
                n = w == Wait.DEADLINE ? receiver.recv(b, Deadline.after(quiet)) : receiver.recv(b);
            } catch (SocketTimeoutException quietNow) {
                return pos - from;
            }
            assertTrue(n > 0, "end of stream after " + (pos - from) + " bytes");
            for (int k = 0; k < n; k++) {
                if (b.get(k) != patternAt(pos + k)) {
                    fail("byte " + (pos + k) + " is wrong");
                }
            }
            pos += n;
        }
        return fail("drained more than a million receives");
    }

    // ---------------------------------------------------------------- bytes and end of stream

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void bytesArriveInOrderBothWaysAtOnce(ThreadKind kind) throws Exception {
        long total = this instanceof ByteStream ? 4L << 20 : 64L * RECORD;
        try (EndpointPair p = openPair()) {
            List<Task<Long>> tasks = new ArrayList<>();
            for (Endpoint[] dir : new Endpoint[][] {{p.first(), p.second()}, {p.second(), p.first()}}) {
                tasks.add(Task.start(kind, "sender", () -> {
                    long pos = 0;
                    int size = 1;
                    while (pos < total) {
                        int n = (int) Math.min(Math.min(size, RECORD), total - pos);
                        dir[0].sendAll(pattern(pos, n));
                        pos += n;
                        size = size * 7 % 99_991 + 1;
                    }
                    return pos;
                }));
                tasks.add(Task.start(kind, "receiver", () -> {
                    ByteBuffer b = ByteBuffer.allocate(RECORD * 4);
                    long pos = 0;
                    while (pos < total) {
                        b.clear();
                        int n = dir[1].recv(b);
                        assertTrue(n > 0, "end of stream after " + pos + " of " + total + " bytes");
                        for (int k = 0; k < n; k++) {
                            if (b.get(k) != patternAt(pos + k)) {
                                fail("byte " + (pos + k) + " is wrong");
                            }
                        }
                        pos += n;
                    }
                    return pos;
                }));
            }
            for (Task<Long> t : tasks) {
                assertEquals(total, t.get(Duration.ofSeconds(60)), t.thread().getName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Wait.class)
    void peerCloseIsEndOfStreamAfterEveryQueuedByte(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            send(p.second(), "last words");
            p.second().close();
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 20 && got.length() < 10; i++) {
                got.append(recvText(p.first(), w));
            }
            assertEquals("last words", got.toString());
            long t0 = System.nanoTime();
            assertEquals("", recvText(p.first(), w), "end of stream");
            assertEquals("", recvText(p.first(), w), "end of stream stays");
            assertTrue(System.nanoTime() - t0 < SLACK.toNanos(), "end of stream is reported at once");
            assertTrue(p.first().isOpen(), "end of stream does not close this side");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void aPeerCloseWakesABlockedRecvWithEndOfStream(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<String> reader = Task.start(kind, "recv", () -> recvText(p.first(), w));
            reader.awaitBlockedIn("recv");
            p.second().close();
            assertEquals("", reader.get(WAIT), w + ": end of stream");
            assertTrue(p.first().isOpen(), "the peer's close does not close this side");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void aPeerCloseFailsABlockedSendWithAnIoError(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            blockNextSend(p.first());
            w.prepare(p.first());
            Task<Void> writer = Task.start(kind, "sendAll", () -> {
                w.sendAll(p.first(), tooMuch());
                return null;
            });
            writer.awaitBlockedIn("sendAll");
            p.second().close();
            Throwable thrown = writer.failure(WAIT);
            assertInstanceOf(IOException.class, thrown, () -> w + ": " + stack(thrown));
            assertFalse(thrown instanceof SocketTimeoutException || thrown instanceof java.nio.channels.ClosedChannelException,
                    () -> w + ": the peer's close is an I/O error, not a timeout or this side's close: " + stack(thrown));
            assertTrue(thrown.getMessage() != null && thrown.getMessage().contains("send"), () -> w + ": the message names the call: " + stack(thrown));
        }
    }

    @Test
    void sendingToAClosedPeerFailsWithAnIoError() throws Exception {
        try (EndpointPair p = openPair()) {
            p.second().close();
            Throwable thrown = null;
            // The first sends may still be taken (a TCP peer answers them with a reset); bounded.
            for (int i = 0; i < 200 && thrown == null; i++) {
                try {
                    p.first().sendAll(ByteBuffer.allocate(1024));
                    Thread.sleep(5);
                } catch (IOException e) {
                    thrown = e;
                }
            }
            Throwable t = thrown;
            assertInstanceOf(IOException.class, t, "sending kept working after the peer closed");
            assertFalse(t instanceof SocketTimeoutException || t instanceof EndpointClosedException, () -> "a peer's close is an I/O error here: " + stack(t));
        }
    }

    // ---------------------------------------------------------------- half-close

    @Test
    void shutdownWriteGivesThePeerEndOfStreamWhileItStillAnswers() throws Exception {
        try (EndpointPair p = openPair()) {
            send(p.first(), "request");
            p.first().shutdown(Shutdown.WRITE);
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 20 && got.length() < 7; i++) {
                got.append(recvText(p.second(), Wait.BLOCKING));
            }
            assertEquals("request", got.toString());
            assertEquals("", recvText(p.second(), Wait.BLOCKING), "end of stream after shutdown(WRITE)");
            send(p.second(), "reply");
            assertEquals("reply", recvText(p.first(), Wait.BLOCKING), "this side still receives");
            assertThrows(SocketException.class, () -> send(p.first(), "more"), "no sending after shutdown(WRITE)");
            assertTrue(p.first().isOpen(), "shutdown is not close");
        }
    }

    @Test
    void aDeadlineSendAfterShutdownWriteIsASocketException() throws Exception {
        try (EndpointPair p = openPair()) {
            p.first().shutdown(Shutdown.WRITE);
            assertThrows(SocketException.class, () -> p.first().send(ByteBuffer.allocate(1), Deadline.after(Wait.LONG)));
            assertThrows(SocketException.class, () -> p.first().sendAll(ByteBuffer.allocate(1), Deadline.after(Wait.LONG)));
            assertEquals("", recvText(p.second(), Wait.BLOCKING), "the peer reads end of stream");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Wait.class)
    void shutdownFromAnotherThreadWakesABlockedRecvWithEndOfStream(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<String> reader = Task.start(ThreadKind.VIRTUAL, "recv", () -> recvText(p.first(), w));
            reader.awaitBlockedIn("recv");
            p.first().shutdown(Shutdown.READ);
            assertEquals("", reader.get(WAIT), w + ": end of stream");
            assertEquals("", recvText(p.first(), w), w + ": and again at once");
            send(p.first(), "still");
            assertEquals("still", recvText(p.second(), Wait.BLOCKING), w + ": sending goes on");
            assertTrue(p.first().isOpen());
        }
    }

    // ---------------------------------------------------------------- sends that block

    @Test
    void sendAllWithADeadlineTellsHowMuchItSent() throws Exception {
        try (EndpointPair p = openPair()) {
            Deadline d = Deadline.after(Duration.ofMillis(200));
            long sent = 0;
            SocketTimeoutException timedOut = null;
            for (int i = 0; i < 10_000 && timedOut == null; i++) {
                ByteBuffer b = pattern(sent, chunk());
                try {
                    p.first().sendAll(b, d);
                    assertFalse(b.hasRemaining(), "sendAll returned with bytes left");
                } catch (SocketTimeoutException e) {
                    timedOut = e;
                }
                sent += b.position();
            }
            assertTrue(timedOut != null, "the deadline never passed");
            assertTrue(d.hasPassed(), "timed out before the deadline");
            assertEquals(sent, drain(p.second(), 0, QUIET, Wait.DEADLINE), "the position tells exactly what was sent");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void closeFromAnotherThreadWakesABlockedSend(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            blockNextSend(p.first());
            w.prepare(p.first());
            Task<Void> writer = Task.start(kind, "sendAll", () -> {
                w.sendAll(p.first(), tooMuch());
                return null;
            });
            writer.awaitBlockedIn("sendAll");
            assertWokenByClose(p.first(), writer, w, "send");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void interruptingABlockedSendClosesTheEndpoint(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            blockNextSend(p.first());
            w.prepare(p.first());
            Task<Void> writer = Task.start(kind, "sendAll", () -> {
                w.sendAll(p.first(), tooMuch());
                return null;
            });
            writer.awaitBlockedIn("sendAll");
            assertClosedByInterrupt(p.first(), writer, w, "send");
        }
    }

    // ---------------------------------------------------------------- listeners

    @Test
    void aConnectedEndpointRefusesWhatNeedsAnotherState() throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            assertThrows(EndpointStateException.class, e::accept);
            assertThrows(EndpointStateException.class, () -> e.bind(e.localAddress()));
            assertThrows(UnsupportedEndpointOperationException.class,
                    () -> e.joinGroup(java.net.InetAddress.ofLiteral("239.1.2.3"), java.net.NetworkInterface.getByIndex(1)));
            assertTrue(e.isOpen(), "misuse does not close");
            send(p.second(), "fine");
            assertEquals("fine", recvText(e, Wait.BLOCKING));
        }
    }

    @Test
    void aClosedStreamEndpointRefusesStreamCallsAsClosed() throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            Address local = e.localAddress();
            Address peer = e.peerAddress();
            e.close();
            List<Executable> calls = List.of(() -> e.shutdown(Shutdown.WRITE), e::accept, () -> e.listen(1), () -> e.bind(local), () -> e.connect(peer));
            for (Executable c : calls) {
                EndpointClosedException ex = assertThrows(EndpointClosedException.class, c, () -> "on a closed " + described());
                assertTrue(ex.getMessage() != null && ex.getMessage().contains("closed"), ex.getMessage());
            }
        }
    }

    /** Addresses of a pair's ends are each other's, where the transport names them. */
    @Test
    void theEndsOfAPairAreEachOthersPeers() throws Exception {
        try (EndpointPair p = openPair()) {
            Address a = p.first().localAddress();
            Address b = p.second().localAddress();
            assertEquals(b, p.first().peerAddress(), "first's peer is second's local address");
            assertEquals(a, p.second().peerAddress(), "second's peer is first's local address");
        }
    }

    /**
     * The tests of a stream whose empty send is told apart from end of stream: it sends nothing.
     * A transport's test class implements this only if that holds; Unix SEQPACKET does not (an
     * empty record and end of stream both read as 0), so its class leaves it out.
     */
    public interface EmptyMessages {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Wait.class, names = {"BLOCKING", "DEADLINE"})
        default void anEmptySendSendsNothing(Wait w) throws Exception {
            try (EndpointPair p = self().openPair()) {
                assertEquals(0, w.send(p.first(), ByteBuffer.allocate(0)));
                w.sendAll(p.first(), ByteBuffer.allocate(0));
                send(p.first(), "x");
                assertEquals("x", recvText(p.second(), Wait.BLOCKING), "no empty message came first");
            }
        }

        private StreamContract self() {
            return (StreamContract) this;
        }
    }

    /**
     * The tests of a transport whose send that timed out without sending anything has committed
     * nothing, so the next send may carry other bytes. TLS does not implement it: the record made
     * for the timed-out send cannot be taken back (its sequence number is spent), so the next send
     * must begin with the bytes it was told were not sent, as OpenSSL requires of a retried
     * {@code SSL_write}.
     */
    public interface RetractableSends {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Wait.class, names = {"TIMEOUT", "DEADLINE"})
        default void aSendToFullBuffersTimesOutAndTheEndpointStaysUsable(Wait w) throws Exception {
            try (EndpointPair p = self().openPair()) {
                if (w == Wait.TIMEOUT) {
                    p.first().timeout(SHORT);
                }
                // Sends under the bound until one finds no room for all of it. (Not "fill, then one
                // send must time out": TCP's buffers grow while they fill, so room can come back.)
                long sent = 0;
                SocketTimeoutException timedOut = null;
                for (int i = 0; i < 100_000 && timedOut == null; i++) {
                    ByteBuffer b = pattern(sent, RECORD);
                    long t0 = System.nanoTime();
                    try {
                        sent += w == Wait.TIMEOUT ? p.first().send(b) : p.first().send(b, Deadline.after(SHORT));
                    } catch (SocketTimeoutException e) {
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        assertTrue(ms >= SHORT.toMillis() && ms < SHORT.plus(SLACK).toMillis(), "timed out after " + ms + " ms");
                        assertEquals(0, b.position(), "a send that timed out sent nothing");
                        timedOut = e;
                    }
                }
                assertTrue(timedOut != null, "the buffers never filled after " + sent + " bytes");
                assertTrue(timedOut.getMessage().contains("send") && timedOut.getMessage().contains("timed out"), timedOut.getMessage());
                assertTrue(p.first().isOpen());
                assertEquals(w == Wait.TIMEOUT ? Optional.of(SHORT) : Optional.empty(), p.first().timeout());
                assertEquals(sent, drain(p.second(), 0, QUIET, w), "every byte the sends took, and no more");
                assertEquals(3, w.send(p.first(), ByteBuffer.wrap(new byte[] {1, 2, 3})), "room again");
            }
        }

        private StreamContract self() {
            return (StreamContract) this;
        }
    }

    /**
     * The tests of a byte stream, not records: one send may be split over several receives and one
     * call may send more than a socket buffer holds. Implementing it also lets the shared tests
     * send more than {@link StreamContract#RECORD} bytes a call. Unix SEQPACKET does not (each send is one
     * record, kept whole); the suite still runs its other stream tests there, sending records of
     * at most {@link StreamContract#RECORD} bytes and receiving into buffers that hold any of them.
     */
    public interface ByteStream {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Wait.class, names = {"TIMEOUT", "DEADLINE"})
        default void sendAllIsBoundedAsAWholeWhileEachSendMakesProgress(Wait w) throws Exception {
            try (EndpointPair p = self().openPair()) {
                // The peer keeps reading, slowly: each send makes progress within the bound, so only
                // a bound on the whole call stops a 64 MiB sendAll (about 1 MB/s here).
                Task<Long> reader = Task.start(ThreadKind.VIRTUAL, "slow reader", () -> {
                    ByteBuffer b = ByteBuffer.allocate(16 * 1024);
                    long total = 0;
                    for (int i = 0; i < 10_000; i++) {
                        b.clear();
                        int n = p.second().recv(b);
                        if (n == 0) {
                            break;
                        }
                        total += n;
                        Thread.sleep(15);
                    }
                    return total;
                });
                Duration bound = Duration.ofMillis(200);
                ByteBuffer big = BIG.duplicate();
                // On a thread of its own, so that a sendAll bounded per send, not as a whole, fails
                // this test in seconds instead of running for a minute.
                Task<Void> writer = Task.start(ThreadKind.VIRTUAL, "sendAll", () -> {
                    timesOut(bound, w == Wait.TIMEOUT ? () -> p.first().timeout(bound).sendAll(big) : () -> p.first().sendAll(big, Deadline.after(bound)));
                    return null;
                });
                writer.get(bound.plus(SLACK));
                // The reader's side first: closing the writer's side first may reset the
                // connection (TLS leaves a session ticket unread there, and a close with unread
                // bytes sends RST), and a reader still in recv would then see "Connection reset"
                // instead of its own close.
                p.second().close();
                p.first().close();
                Throwable end = reader.result().handle((v, ex) -> ex).get();
                assertTrue(end == null || end instanceof java.nio.channels.ClosedChannelException, () -> stack(end));
            }
        }

        private StreamContract self() {
            return (StreamContract) this;
        }
    }

    /**
     * The tests of {@code listen}, {@code accept} and unconnected endpoints, for a transport with
     * listeners: its {@link Transport} must have {@link Transport#withListener them} (the
     * suite's warm-up fails the class if one is given without the other).
     */
    public interface Listener {
        @ParameterizedTest(name = "{0}")
        @EnumSource(ThreadKind.class)
        default void closeAndInterruptWakeABlockedAccept(ThreadKind kind) throws Exception {
            Transport.Listening l = self().described().listener().orElseThrow();
            for (Wait w : new Wait[] {Wait.BLOCKING, Wait.TIMEOUT}) {
                for (boolean interrupt : new boolean[] {false, true}) {
                    try (Endpoint server = l.listening().open()) {
                        w.prepare(server);
                        Task<Endpoint> acceptor = Task.start(kind, "accept", server::accept);
                        acceptor.awaitBlockedIn("accept");
                        if (interrupt) {
                            assertClosedByInterrupt(server, acceptor, w, "accept");
                        } else {
                            assertWokenByClose(server, acceptor, w, "accept");
                        }
                    }
                }
            }
        }

        @Test
        default void acceptTimesOutAndTheListenerStillAccepts() throws Exception {
            Transport.Listening l = self().described().listener().orElseThrow();
            try (Endpoint server = l.listening().open()) {
                server.timeout(SHORT);
                SocketTimeoutException e = timesOut(SHORT, server::accept);
                assertTrue(e.getMessage().contains("accept"), e.getMessage());
                try (Endpoint client = l.unconnected().open()) {
                    client.connect(server.localAddress());
                    try (Endpoint conn = server.accept()) {
                        send(client, "hi");
                        assertEquals("hi", recvText(conn, Wait.BLOCKING));
                        assertEquals(Optional.empty(), conn.timeout(), "an accepted endpoint does not take the listener's timeout");
                    }
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Wait.class, names = {"BLOCKING", "DEADLINE"})
        default void unconnectedAndListeningEndpointsRefuseDataCallsWithTheirState(Wait w) throws Exception {
            Transport.Listening l = self().described().listener().orElseThrow();
            try (Endpoint fresh = l.unconnected().open(); Endpoint server = l.listening().open()) {
                Deadline d = Deadline.after(Wait.LONG);
                for (Endpoint e : new Endpoint[] {fresh, server}) {
                    List<Executable> calls = w == Wait.DEADLINE
                            ? List.of(() -> e.recv(ByteBuffer.allocate(8), d), () -> e.send(ByteBuffer.allocate(8), d), () -> e.sendAll(ByteBuffer.allocate(8), d))
                            : List.of(() -> e.recv(ByteBuffer.allocate(8)), () -> e.send(ByteBuffer.allocate(8)), () -> e.sendAll(ByteBuffer.allocate(8)),
                                    () -> e.shutdown(Shutdown.WRITE), e::peerAddress);
                    for (Executable c : calls) {
                        EndpointStateException ex = assertThrows(EndpointStateException.class, c, () -> "on " + e);
                        assertTrue(ex.getMessage().contains("connected"), "the message names the state: " + ex.getMessage());
                    }
                }
                EndpointStateException notListening = assertThrows(EndpointStateException.class, fresh::accept);
                assertTrue(notListening.getMessage().contains("listening"), notListening.getMessage());
            }
        }

        private StreamContract self() {
            return (StreamContract) this;
        }
    }
}
