package org.sockets.protocol;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The URL front door, Python's {@code urllib.request.urlopen} for every scheme a protocol module
 * serves: {@link #open(URI, ClientOptions)} picks the {@link ProtocolProvider} for the URL's scheme
 * and returns the body of what it names.
 *
 * {@snippet :
 * ClientOptions options = ClientOptions.defaults()
 *         .withCredentials("alice", () -> System.console().readPassword("password: "))
 *         .withTrustedCertificates(Path.of("ca.pem"));
 * try (Retrieval r = Protocols.open(URI.create("pop3s://alice@mail.example.org/1"), options)) {
 *     r.body().transferTo(System.out);
 * }
 * }
 *
 * <p><b>Which provider.</b> The one named by the system property
 * {@code org.sockets.protocol.SCHEME} (e.g. {@code org.sockets.protocol.pop3=pop3}) if set, else
 * the one with the highest non-negative {@link ProtocolProvider#priority()} that serves the
 * scheme. Providers are found once, with {@link java.util.ServiceLoader}, on the module path and
 * the class path; one that fails to load is logged and listed in the error for a scheme nobody
 * serves, and does not stop the others. Typed clients (a POP3 mailbox, an FTP session) come from
 * each module's own builder, not from here.
 *
 * <p><b>Credentials.</b> The user comes from the URL ({@code pop3://alice@host/}) or from the
 * options; the password only ever from the options' supplier. A password in the URL
 * ({@code alice:secret@}) is refused: it would sit in logs, shell history and process lists.
 */
public final class Protocols {

    private Protocols() {
    }

    /**
     * Opens what {@code uri} names with the default options ({@link ClientOptions#defaults()}).
     *
     * @param uri an absolute URL, e.g. {@code pop3://mail.example.org/1}
     * @return the retrieval, which the caller must close
     * @throws IOException if connecting, logging in or starting the transfer fails
     * @throws IllegalArgumentException if the URL has no scheme, holds a password or names a user
     *         (there is no password supplier in the default options)
     * @throws ProtocolNotFoundException if no provider serves the scheme
     */
    public static Retrieval open(URI uri) throws IOException {
        return open(uri, ClientOptions.defaults());
    }

    /**
     * Opens what {@code uri} names with {@code options}. A user in the URL becomes the user of
     * the credentials, whose password supplier the options must carry; if the options name
     * another user, the call is refused rather than guessing which one was meant.
     *
     * @param uri     an absolute URL; the scheme is matched without regard to case
     * @param options timeouts, limits, connector, TLS, credentials, transcript
     * @return the retrieval, which the caller must close
     * @throws IOException if connecting, logging in or starting the transfer fails
     * @throws IllegalArgumentException if the URL has no scheme or holds a password, or its user
     *         has no password supplier in the options or differs from theirs
     * @throws ProtocolNotFoundException if no provider serves the scheme
     */
    public static Retrieval open(URI uri, ClientOptions options) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        URI checked = checked(uri);
        ClientOptions merged = withUrlUser(checked, options);
        ProtocolProvider provider = ProtocolProviders.select(checked.getScheme());
        Retrieval r = provider.open(checked, merged);
        if (r == null) {
            throw new IllegalStateException("protocol provider '" + provider.name() + "' returned no retrieval for " + checked);
        }
        return r;
    }

    /**
     * The providers found, highest priority first (those that failed to load are left out).
     *
     * @return the providers
     */
    public static List<ProtocolProvider> providers() {
        return ProtocolProviders.all();
    }

    /** The URL with its scheme in lower case; refuses a relative URL and a password, without echoing it. */
    static URI checked(URI uri) {
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("URL has no scheme: " + uri);
        }
        String raw = uri.getRawUserInfo();
        // A percent-encoded ':' too: "alice%3Asecret" decodes to what reads as user:password, and
        // the user is echoed in later messages.
        if (raw != null && (raw.indexOf(':') >= 0 || uri.getUserInfo().indexOf(':') >= 0)) {
            // The message leaves the URL out: it holds the password.
            throw new IllegalArgumentException("a password in the URL is refused (it would sit in logs, shell history"
                    + " and process lists): name only the user (scheme://user@host/) and give the password through"
                    + " ClientOptions.withCredentials(user, supplier)");
        }
        if (raw != null && raw.isEmpty()) {
            throw new IllegalArgumentException("URL has an empty user name before '@': " + uri);
        }
        String scheme = ProtocolProviders.lower(uri.getScheme());
        if (scheme.equals(uri.getScheme())) {
            return uri;
        }
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }

    private static ClientOptions withUrlUser(URI uri, ClientOptions options) {
        String user = uri.getUserInfo();
        if (user == null) {
            return options;
        }
        // RFC 2384 (POP) and RFC 5092 (IMAP): "user;AUTH=mechanism"; the provider reads the
        // mechanism, the user is what comes before it (and may be absent: ";AUTH=*@host").
        int auth = user.toLowerCase(java.util.Locale.ROOT).indexOf(";auth=");
        if (auth >= 0) {
            user = user.substring(0, auth);
            if (user.isEmpty()) {
                return options;
            }
        }
        Optional<Credentials> given = options.credentials();
        if (given.isEmpty()) {
            throw new IllegalArgumentException("URL names user '" + user + "' but the options give no password supplier:"
                    + " use ClientOptions.withCredentials(\"" + user + "\", supplier)");
        }
        if (!given.get().user().equals(user)) {
            throw new IllegalArgumentException("URL names user '" + user + "' but the options' credentials are for '"
                    + given.get().user() + "': name one user");
        }
        return options;
    }
}
