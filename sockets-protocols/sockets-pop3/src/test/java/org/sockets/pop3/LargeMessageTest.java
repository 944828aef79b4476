package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.Dovecot;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A 50 MiB message streams through a 64 MiB heap (its own surefire execution, -Xmx64m): delivered
 * from a generator, retrieved over STLS and compared by digest, never held whole on either side.
 */
@ExtendWith(NoDescriptorLeaks.class)
class LargeMessageTest {

    static final long SIZE = 50L << 20;

    @org.junit.jupiter.api.BeforeAll
    static void once() throws Exception {
        Once.jdk();
    }

    /** SIZE bytes of 100-byte CRLF lines, every 7th starting with a dot, some 8-bit. */
    static InputStream generated(MessageDigest digest) {
        byte[] header = "Subject: big\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= SIZE) {
                    return -1;
                }
                int n = (int) Math.min(len, SIZE - at);
                for (int i = 0; i < n; i++, at++) {
                    byte v;
                    if (at < header.length) {
                        v = header[(int) at];
                    } else {
                        long p = at - header.length;
                        long col = p % 100;
                        long line = p / 100;
                        v = col == 98 ? (byte) '\r' : col == 99 ? (byte) '\n'
                                : col == 0 && line % 7 == 0 ? (byte) '.' : (byte) ((line % 11 == 0) ? 0xe9 : 'a' + col % 26);
                    }
                    b[off + i] = v;
                }
                if (digest != null) {
                    digest.update(b, off, n);
                }
                return n;
            }
        };
    }

    @Test
    void fiftyMebibytesStreamUnderASmallHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 80L << 20, "run under -Xmx64m: " + Runtime.getRuntime().maxMemory());
        try (Dovecot dovecot = Dovecot.start()) {
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            // SIZE - 16 header bytes is not a multiple of 100; the last line is cut short, so end it.
            dovecot.deliver("alice", new java.io.SequenceInputStream(generated(sent),
                    new java.io.ByteArrayInputStream("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    return n;
                }
            });
            sent.update("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ClientOptions o = ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(30))
                    .withTrustedCertificates(dovecot.caPem()).withCredentials("alice", dovecot.password("alice")::toCharArray);
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            long n = 0;
            try (Pop3Client pop = Pop3Client.builder("localhost").port(dovecot.pop3Port()).options(o).connect()) {
                assertEquals(SIZE + 2, pop.list(1).size());
                try (InputStream in = pop.retrieve(1)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int r; (r = in.read(buf)) >= 0; ) {
                        got.update(buf, 0, r);
                        n += r;
                    }
                }
                pop.quit();
            }
            assertEquals(SIZE + 2, n);
            assertEquals(java.util.HexFormat.of().formatHex(sent.digest()), java.util.HexFormat.of().formatHex(got.digest()));
        }
    }
}
