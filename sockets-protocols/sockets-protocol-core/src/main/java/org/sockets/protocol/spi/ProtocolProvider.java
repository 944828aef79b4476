package org.sockets.protocol.spi;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.sockets.api.Address;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Retrieval;

/**
 * A protocol client that the URL front door ({@link org.sockets.protocol.Protocols#open(URI)})
 * can use for some URL schemes. Implementations are found with {@link java.util.ServiceLoader}:
 * declare them with {@code provides org.sockets.protocol.spi.ProtocolProvider with ...} in
 * {@code module-info.java} <em>and</em> list them in
 * {@code META-INF/services/org.sockets.protocol.spi.ProtocolProvider} for class-path users; keep
 * the class in an unexported package ({@code org.sockets.<p>.internal}).
 *
 * <p>When several providers serve a scheme, the one with the highest {@link #priority()} wins,
 * unless the system property {@code org.sockets.protocol.SCHEME} (e.g.
 * {@code org.sockets.protocol.pop3=pop3}) names another. A provider with a negative priority
 * (a test or sample provider) is used only when that property names it.
 *
 * <p>The SPI is only the front door: typed clients (a POP3 mailbox, an FTP session) come from each
 * module's own builder. Implementations need a public no-argument constructor (or a public static
 * {@code provider()} method on the module path) and must be safe for use by many threads.
 *
 * {@snippet :
 * public final class Pop3Provider implements ProtocolProvider {
 *     public String name() { return "pop3"; }
 *     public Set<String> schemes() { return Set.of("pop3", "pop3s"); }
 *     public int defaultPort(String scheme) { return scheme.equals("pop3s") ? 995 : 110; }
 *     public Retrieval open(URI uri, ClientOptions options) throws IOException {
 *         // connect, log in, RETR the message the path names; the body streams from the socket
 *         return Retrieval.of(body, session).withContentType("message/rfc822");
 *     }
 * }
 * }
 */
public interface ProtocolProvider {

    /** The priority of the library's own protocol modules. */
    int DEFAULT_PRIORITY = 0;

    /**
     * A short, unique name, such as {@code "pop3"}, used to select this provider explicitly with
     * the {@code org.sockets.protocol.SCHEME} system property and shown in error messages.
     *
     * @return the name
     */
    String name();

    /**
     * The URL schemes this provider serves, lower case ({@code "pop3"}, {@code "pop3s"}).
     *
     * @return the schemes, not empty
     */
    Set<String> schemes();

    /**
     * The port a URL of {@code scheme} means when it names none ({@code pop3} 110, {@code pop3s}
     * 995).
     *
     * @param scheme one of {@link #schemes()}
     * @return the port, 1 to 65535
     * @throws IllegalArgumentException if this provider does not serve {@code scheme}
     */
    int defaultPort(String scheme);

    /**
     * The server address a URL names: its host (IPv6 literals in brackets allowed) and its port,
     * else {@link #defaultPort(String)} for its scheme. With a Unix-socket connector the address
     * still gives the TLS peer name and whatever the protocol says about the host.
     *
     * @param uri a URL with a host
     * @return the address to connect to
     * @throws IllegalArgumentException if the URL names no host (or a host that is not valid)
     */
    default Address address(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URL names no host (or an invalid one): " + uri);
        }
        int port = uri.getPort();
        return Address.of(host, port < 0 ? defaultPort(uri.getScheme()) : port);
    }

    /**
     * Ranks providers that serve the same scheme; higher wins. The library's modules use
     * {@link #DEFAULT_PRIORITY}; a negative priority is never chosen unless named.
     *
     * @return the priority
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * Opens what {@code uri} names and returns its body as a stream. The front door has already
     * checked the URI: its scheme is one of {@link #schemes()} (lower case), it holds no password,
     * and a user in it is the user of {@code options.credentials()}, whose password supplier is the
     * only source of the password. The provider applies {@code options} (timeouts, deadline,
     * limits, connector, TLS mode and trust, transcript) and the TLS policy for credentials.
     *
     * <p>A body the server cuts short must fail with
     * {@link org.sockets.protocol.TruncatedTransferException} from the stream, never end as a
     * short success; a refused login is an {@link org.sockets.protocol.AuthenticationFailedException};
     * timeouts are {@link java.net.SocketTimeoutException}s.
     *
     * @param uri     the URL, scheme lower case, without a password
     * @param options the client options, with the URL's user in their credentials
     * @return the open retrieval, which the caller must close
     * @throws IOException if it cannot connect, log in or start the transfer
     * @throws IllegalArgumentException if the URI names nothing this protocol can fetch
     */
    Retrieval open(URI uri, ClientOptions options) throws IOException;
}
