package org.sockets.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.tls.internal.TlsFactory;

/**
 * Makes TLS endpoints over connected stream endpoints (Python's {@code SSLContext.wrap_socket}):
 * as a client, as a server, as a listener that wraps what it accepts, and as a STARTTLS upgrade.
 *
 * {@snippet :
 * Endpoint tcp = Sockets.open(Family.INET, SocketType.STREAM)
 *         .timeout(Duration.ofSeconds(10))
 *         .connect(Address.of("127.0.0.1", 993));
 * try (TlsEndpoint tls = Tls.client(tcp, TlsOptions.defaults().withPeerHost("localhost"))) {
 *     byte[] greeting = tls.recv(1024);
 * }
 * }
 *
 * <p>The TLS endpoint owns the endpoint it wraps: closing it closes that one (except after
 * {@link TlsEndpoint#unwrap()}), and a factory here that fails closes it too, so nothing leaks
 * when the caller only holds the result.
 */
public final class Tls {

    private Tls() {
    }

    /**
     * Starts TLS as a client over a connected stream endpoint and returns once the handshake is
     * done, bounded by the endpoint's timeout (one deadline for the whole handshake).
     *
     * @param connected a connected stream endpoint, TCP, Unix or other
     * @param options   the options; {@link TlsOptions#peerHost()} is required unless resuming
     * @return the TLS endpoint, handshake complete
     * @throws IllegalArgumentException if no peer host is set, or the endpoint is not a stream
     * @throws TlsVerificationException if the server's certificate fails verification
     * @throws java.net.SocketTimeoutException if the handshake outlasts the endpoint's timeout
     * @throws IOException on other failures; {@code connected} is closed on any failure
     */
    public static TlsEndpoint client(Endpoint connected, TlsOptions options) throws IOException {
        return TlsFactory.client(connected, options, Deadline.of(connected.timeout()));
    }

    /**
     * {@link #client(Endpoint, TlsOptions)} with the whole handshake bounded by {@code handshake}
     * instead of the endpoint's timeout: how a protocol client bounds it without touching the
     * endpoint's timeout (a user's connector may hand over an endpoint that has none).
     *
     * @param connected a connected stream endpoint
     * @param options   the options; {@link TlsOptions#peerHost()} is required unless resuming
     * @param handshake when to give up on the handshake
     * @return the TLS endpoint, handshake complete
     * @throws java.net.SocketTimeoutException if the handshake outlasts {@code handshake}
     * @throws IOException as {@link #client(Endpoint, TlsOptions)}; {@code connected} is closed on any failure
     */
    public static TlsEndpoint client(Endpoint connected, TlsOptions options, Deadline handshake) throws IOException {
        return TlsFactory.client(connected, options, handshake);
    }

    /**
     * Starts TLS as a server over a connected stream endpoint, without I/O: the handshake runs on
     * the first {@code recv}, {@code send} or {@link TlsEndpoint#handshake()}, so an accepting
     * thread never waits for a slow client.
     *
     * @param connected a connected stream endpoint
     * @param options   the options, with a server certificate (or an {@code SSLContext} that has one)
     * @return the TLS endpoint, handshake pending
     * @throws IllegalArgumentException if the options have no certificate and no {@code SSLContext},
     *         or the endpoint is not a stream
     */
    public static TlsEndpoint server(Endpoint connected, TlsOptions options) {
        return TlsFactory.server(connected, options);
    }

    /**
     * Wraps a listening endpoint: its {@link TlsListener#accept()} returns server endpoints whose
     * handshakes run later, in the threads that use them.
     *
     * @param listening a listening stream endpoint
     * @param options   server options, as for {@link #server(Endpoint, TlsOptions)}
     * @return the listener, which owns {@code listening}
     * @throws IllegalArgumentException as {@link #server(Endpoint, TlsOptions)} does
     */
    public static TlsListener listen(Endpoint listening, TlsOptions options) {
        return TlsFactory.listen(listening, options);
    }

    /**
     * Upgrades a live plain connection to TLS as a client (STARTTLS, STLS, AUTH TLS), after the
     * server agreed. The caller passes the bytes it read but did not use: if there are any, they
     * came unprotected after the upgrade command and may be an attacker's, so the upgrade fails
     * and nothing is written (curl CVE-2021-22947).
     *
     * @param plain      the connected plain endpoint
     * @param unconsumed the caller's read buffer, from its position to its limit (may be empty)
     * @param options    client options, as for {@link #client(Endpoint, TlsOptions)}
     * @return the TLS endpoint, handshake complete
     * @throws TlsUpgradeException if {@code unconsumed} has bytes remaining; nothing was sent
     * @throws IOException as {@link #client(Endpoint, TlsOptions)}; {@code plain} is closed on any failure
     */
    public static TlsEndpoint startTls(Endpoint plain, ByteBuffer unconsumed, TlsOptions options) throws IOException {
        return TlsFactory.startTls(plain, unconsumed, options, Deadline.of(plain.timeout()));
    }

    /**
     * {@link #startTls(Endpoint, ByteBuffer, TlsOptions)} with the handshake bounded by
     * {@code handshake} instead of the endpoint's timeout.
     *
     * @param plain      the connected plain endpoint
     * @param unconsumed the caller's read buffer, from its position to its limit (may be empty)
     * @param options    client options
     * @param handshake  when to give up on the handshake
     * @return the TLS endpoint, handshake complete
     * @throws TlsUpgradeException if {@code unconsumed} has bytes remaining; nothing was sent
     * @throws IOException as {@link #client(Endpoint, TlsOptions)}; {@code plain} is closed on any failure
     */
    public static TlsEndpoint startTls(Endpoint plain, ByteBuffer unconsumed, TlsOptions options, Deadline handshake) throws IOException {
        return TlsFactory.startTls(plain, unconsumed, options, handshake);
    }
}
