package org.sockets.ftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Shutdown;
import org.sockets.api.spi.ForwardingEndpoint;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsTruncationException;

/**
 * An endpoint that hands every call to another, for the two places FTPS needs to stand between
 * the protocol connection and the transport: the TLS control connection that CCC may turn plain
 * ({@link Control}), and a protected data connection whose end without {@code close_notify} may
 * count ({@link Data}).
 */
abstract class Relay extends ForwardingEndpoint {

    /** Where the calls go; only {@link Control} changes it (at CCC). */
    volatile Endpoint net;

    Relay(Endpoint net) {
        super(net);
        this.net = net;
    }

    @Override
    protected Endpoint delegate() {
        return net;
    }

    // Forwarded, not the loop of sends the base builds: over TLS one deadline bounds a whole sendAll.
    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        net.sendAll(src);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        net.sendAll(src, deadline);
    }

    /** Shared by the TLS relays: the session facts come from the TLS endpoint. */
    abstract static class Secure extends Relay implements TlsEndpoint {
        final TlsEndpoint tls;

        Secure(TlsEndpoint tls) {
            super(tls);
            this.tls = tls;
        }

        @Override
        public TlsEndpoint handshake() throws IOException {
            tls.handshake();
            return this;
        }

        @Override
        public SSLSession session() throws IOException {
            return tls.session();
        }

        @Override
        public Optional<String> applicationProtocol() throws IOException {
            return tls.applicationProtocol();
        }
    }

    /**
     * The TLS control connection. It stays a {@link TlsEndpoint} for the protocol connection's
     * whole life; after CCC ({@link #unwrap()}) the bytes go in clear over the transport while the
     * session stays available for data connections to resume.
     */
    static final class Control extends Secure {
        private boolean cleared;

        Control(TlsEndpoint tls) {
            super(tls);
        }

        boolean cleared() {
            return cleared;
        }

        /**
         * CCC: ends TLS on the control connection, within {@code bound}; the transport's own
         * timeout is restored afterwards.
         */
        Endpoint clear(Duration bound) throws IOException {
            Optional<Duration> before = tls.timeout();
            // unwrap() is bounded by the endpoint's timeout, which a user's connector may leave unset.
            tls.timeout(bound);
            Endpoint plain = tls.unwrap();
            if (before.isPresent()) {
                plain.timeout(before.get());
            } else {
                plain.blocking();
            }
            net = plain;
            cleared = true;
            return plain;
        }

        @Override
        public Endpoint unwrap() throws IOException {
            throw new IllegalStateException("the FTP control connection leaves TLS only by CCC (FtpClient.Builder.clearCommandChannel)");
        }
    }

    /**
     * A protected data connection. A transport end without {@code close_notify} is reported as
     * the end of the data when nothing contradicts it: the size is unknown, or exactly the known
     * size arrived. The transfer then still needs the server's 226 or 250 to count (RFC 4217
     * §10 leaves the end to the FTP reply; many servers never send close_notify).
     */
    static final class Data extends Secure {
        /** The most a close reads while waiting for the server's end: enough for tickets and alerts. */
        private static final int DRAIN_LIMIT = 256 * 1024;

        private final long expected;
        private final Duration drainBound;
        private long received;
        private boolean ended;
        private boolean endedWithoutCloseNotify;

        Data(TlsEndpoint tls, long expected, Duration drainBound) {
            super(tls);
            this.expected = expected;
            this.drainBound = drainBound;
        }

        boolean endedWithoutCloseNotify() {
            return endedWithoutCloseNotify;
        }

        @Override
        public int recv(ByteBuffer dst) throws IOException {
            try {
                return counted(tls.recv(dst));
            } catch (TlsTruncationException cut) {
                return end(cut);
            }
        }

        @Override
        public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
            try {
                return counted(tls.recv(dst, deadline));
            } catch (TlsTruncationException cut) {
                return end(cut);
            }
        }

        private int counted(int n) {
            if (n <= 0) {
                ended = true; // recv returns 0 only at close_notify or for an empty buffer, which DataTransfer never passes
            }
            received += Math.max(n, 0);
            return n;
        }

        private int end(TlsTruncationException cut) throws TlsTruncationException {
            ended = true;
            if (expected >= 0 && received != expected) {
                TlsTruncationException e = new TlsTruncationException("the data connection ended without close_notify after "
                        + received + " of the " + expected + " bytes announced");
                e.initCause(cut);
                throw e;
            }
            endedWithoutCloseNotify = true;
            return 0;
        }

        /**
         * Ends TLS cleanly: close_notify and FIN, then reads what the server still sends (a TLS 1.3
         * ticket nobody read, its own close_notify) until it closes, within bounds. Closing with
         * unread bytes in the socket would reset the connection, and a server still reading an
         * upload then reports a failure (vsftpd: 426) instead of 226.
         */
        @Override
        public void close() {
            try {
                if (tls.isOpen()) {
                    // shutdown() is bounded by the endpoint's timeout, which a connector may leave unset.
                    tls.timeout(drainBound);
                    tls.shutdown(Shutdown.WRITE);
                    if (!ended) {
                        drain();
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the transfer's verdict comes from the server's reply; close anyway
            } finally {
                tls.close();
            }
        }

        private void drain() throws IOException {
            Deadline d = Deadline.after(drainBound);
            ByteBuffer b = ByteBuffer.allocate(16 * 1024);
            for (long total = 0; total < DRAIN_LIMIT; ) {
                b.clear();
                int n = tls.recv(b, d);
                if (n <= 0) {
                    return;
                }
                total += n;
            }
        }

        @Override
        public Endpoint unwrap() throws IOException {
            throw new IllegalStateException("an FTPS data connection is not unwrapped");
        }
    }
}
