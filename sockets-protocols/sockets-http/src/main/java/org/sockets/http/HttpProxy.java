package org.sockets.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.sockets.protocol.Credentials;

/**
 * An HTTP proxy (curl's {@code -x http://host:port}, urllib's {@code ProxyHandler}): requests for
 * {@code http://} URLs go to it in absolute form ({@code GET http://origin/path HTTP/1.1}); for
 * {@code https://} URLs the client asks it for a {@code CONNECT} tunnel and runs TLS through the
 * tunnel, verified against the origin's host name, so the proxy sees neither the request nor the
 * answer.
 *
 * <p>Credentials for the proxy go as {@code Proxy-Authorization: Basic} to the proxy only: in the
 * {@code CONNECT} request, or in each absolute-form request, never inside a tunnel. The proxy is
 * reached in plain text, so they are sent only with the explicit opt-in
 * {@link #withPlainTextCredentials()}; without it the request fails with a
 * {@link org.sockets.protocol.PlainTextRefusedException} before any byte is sent.
 *
 * {@snippet :
 * HttpOptions http = HttpOptions.defaults().withProxy(HttpProxy.of(URI.create("http://proxy.example:3128"))
 *         .withCredentials("alice", () -> vault.password("proxy"))
 *         .withPlainTextCredentials());
 * }
 *
 * @param host                 the proxy's host name or IP literal (an IPv6 literal without brackets)
 * @param port                 the proxy's port, 1 to 65535
 * @param credentials          sent as {@code Proxy-Authorization: Basic}. Default: none
 * @param plainTextCredentials the opt-in to send the credentials to the proxy in clear. Default false
 * @param tunnelHeaders        extra fields for the {@code CONNECT} request (checked: no CR, LF or NUL,
 *                             gh-146211). Default: none
 */
public record HttpProxy(String host, int port, Optional<Credentials> credentials, boolean plainTextCredentials,
                        Headers tunnelHeaders) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the host is empty or holds a space or control character,
     *         or the port is out of range
     */
    public HttpProxy {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tunnelHeaders, "tunnelHeaders");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs a host");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@') {
                throw new IllegalArgumentException("proxy host holds " + Wire.describe(c) + " at index " + i + ": \""
                        + Wire.escape(host) + "\"");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1 to 65535, not " + port);
        }
        for (var f : tunnelHeaders.fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (n.equals("host") || n.equals("proxy-authorization")) {
                throw new IllegalArgumentException("tunnel header " + f.name() + " is set by the client");
            }
        }
    }

    /**
     * A proxy without credentials.
     *
     * @param host host name or IP literal
     * @param port port
     * @return the proxy
     * @throws IllegalArgumentException if the host or port is not usable
     */
    public static HttpProxy of(String host, int port) {
        return new HttpProxy(host, port, Optional.empty(), false, Headers.of());
    }

    /**
     * A proxy from its URL, {@code http://host[:port]} (port 80 if absent; curl's default 1080 is
     * not guessed). User info in the URL is refused: give credentials with
     * {@link #withCredentials(Credentials)}.
     *
     * @param url an {@code http} URL with a host and no path but {@code /}
     * @return the proxy
     * @throws IllegalArgumentException for another scheme (an {@code https} proxy is not
     *         supported), user info, or a path
     */
    public static HttpProxy of(URI url) {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http")) {
            throw new IllegalArgumentException("a proxy URL is http://host:port (TLS to the proxy is not supported), not " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("user info in a proxy URL is refused (it would sit in logs): use"
                    + " HttpProxy.withCredentials for " + url.getHost());
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("proxy URL names no host: " + url);
        }
        String path = url.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null) {
            throw new IllegalArgumentException("a proxy URL has no path or query: " + url);
        }
        return of(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
    }

    /**
     * A copy sending {@code Proxy-Authorization: Basic} with these credentials (in clear only
     * after {@link #withPlainTextCredentials()}).
     *
     * @param c the credentials
     * @return the copy
     */
    public HttpProxy withCredentials(Credentials c) {
        return new HttpProxy(host, port, Optional.of(Objects.requireNonNull(c, "credentials")), plainTextCredentials,
                tunnelHeaders);
    }

    /**
     * A copy with credentials made of a user name and a password supplier.
     *
     * @param user     the user name (no colon: Basic cannot carry one)
     * @param password gives a fresh array each call; zeroed after use
     * @return the copy
     */
    public HttpProxy withCredentials(String user, Supplier<char[]> password) {
        return withCredentials(Credentials.of(user, password));
    }

    /**
     * A copy that allows the proxy credentials to go to the proxy in clear: the explicit opt-in.
     *
     * @return the copy
     */
    public HttpProxy withPlainTextCredentials() {
        return new HttpProxy(host, port, credentials, true, tunnelHeaders);
    }

    /**
     * A copy adding a field to every {@code CONNECT} request (not to requests inside the tunnel).
     *
     * @param name  a token, not {@code Host} or {@code Proxy-Authorization}
     * @param value no CR, LF, NUL or control character but HTAB
     * @return the copy
     * @throws IllegalArgumentException if the field is not allowed
     */
    public HttpProxy withTunnelHeader(String name, String value) {
        return new HttpProxy(host, port, credentials, plainTextCredentials, tunnelHeaders.with(name, value));
    }

    /** The proxy as {@code http://host:port}, credentials left out. */
    @Override
    public String toString() {
        return "HttpProxy[http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + credentials.map(c -> ", user " + c.user()).orElse("") + "]";
    }
}
