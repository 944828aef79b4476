package org.sockets.ftp.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code ftp://} URL read as RFC 1738 §3.2.2 says: {@code ftp://user@host:port/a/b/c;type=X}
 * is {@code CWD a}, {@code CWD b}, then {@code RETR c} (X = i binary, a text) or, for
 * {@code ;type=d}, {@code NLST c}; a path ending in {@code /} lists its folder ({@code LIST}).
 * Each segment is percent-decoded on its own, so {@code %2F} stays inside one name; a decoded
 * CR, LF or NUL is refused later by the command writer.
 *
 * @param folders the folders to CWD into, decoded
 * @param name    the last segment, decoded; empty when the path ends in {@code /} (or is empty)
 * @param type    {@code 'i'}, {@code 'a'} or {@code 'd'}
 */
record FtpUrl(List<String> folders, String name, char type) {

    FtpUrl {
        folders = List.copyOf(folders);
    }

    static FtpUrl parse(URI uri) {
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
        char type = 'i';
        int semi = raw.lastIndexOf(';');
        if (semi >= 0) {
            String param = raw.substring(semi + 1).toLowerCase(Locale.ROOT);
            if (!param.matches("type=[aid]")) {
                throw new IllegalArgumentException("an ftp URL's only parameter is ;type=a, ;type=i or ;type=d, not ;"
                        + raw.substring(semi + 1) + " in " + uri);
            }
            type = param.charAt(5);
            raw = raw.substring(0, semi);
        }
        if (raw.startsWith("/")) {
            raw = raw.substring(1);
        }
        String[] parts = raw.split("/", -1);
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()) {
                folders.add(decode(parts[i], uri));
            }
        }
        return new FtpUrl(folders, decode(parts[parts.length - 1], uri), type);
    }

    private static String decode(String s, URI uri) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("a % in an ftp URL is followed by two hex digits: " + uri);
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    boolean lists() {
        return name.isEmpty() || type == 'd';
    }
}
