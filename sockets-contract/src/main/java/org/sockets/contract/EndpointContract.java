package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointPair;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The part of the endpoint contract every connected endpoint shares, stream or datagram: receiving
 * blocks, times out by the endpoint's timeout or by a call's {@link Deadline}, and is woken by
 * close and by interrupt on platform and virtual threads; a closed endpoint says so; misuse gets
 * typed errors; and no test leaves a descriptor open ({@link NoDescriptorLeaks}).
 *
 * <p>Not extended directly: a transport's test extends {@link StreamContract} or
 * {@link DatagramContract} and returns its {@link Transport} from {@link #transport()}.
 */
@ExtendWith(NoDescriptorLeaks.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract sealed class EndpointContract permits StreamContract, DatagramContract {

    /** A short bound, for calls that must time out. */
    protected static final Duration SHORT = Duration.ofMillis(50);
    /** How late a timed-out call may be on this shared machine, and how long a woken call may take. */
    protected static final Duration SLACK = Duration.ofSeconds(5);
    /** How long a test waits for a thread's call to end. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    private Transport described;

    /** For the two contract classes of this package. */
    EndpointContract() {
    }

    /**
     * The transport under test; called once per test class.
     *
     * @return what the transport gives the suite
     */
    protected abstract Transport transport();

    /** The transport, asked for once. */
    final Transport described() {
        if (described == null) {
            described = transport();
        }
        return described;
    }

    /**
     * Opens what the transport keeps open for the life of the process (a poller, the JDK's spare
     * descriptors) before any descriptor is counted: a pair, a byte each way, a timed wait and a
     * deadline wait on both kinds of thread, and a listener's connection.
     *
     * @throws Exception if the transport cannot make a pair at all
     */
    @BeforeAll
    final void warmUp() throws Exception {
        // A listener given but its tests not taken, or taken without one, is a mistake in the
        // test class: say so rather than leave the listener tests out or fail each one.
        if (described().listener().isPresent() != (this instanceof StreamContract.Listener)) {
            throw new IllegalStateException(getClass().getName() + ": a transport with a listener (Transport.withListener) "
                    + "implements StreamContract.Listener, and one without does not; listener given: " + described().listener().isPresent());
        }
        for (ThreadKind kind : ThreadKind.values()) {
            Task.start(kind, "warm-up", () -> {
                try (EndpointPair p = openPair()) {
                    p.first().send(ByteBuffer.wrap(new byte[] {1}));
                    p.second().recv(ByteBuffer.allocate(64));
                    p.first().timeout(Duration.ofMillis(1));
                    try {
                        p.first().recv(ByteBuffer.allocate(64));
                    } catch (SocketTimeoutException expected) {
                        // the wait itself was the point
                    }
                    try {
                        p.second().recv(ByteBuffer.allocate(64), Deadline.after(Duration.ofMillis(1)));
                    } catch (IOException | RuntimeException ignored) {
                        // the deadline tests report a transport without deadline calls
                    }
                }
                if (described().listener().isPresent()) {
                    Transport.Listening l = described().listener().get();
                    try (Endpoint server = l.listening().open(); Endpoint client = l.unconnected().open()) {
                        client.connect(server.localAddress());
                        server.accept().close();
                    }
                }
                return null;
            }).get(WAIT);
        }
    }

    /**
     * A connected pair from the transport, in blocking mode.
     *
     * @return the pair, which the caller closes
     * @throws IOException if the transport refuses
     */
    protected final EndpointPair openPair() throws IOException {
        return described().pairs().open();
    }

    /**
     * Sends one message: bytes on a stream, one datagram or record otherwise.
     *
     * @param e    the sender
     * @param text the message, US-ASCII
     * @throws IOException on I/O failures
     */
    protected static void send(Endpoint e, String text) throws IOException {
        e.sendAll(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Receives one call's worth and decodes it.
     *
     * @param e the receiver
     * @param w how the call waits
     * @return the text, empty at end of stream
     * @throws IOException on I/O failures
     */
    protected static String recvText(Endpoint e, Wait w) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(StreamContract.RECORD * 4);
        int n = w.recv(e, b);
        return new String(b.array(), 0, n, StandardCharsets.US_ASCII);
    }

    /**
     * Runs a call that must time out and checks it took its bound, not much more.
     *
     * @param bound the timeout or deadline the call was given
     * @param call  the call
     * @return the exception
     */
    protected static SocketTimeoutException timesOut(Duration bound, Executable call) {
        long t0 = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(bound) >= 0, "gave up after " + took.toMillis() + " ms, before its bound of " + bound.toMillis() + " ms");
        assertTrue(took.compareTo(bound.plus(SLACK)) < 0, "gave up after " + took.toMillis() + " ms for a bound of " + bound.toMillis() + " ms");
        assertTrue(e.getMessage() != null && e.getMessage().contains("timed out"), "message: " + e.getMessage());
        return e;
    }

    /** A stack trace as text, for failure messages. */
    static String stack(Throwable t) {
        if (t == null) {
            return "nothing thrown";
        }
        StringBuilder b = new StringBuilder(t.toString());
        for (StackTraceElement f : t.getStackTrace()) {
            b.append("\n\tat ").append(f);
        }
        if (t.getCause() != null) {
            b.append("\ncaused by ").append(stack(t.getCause()));
        }
        return b.toString();
    }

    /**
     * Every thread kind with every way of waiting, for {@code @MethodSource("threadsAndWaits")}.
     *
     * @return the combinations
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> threadsAndWaits() {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (ThreadKind k : ThreadKind.values()) {
            for (Wait w : Wait.values()) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(k, w));
            }
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- blocking, timeouts, deadlines

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void recvWaitsForWhatThePeerSendsLater(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<String> reader = Task.start(kind, "recv", () -> recvText(p.first(), w));
            reader.awaitBlockedIn("recv");
            send(p.second(), "later");
            assertEquals("later", reader.get(WAIT), w + " on " + described());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void recvTimesOutAndTheEndpointStaysUsable(ThreadKind kind) throws Exception {
        try (EndpointPair p = openPair()) {
            p.first().timeout(SHORT);
            Task.start(kind, "timed recv", () -> {
                SocketTimeoutException e = timesOut(SHORT, () -> p.first().recv(ByteBuffer.allocate(8)));
                assertTrue(e.getMessage().contains("recv"), e.getMessage());
                assertTrue(p.first().isOpen(), "a timeout leaves the endpoint open");
                send(p.second(), "after");
                assertEquals("after", recvText(p.first(), Wait.TIMEOUT));
                return null;
            }).get(WAIT);
            assertEquals(Optional.of(SHORT), p.first().timeout());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void recvWithADeadlineTimesOutAndTheEndpointStaysUsable(ThreadKind kind) throws Exception {
        try (EndpointPair p = openPair()) {
            Task.start(kind, "deadline recv", () -> {
                SocketTimeoutException e = timesOut(SHORT, () -> p.first().recv(ByteBuffer.allocate(8), Deadline.after(SHORT)));
                assertTrue(e.getMessage().contains("recv"), e.getMessage());
                assertTrue(p.first().isOpen(), "a timeout leaves the endpoint open");
                assertEquals(Optional.empty(), p.first().timeout(), "a deadline does not touch the endpoint's timeout");
                send(p.second(), "after");
                assertEquals("after", recvText(p.first(), Wait.DEADLINE));
                return null;
            }).get(WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void aDeadlineReplacesTheEndpointTimeoutForItsCall(ThreadKind kind) throws Exception {
        try (EndpointPair p = openPair()) {
            // Longer than the timeout: the timeout does not cut the call short.
            p.first().timeout(Duration.ofMillis(20));
            Task<Integer> longer = Task.start(kind, "longer", () -> p.first().recv(ByteBuffer.allocate(8), Deadline.after(Wait.LONG)));
            longer.awaitBlockedIn("recv");
            Thread.sleep(60);
            send(p.second(), "x");
            assertEquals(1, longer.get(WAIT));
            // No limit at all, on an endpoint that has a timeout.
            Task<Integer> none = Task.start(kind, "none", () -> p.first().recv(ByteBuffer.allocate(8), Deadline.none()));
            none.awaitBlockedIn("recv");
            Thread.sleep(60);
            send(p.second(), "y");
            assertEquals(1, none.get(WAIT));
            // Shorter than the timeout: the deadline ends the call.
            p.first().timeout(Wait.LONG);
            timesOut(SHORT, () -> p.first().recv(ByteBuffer.allocate(8), Deadline.after(SHORT)));
            assertEquals(Optional.of(Wait.LONG), p.first().timeout());
        }
    }

    /** The first reader waits in each way; the second's deadline counts its wait for the first's turn. */
    @ParameterizedTest(name = "first reader {0}, {1}")
    @MethodSource("threadsAndWaits")
    void aDeadlineBoundsTheWaitForAnotherReadersTurn(ThreadKind kind, Wait first) throws Exception {
        try (EndpointPair p = openPair()) {
            first.prepare(p.first());
            Task<Integer> holder = Task.start(kind, "first reader", () -> first.recv(p.first(), ByteBuffer.allocate(8)));
            holder.awaitBlockedIn("recv");
            Task<Void> second = Task.start(ThreadKind.VIRTUAL, "second reader", () -> {
                timesOut(SHORT, () -> p.first().recv(ByteBuffer.allocate(8), Deadline.after(SHORT)));
                return null;
            });
            second.get(SHORT.plus(SLACK).plus(SLACK));
            assertTrue(p.first().isOpen(), "a timeout leaves the endpoint open");
            send(p.second(), "x");
            assertEquals(1, holder.get(WAIT), "the first reader still gets what comes");
        }
    }

    @Test
    void oneDeadlineBoundsSeveralCalls() throws Exception {
        try (EndpointPair p = openPair()) {
            // What is left for the second call is at most 300 ms; a call that started the 800 ms
            // over would wait at least 800. The bound between them leaves 400 ms for scheduling
            // on a loaded machine (a 300 ms bound after 400/300 failed once at load 13).
            Deadline whole = Deadline.after(Duration.ofMillis(800));
            send(p.second(), "one");
            assertEquals(3, p.first().recv(ByteBuffer.allocate(8), whole));
            Thread.sleep(500);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> p.first().recv(ByteBuffer.allocate(8), whole));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 700, "the second call waited " + ms + " ms: it started the 800 ms over instead of using what was left");
        }
    }

    @Test
    void aPassedDeadlineStillMakesOneAttempt() throws Exception {
        try (EndpointPair p = openPair()) {
            Deadline passed = Deadline.after(Duration.ZERO);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> p.first().recv(ByteBuffer.allocate(8), passed), "nothing is there");
            assertTrue(System.nanoTime() - t0 < SLACK.toNanos(), "a passed deadline does not wait");
            send(p.second(), "now");
            // The bytes are on their way: each attempt takes them if they are there, without waiting.
            ByteBuffer b = ByteBuffer.allocate(8);
            for (int i = 0; i < 200 && b.position() < 3; i++) {
                try {
                    p.first().recv(b, passed);
                } catch (SocketTimeoutException notYet) {
                    Thread.sleep(10);
                }
            }
            assertEquals("now", new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
        }
    }

    // ---------------------------------------------------------------- close and interrupt

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void closeFromAnotherThreadWakesABlockedRecv(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<Integer> reader = Task.start(kind, "recv", () -> w.recv(p.first(), ByteBuffer.allocate(8)));
            reader.awaitBlockedIn("recv");
            assertWokenByClose(p.first(), reader, w, "recv");
            assertThrows(EndpointClosedException.class, () -> p.first().recv(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void interruptingABlockedRecvClosesTheEndpoint(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<Integer> reader = Task.start(kind, "recv", () -> w.recv(p.first(), ByteBuffer.allocate(8)));
            reader.awaitBlockedIn("recv");
            assertClosedByInterrupt(p.first(), reader, w, "recv");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void aRecvMadeWhileInterruptedClosesTheEndpointAtOnce(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            send(p.second(), "there");
            Task<Integer> reader = Task.start(kind, "recv", () -> {
                Thread.currentThread().interrupt();
                return w.recv(p.first(), ByteBuffer.allocate(8));
            });
            assertClosedByInterrupt(p.first(), reader, w, "recv");
        }
    }

    /** A reader waiting for its turn behind another is woken by an interrupt like one in the call. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("threadsAndWaits")
    void interruptingAReaderWaitingItsTurnClosesTheEndpoint(ThreadKind kind, Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            w.prepare(p.first());
            Task<Integer> holder = Task.start(ThreadKind.VIRTUAL, "first reader", () -> w.recv(p.first(), ByteBuffer.allocate(8)));
            holder.awaitBlockedIn("recv");
            Task<Integer> waiting = Task.start(kind, "second reader", () -> w.recv(p.first(), ByteBuffer.allocate(8)));
            waiting.awaitBlockedIn("recv");
            assertClosedByInterrupt(p.first(), waiting, w, "recv");
            Throwable thrown = holder.failure(WAIT);
            assertEquals(AsynchronousCloseException.class, thrown.getClass(), () -> w + ": the first reader: " + stack(thrown));
        }
    }

    /** Closes {@code e} under a call blocked in {@code op} and checks how the call ended. */
    static void assertWokenByClose(Endpoint e, Task<?> blocked, Wait w, String op) throws Exception {
        long t0 = System.nanoTime();
        e.close();
        Throwable thrown = blocked.failure(WAIT);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(AsynchronousCloseException.class, thrown.getClass(), () -> w + ": " + stack(thrown));
        assertNamesTheCall(thrown, op, w);
        assertTrue(ms < SLACK.toMillis(), w + ": woke " + ms + " ms after the close");
        assertFalse(e.isOpen());
        e.close(); // again: harmless
    }

    /** Checks a call to {@code op} ended by its thread's interrupt: closed, status kept, the call named. */
    static void assertClosedByInterrupt(Endpoint e, Task<?> blocked, Wait w, String op) throws Exception {
        blocked.thread().interrupt();
        Throwable thrown = blocked.failure(WAIT);
        assertEquals(ClosedByInterruptException.class, thrown.getClass(), () -> w + ": " + stack(thrown));
        assertNamesTheCall(thrown, op, w);
        assertTrue(blocked.interruptedAtEnd().get(), w + ": the interrupt status stays set, as with the JDK's channels");
        assertFalse(e.isOpen(), w + ": an interrupted call closes the endpoint");
    }

    /**
     * The JDK gives AsynchronousCloseException and ClosedByInterruptException no message; the
     * Endpoint contract has them say which call they ended in their cause.
     */
    static void assertNamesTheCall(Throwable thrown, String op, Wait w) {
        String said = thrown.getCause() == null ? null : thrown.getCause().getMessage();
        assertTrue(said != null && said.contains(op), () -> w + ": the cause names the call " + op + ": " + stack(thrown));
    }

    // ---------------------------------------------------------------- misuse

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Wait.class, names = {"BLOCKING", "DEADLINE"})
    void aClosedEndpointSaysWhichCallAndThatItIsClosed(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            e.close();
            assertFalse(e.isOpen());
            e.close();
            Deadline d = Deadline.after(Wait.LONG);
            Object[][] calls = w == Wait.DEADLINE ? new Object[][] {
                {"recv", (Executable) () -> e.recv(ByteBuffer.allocate(8), d)},
                {"recv", (Executable) () -> e.recv(ByteBuffer.allocate(8), Deadline.none())},
                {"send", (Executable) () -> e.send(ByteBuffer.wrap(new byte[1]), d)},
                {"send", (Executable) () -> e.sendAll(ByteBuffer.wrap(new byte[1]), d)},
            } : new Object[][] {
                {"recv", (Executable) () -> e.recv(ByteBuffer.allocate(8))},
                {"send", (Executable) () -> e.send(ByteBuffer.wrap(new byte[1]))},
                {"send", (Executable) () -> e.sendAll(ByteBuffer.wrap(new byte[1]))},
                {"localAddress", (Executable) e::localAddress},
                {"peerAddress", (Executable) e::peerAddress},
            };
            for (Object[] c : calls) {
                EndpointClosedException ex = assertThrows(EndpointClosedException.class, (Executable) c[1], () -> c[0] + " on a closed " + described());
                assertTrue(ex.getMessage() != null && ex.getMessage().contains((String) c[0]) && ex.getMessage().contains("closed"),
                        c[0] + ": the message names the call and says closed: " + ex.getMessage());
            }
        }
    }

    @Test
    void badArgumentsGetTypedErrorsAndChangeNothing() throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            assertThrows(IllegalArgumentException.class, () -> e.recv(ByteBuffer.allocate(0)));
            assertThrows(IllegalArgumentException.class, () -> e.recv(0));
            assertThrows(IllegalArgumentException.class, () -> e.timeout(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> e.timeout(Duration.ofMillis(-1)));
            assertEquals(Optional.empty(), e.timeout(), "a refused timeout changes nothing");
            // A read-only buffer is refused before anything is taken: the message is still there.
            send(p.second(), "kept");
            assertThrows(IllegalArgumentException.class, () -> e.recv(ByteBuffer.allocate(8).asReadOnlyBuffer()));
            assertEquals("kept", recvText(e, Wait.BLOCKING));
            assertTrue(e.isOpen());
        }
    }

    @Test
    void badArgumentsToDeadlineCallsGetTypedErrorsAndChangeNothing() throws Exception {
        try (EndpointPair p = openPair()) {
            Endpoint e = p.first();
            assertThrows(IllegalArgumentException.class, () -> e.recv(ByteBuffer.allocate(0), Deadline.after(Wait.LONG)));
            assertThrows(NullPointerException.class, () -> e.recv(ByteBuffer.allocate(8), null));
            assertThrows(NullPointerException.class, () -> e.send(ByteBuffer.allocate(8), null));
            assertThrows(NullPointerException.class, () -> e.sendAll(ByteBuffer.allocate(8), null));
            send(p.second(), "kept");
            assertThrows(IllegalArgumentException.class, () -> e.recv(ByteBuffer.allocate(8).asReadOnlyBuffer(), Deadline.after(Wait.LONG)));
            assertEquals("kept", recvText(e, Wait.DEADLINE));
            assertTrue(e.isOpen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Wait.class, names = {"BLOCKING", "DEADLINE"})
    void everyKindOfBufferCarriesExactlyItsRemainingBytes(Wait w) throws Exception {
        try (EndpointPair p = openPair()) {
            byte[] all = "..payload..".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer[] sources = {
                ByteBuffer.wrap(all, 2, 7),
                ByteBuffer.wrap(all).position(2).limit(9).slice(),
                ByteBuffer.allocateDirect(16).put(all).flip().position(2).limit(9),
                ByteBuffer.wrap(all, 2, 7).asReadOnlyBuffer(),
            };
            for (int i = 0; i < sources.length; i++) {
                ByteBuffer src = sources[i];
                ByteBuffer dst = i % 2 == 0 ? ByteBuffer.allocateDirect(StreamContract.RECORD * 4) : ByteBuffer.allocate(StreamContract.RECORD * 4);
                dst.position(3);
                int sent = w.send(p.first(), src);
                assertEquals(7, sent, "buffer " + i);
                assertFalse(src.hasRemaining(), "buffer " + i + ": the position advances by the count");
                for (int k = 0; k < 100 && dst.position() < 10; k++) {
                    int n = w.recv(p.second(), dst);
                    assertTrue(n > 0, "buffer " + i + ": end of stream");
                }
                assertEquals(10, dst.position(), "buffer " + i);
                byte[] got = new byte[7];
                dst.flip().position(3);
                dst.get(got);
                assertArrayEquals(Arrays.copyOfRange(all, 2, 9), got, "buffer " + i);
            }
        }
    }

    /**
     * The tests of I/O errors that name the operation and the endpoint in the JDK's own types, as
     * the Endpoint javadoc promises (issue #10, bug 6): a close or an interrupt during a call keeps
     * its exact JDK class and says what it ended in its cause; a 1 ns timeout is worded "1 ns",
     * not "0 s". A transport's test class implements this where its errors carry that context.
     */
    public interface ErrorContext {
        @ParameterizedTest(name = "{0}")
        @EnumSource(ThreadKind.class)
        default void aCloseDuringRecvSaysWhichCallItEnded(ThreadKind kind) throws Exception {
            try (EndpointPair p = self().openPair()) {
                String shown = p.first().toString();
                Throwable t = endedBy(kind, p.first(), false);
                assertContext(AsynchronousCloseException.class, t, "recv", p.first());
                assertTrue(t.getCause().getMessage().contains(shown), t.getCause().getMessage() + " / " + shown);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(ThreadKind.class)
        default void anInterruptDuringRecvSaysWhichCallItEnded(ThreadKind kind) throws Exception {
            try (EndpointPair p = self().openPair()) {
                String shown = p.first().toString();
                Throwable t = endedBy(kind, p.first(), true);
                assertContext(ClosedByInterruptException.class, t, "recv", p.first());
                assertTrue(t.getCause().getMessage().contains(shown), t.getCause().getMessage() + " / " + shown);
            }
        }

        @Test
        default void aOneNanosecondTimeoutIsWordedInNanoseconds() throws Exception {
            try (EndpointPair p = self().openPair()) {
                p.first().timeout(Duration.ofNanos(1));
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> p.first().recv(ByteBuffer.allocate(8)));
                assertTrue(e.getMessage().endsWith("timed out after 1 ns"), e.getMessage());
                p.first().timeout(Duration.ofMillis(1500));
                e = assertThrows(SocketTimeoutException.class, () -> p.first().recv(ByteBuffer.allocate(8)));
                assertTrue(e.getMessage().endsWith("timed out after 1.5 s"), e.getMessage());
            }
        }

        @Test
        default void aBadRangeForSendAllNamesItsValues() throws Exception {
            try (EndpointPair p = self().openPair()) {
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> p.first().sendAll(new byte[4], 5, 10));
                assertNotNull(e.getMessage());
                assertTrue(e.getMessage().contains("5") && e.getMessage().contains("10") && e.getMessage().contains("4"), e.getMessage());
            }
        }

        /** What a recv blocked on another thread ended with once {@code e} was closed or the thread interrupted. */
        private static Throwable endedBy(ThreadKind kind, Endpoint e, boolean interrupt) throws Exception {
            Task<Integer> blocked = Task.start(kind, "recv", () -> e.recv(ByteBuffer.allocate(8)));
            blocked.awaitBlockedIn("recv");
            if (interrupt) {
                blocked.thread().interrupt();
            } else {
                e.close();
            }
            return blocked.failure(WAIT);
        }

        /** The exact JDK class, and a cause naming the operation and the endpoint. */
        private static void assertContext(Class<?> type, Throwable t, String op, Endpoint e) {
            assertEquals(type, t.getClass(), "the JDK's own type: " + t);
            assertNotNull(t.getCause(), "no context: " + t);
            String m = t.getCause().getMessage();
            assertTrue(m.startsWith(op + " on " + e.toString().replace(" (closed)", "")), m);
        }

        private EndpointContract self() {
            return (EndpointContract) this;
        }
    }
}
