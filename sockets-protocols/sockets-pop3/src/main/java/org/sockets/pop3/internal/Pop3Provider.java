package org.sockets.pop3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.sockets.pop3.MessageInfo;
import org.sockets.pop3.Pop3Client;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The URL front door's provider for {@code pop3://}, {@code pop3s://} (implicit TLS, port 995)
 * and RFC 2384's {@code pop://}: {@code pop3://user;auth=MECH@host/N} streams message N (curl's
 * message number); without N, the LIST lines as curl prints them ({@code "1 1234\r\n"} each).
 * {@code ;auth=} is RFC 2384's: absent or {@code *} lets the client choose, {@code +APOP} asks
 * for APOP, any other value names the one SASL mechanism to use.
 */
public final class Pop3Provider implements ProtocolProvider {

    static final Set<String> SCHEMES = Set.of("pop3", "pop3s", "pop");

    /** The provider ServiceLoader makes. */
    public Pop3Provider() {
    }

    @Override
    public String name() {
        return "pop3";
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public int defaultPort(String scheme) {
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("the pop3 provider does not serve scheme " + scheme);
        }
        return scheme.equals("pop3s") ? Pop3Client.TLS_PORT : Pop3Client.PORT;
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) throws IOException {
        Pop3Url url = Pop3Url.parse(uri);
        ClientOptions o = url.scheme().equals("pop3s") ? options.withTlsMode(TlsMode.IMPLICIT) : options;
        Pop3Client.Builder b = Pop3Client.builder(url.host()).options(o)
                .port(url.port() > 0 ? url.port() : defaultPort(url.scheme()));
        if (o.credentials().isPresent()) {
            Credentials cr = o.credentials().get();
            b.login(url.login(SaslCredentials.password(cr.user(), cr.password())));
        }
        Pop3Client pop = b.connect();
        try {
            if (url.message().isEmpty()) {
                StringBuilder lines = new StringBuilder();
                for (MessageInfo m : pop.list()) {
                    lines.append(m.number()).append(' ').append(m.size()).append("\r\n");
                }
                pop.quit();
                byte[] body = lines.toString().getBytes(StandardCharsets.US_ASCII);
                return Retrieval.of(new ByteArrayInputStream(body), pop).withLength(body.length).withContentType("text/plain");
            }
            int n = url.message().getAsInt();
            long size = pop.list(n).size();
            InputStream body = pop.retrieve(n);
            // Closing after the whole body says goodbye with QUIT (no DELE was sent, so nothing is
            // removed); closing early just drops the connection.
            return Retrieval.of(body, () -> {
                try {
                    if (body.read() < 0) {
                        pop.quit();
                    }
                } catch (IOException ignored) {
                    // the body is what counted; a failed goodbye changes nothing on the server
                } finally {
                    pop.close();
                }
            }).withLength(size).withContentType("message/rfc822");
        } catch (IOException | RuntimeException | Error e) {
            pop.close();
            throw e;
        }
    }
}
