package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Shutdown;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * After a timed-out send, the bytes its records carried are owed: the next send must begin with
 * them (the contract suite's RETRACTABLE_SENDS, which TLS lacks), and then every byte arrives
 * exactly once.
 */
@ExtendWith(NoDescriptorLeaks.class)
class SendAccountingTest {

    @BeforeAll
    static void warm() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().timeout(Duration.ofMillis(100));
            p.client().sendAll(new byte[] {1});
            p.server().recv(1);
        }
    }

    private static byte at(long i) {
        return (byte) (i * 31 + (i >>> 8));
    }

    private static ByteBuffer pattern(long from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put(at(from + i));
        }
        return b.flip();
    }

    @Test
    void theNextSendMustRepeatWhatATimedOutSendLeftAndThenEveryByteArrivesOnce() throws Exception {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().timeout(Duration.ofMillis(100));
            long reported = 0;
            ByteBuffer last = null;
            for (int i = 0; i < 100_000; i++) {
                ByteBuffer b = pattern(reported, 50_000);
                try {
                    p.client().sendAll(b);
                    reported += b.position();
                } catch (SocketTimeoutException full) {
                    reported += b.position();
                    last = b;
                    break;
                }
            }
            assertTrue(last != null, "the buffers never filled");
            ByteBuffer other = ByteBuffer.wrap(new byte[] {9, 9, 9});
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.client().send(other));
            assertTrue(e.getMessage().contains("must begin with those bytes"), e.getMessage());
            assertEquals(0, other.position(), "the refused send took nothing");

            long expected = reported + last.remaining();
            CompletableFuture<Long> reader = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocate(65536);
                    long pos = 0;
                    while (true) {
                        b.clear();
                        int n = p.server().recv(b);
                        if (n == 0) {
                            break;
                        }
                        for (int k = 0; k < n; k++) {
                            if (b.get(k) != at(pos + k)) {
                                throw new AssertionError("byte " + (pos + k) + " is wrong");
                            }
                        }
                        pos += n;
                    }
                    reader.complete(pos);
                } catch (Throwable t) {
                    reader.completeExceptionally(t);
                }
            });
            p.client().timeout(Duration.ofSeconds(20));
            p.client().sendAll(last); // the repeat: the owed bytes first, then the rest
            p.client().shutdown(Shutdown.WRITE);
            assertEquals(expected, reader.get(30, TimeUnit.SECONDS), "every byte once, in order");
        }
    }

    @Test
    void aShortRepeatCountsOnlyWhatItCarries() throws Exception {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().timeout(Duration.ofMillis(100));
            long reported = 0;
            ByteBuffer last = null;
            for (int i = 0; i < 100_000 && last == null; i++) {
                ByteBuffer b = pattern(reported, 50_000);
                try {
                    p.client().sendAll(b);
                } catch (SocketTimeoutException full) {
                    last = b;
                }
                reported += b.position();
            }
            assertTrue(last != null && last.remaining() > 10, "a send was left with bytes");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocate(65536);
                    int n;
                    while ((n = p.server().recv(b.clear())) > 0) {
                        got.write(b.array(), 0, n);
                    }
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }, r -> Thread.ofVirtual().start(r));
            long expected = reported + last.remaining();
            p.client().timeout(Duration.ofSeconds(20));
            ByteBuffer tenOfThem = last.slice(last.position(), 10);
            p.client().sendAll(tenOfThem);
            assertEquals(10, tenOfThem.position());
            last.position(last.position() + 10);
            p.client().sendAll(last);
            p.client().shutdown(Shutdown.WRITE);
            reader.get(30, TimeUnit.SECONDS);
            byte[] all = got.toByteArray();
            assertEquals(expected, all.length, "every byte once");
            for (int k = 0; k < all.length; k++) {
                assertEquals(at(k), all[k], "byte " + k);
            }
        }
    }
}
