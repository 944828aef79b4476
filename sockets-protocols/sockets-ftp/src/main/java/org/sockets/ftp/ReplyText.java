package org.sockets.ftp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.Reply;

/** What some replies carry in their text: a quoted path (257), a time (213 to MDTM). */
final class ReplyText {

    private static final Pattern TIME = Pattern.compile("(\\d{14})(?:\\.(\\d{1,9}))?");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private ReplyText() {
    }

    /** RFC 959 §7: 257 "path" comment, a quote inside doubled. */
    static String quotedPath(Reply r, String what) throws MalformedReplyException {
        String t = r.lines().get(0);
        int open = t.indexOf('"');
        if (open < 0) {
            throw new MalformedReplyException(what + " reply holds no quoted path: \"" + Text.escape(t) + "\"");
        }
        StringBuilder path = new StringBuilder();
        for (int i = open + 1; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '"') {
                if (i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    path.append('"');
                    i++;
                } else {
                    return path.toString();
                }
            } else {
                path.append(ch);
            }
        }
        throw new MalformedReplyException(what + " reply has no closing quote: \"" + Text.escape(t) + "\"");
    }

    /** RFC 3659 §2.3: YYYYMMDDHHMMSS[.sss], always UTC. */
    static Instant time(String t) throws MalformedReplyException {
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            throw new MalformedReplyException("MDTM reply is not YYYYMMDDHHMMSS[.s]: \"" + Text.escape(t) + "\"");
        }
        try {
            Instant at = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
            if (m.group(2) != null) {
                at = at.plusNanos(Long.parseLong((m.group(2) + "00000000").substring(0, 9)));
            }
            return at;
        } catch (DateTimeException bad) {
            throw new MalformedReplyException("MDTM reply is not a valid time: \"" + Text.escape(t) + "\"");
        }
    }
}
