package org.sockets.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** The checks on what goes on the wire (RFC 9110 §5, RFC 9112 §3), made when a request is built. */
final class Wire {

    private Wire() {
    }

    static boolean isTchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 0x80 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    static void checkMethod(String method) {
        Objects.requireNonNull(method, "method");
        checkToken("method", method);
    }

    static void checkToken(String what, String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an HTTP " + what + " is not empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                throw new IllegalArgumentException("an HTTP " + what + " is a token (no space, control character or"
                        + " separator): \"" + escape(s) + "\" has " + describe(s.charAt(i)) + " at index " + i);
            }
        }
    }

    static void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkToken("header name", name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("the value of header " + name + " holds " + describe(c) + " at index "
                        + i + " (only SP and HTAB of the control characters are allowed): \"" + escape(value) + "\"");
            }
            if (c > 0xff) {
                throw new IllegalArgumentException("the value of header " + name + " holds " + describe(c) + " at index "
                        + i + ", outside ISO-8859-1: \"" + escape(value) + "\"");
            }
        }
    }

    static void checkTarget(String target) {
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("an HTTP request target is not empty");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("an HTTP request target holds no space, control or non-ASCII"
                        + " character (percent-encode it): \"" + escape(target) + "\" has " + describe(c) + " at index " + i);
            }
        }
    }

    static URI checkUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("an HTTP request needs an http or https URL, not " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL names no host (or an invalid one): " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("user info in an HTTP URL is refused (it would sit in logs): " + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
        checkTarget(originForm(uri));
        checkHost(uri.getHost());
        return uri;
    }

    private static void checkHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("URL host holds " + describe(c) + ": \"" + escape(host) + "\"");
            }
        }
    }

    /** The origin-form target of a URL: its raw path (or "/") and query. */
    static String originForm(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String p = path == null || path.isEmpty() ? "/" : path;
        return query == null ? p : p + "?" + query;
    }

    static int defaultPort(String scheme) {
        return scheme.toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    /** The Host header for a URL: the host, and the port when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        String host = uri.getHost();
        return port < 0 || port == defaultPort(uri.getScheme()) ? host : host + ":" + port;
    }

    static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case 0 -> "NUL";
            case ' ' -> "SP";
            case '\t' -> "HTAB";
            default -> c < 0x20 || c == 0x7f ? String.format("control character 0x%02x", (int) c)
                    : "'" + c + "'";
        };
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 8);
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return s.length() > 200 ? b + "..." : b.toString();
    }
}
