package org.sockets.pop3.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sockets.pop3.Pop3Login;
import org.sockets.protocol.sasl.SaslAuthenticator;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.sasl.SaslMechanism;

/**
 * A POP URL taken apart: {@code pop3://user;auth=MECH@host:port/N} (RFC 2384's {@code pop://} and
 * its {@code ;auth=}, curl's {@code pop3://} / {@code pop3s://} and message number).
 *
 * @param scheme  {@code pop3}, {@code pop3s} or {@code pop}
 * @param host    the host
 * @param port    the port, or -1 for the scheme's default
 * @param user    the user name from the userinfo, if any
 * @param auth    the {@code ;auth=} value ({@code *}, {@code +APOP}, a SASL name), if any
 * @param message the message number of the path, if any
 */
record Pop3Url(String scheme, String host, int port, Optional<String> user, Optional<String> auth, OptionalInt message) {

    static Pop3Url parse(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!Pop3Provider.SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("not a POP3 URL (pop3, pop3s, pop): " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a POP3 URL names a host: " + uri);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Optional<String> user = Optional.empty();
        Optional<String> auth = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null) {
            if (info.contains(":")) {
                // RFC 2384 §3: clear-text passwords are not permitted (the front door refuses them too).
                throw new IllegalArgumentException("a password in a POP3 URL is refused; give it through the options' credentials");
            }
            int semi = info.toLowerCase(Locale.ROOT).indexOf(";auth=");
            String name = semi < 0 ? info : info.substring(0, semi);
            if (semi >= 0) {
                auth = Optional.of(decode(info.substring(semi + ";auth=".length())));
            }
            if (!name.isEmpty()) {
                user = Optional.of(decode(name));
            }
        }
        OptionalInt message = OptionalInt.empty();
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        if (!path.isEmpty() && !path.equals("/")) {
            String n = path.substring(1);
            if (!n.matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException("the path of a POP3 URL is a message number from 1, not \"" + n + "\"");
            }
            message = OptionalInt.of(Integer.parseInt(n));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a POP3 URL has no query or fragment: " + uri);
        }
        return new Pop3Url(scheme, host, uri.getPort(), user, auth, message);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The login the {@code ;auth=} asks for: none or {@code *} any, {@code +APOP}, or one SASL mechanism. */
    Pop3Login login(SaslCredentials credentials) {
        if (auth.isEmpty() || auth.get().equals("*")) {
            return Pop3Login.auto();
        }
        String a = auth.get().toUpperCase(Locale.ROOT);
        if (a.equals("+APOP")) {
            return Pop3Login.apop();
        }
        if (a.equals("+USER")) {
            return Pop3Login.userPass();
        }
        SaslMechanism m = SaslMechanism.named(a).orElseThrow(() -> new IllegalArgumentException(
                "unknown ;auth= mechanism \"" + auth.get() + "\": use *, +APOP or a SASL mechanism name"));
        return Pop3Login.sasl(SaslAuthenticator.of(credentials).allowing(java.util.List.of(m)));
    }
}
