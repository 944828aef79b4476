package org.sockets.samples.kit;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.sockets.protocol.AuthenticationFailedException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.DotBlock;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.Secret;
import org.sockets.protocol.StatusReply;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.TlsPolicy;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * A tiny line protocol for the fetch sample's tests, so its exit codes are shown before any real
 * protocol module exists; built only on the core (readers, credential path, TLS policy), as a
 * real module is. {@code kit://} upgrades with STARTTLS when the policy asks, {@code kits://} is
 * TLS from the first byte.
 *
 * <pre>
 * S: +OK kit ready [STARTTLS]
 * C: STARTTLS                 S: +OK        (when the policy requires TLS)
 * C: USER alice               S: +OK        (with credentials)
 * C: PASS secret              S: +OK | -ERR (a refusal is an AuthenticationFailedException)
 * C: GET /path                S: +OK size, then a dot-terminated body
 * </pre>
 */
public final class KitProvider implements ProtocolProvider {

    @Override
    public String name() {
        return "kit";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("kit", "kits");
    }

    @Override
    public int defaultPort(String scheme) {
        return switch (scheme) {
            case "kit" -> 7777;
            case "kits" -> 7778;
            default -> throw new IllegalArgumentException("kit does not serve " + scheme);
        };
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) throws IOException {
        ClientOptions o = uri.getScheme().equals("kits") ? options.withTlsMode(TlsMode.IMPLICIT) : options;
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        Command get = Command.of("GET", path); // CR/LF/NUL in the path: refused before connecting
        ProtocolConnection c = ProtocolConnection.open("kit", address(uri), o);
        try {
            c.beginOperation();
            StatusReply greeting = Replies.pop3(c).expectOk("greeting");
            TlsPolicy policy = TlsPolicy.of(o);
            if (policy.upgradeNeeded(c)) {
                c = policy.startTls(c, greeting.text().contains("STARTTLS"), "STARTTLS", plain -> {
                    plain.send(Command.of("STARTTLS"));
                    Replies.pop3(plain).expectOk("STARTTLS");
                });
            }
            Optional<Credentials> credentials = o.credentials();
            if (credentials.isPresent()) {
                policy.beforeCredentials(c);
                c.send(Command.of("USER", credentials.get().user()));
                Replies.pop3(c).expectOk("USER");
                c.sendCredential(Command.of("PASS"), Secret.password(credentials.get()));
                StatusReply pass = Replies.pop3(c);
                if (!pass.isPositive()) {
                    throw c.abandon(new AuthenticationFailedException("PASS ****", pass.status(), pass.text()));
                }
            }
            c.send(get);
            StatusReply size = Replies.pop3(c).expectOk(get.toString());
            long length = Numbers.parse(size.text().split(" ", 2)[0], Long.MAX_VALUE, "kit body size");
            ProtocolConnection open = c;
            return Retrieval.of(DotBlock.stream(open), open::close).withLength(length).withContentType("text/plain");
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
