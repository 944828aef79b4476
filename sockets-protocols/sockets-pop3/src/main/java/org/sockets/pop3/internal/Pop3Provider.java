package org.sockets.pop3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.sockets.pop3.MessageInfo;
import org.sockets.pop3.Pop3Client;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The URL front door's provider for {@code pop3://}, {@code pop3s://} (implicit TLS, port 995)
 * and RFC 2384's {@code pop://}: {@code pop3://user;auth=MECH@host/N} gives message N; without N,
 * the LIST lines as curl prints them ({@code "1 1234\r\n"} each).
 */
public final class Pop3Provider implements ProtocolProvider {

    static final Set<String> SCHEMES = Set.of("pop3", "pop3s", "pop");

    /** The provider ServiceLoader makes. */
    public Pop3Provider() {
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    /**
     * The default port of a scheme.
     *
     * @param scheme one of {@link #schemes()}
     * @return 995 for pop3s, else 110
     */
    public int defaultPort(String scheme) {
        return scheme.equals("pop3s") ? Pop3Client.TLS_PORT : Pop3Client.PORT;
    }

    /**
     * Opens a POP3 URL: the message's bytes, or the LIST lines. The user comes from the URL (or
     * the options), the password from the options' supplier; the session quits before this
     * returns, so nothing is deleted and nothing stays open.
     *
     * @param uri     the URL
     * @param options the client options
     * @return the body
     * @throws IllegalArgumentException for a URL that is not a POP3 URL, or carries a password
     * @throws IOException on failure
     */
    public InputStream open(URI uri, ClientOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Pop3Url url = Pop3Url.parse(uri);
        ClientOptions o = options;
        if (url.user().isPresent()) {
            Credentials given = o.credentials().orElseThrow(() -> new IllegalArgumentException(
                    "the URL names user " + url.user().get() + " but the options carry no password supplier"));
            o = o.withCredentials(url.user().get(), given.password());
        }
        if (url.scheme().equals("pop3s")) {
            o = o.withTlsMode(TlsMode.IMPLICIT);
        }
        Pop3Client.Builder b = Pop3Client.builder(url.host()).options(o)
                .port(url.port() > 0 ? url.port() : defaultPort(url.scheme()));
        if (o.credentials().isPresent()) {
            Credentials cr = o.credentials().get();
            b.login(url.login(SaslCredentials.password(cr.user(), cr.password())));
        }
        try (Pop3Client pop = b.connect()) {
            byte[] body;
            if (url.message().isPresent()) {
                body = pop.retrieveBytes(url.message().getAsInt());
            } else {
                StringBuilder lines = new StringBuilder();
                for (MessageInfo m : pop.list()) {
                    lines.append(m.number()).append(' ').append(m.size()).append("\r\n");
                }
                body = lines.toString().getBytes(StandardCharsets.US_ASCII);
            }
            pop.quit();
            return new ByteArrayInputStream(body);
        }
    }
}
