package org.sockets.ftp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.Reply;

/** Reading the data address a server announces (PASV, EPSV) and writing ours (PORT, EPRT). */
final class DataAddresses {

    /** RFC 959 §4.1.2: h1,h2,h3,h4,p1,p2, each 0-255; found anywhere in the text, as servers vary. */
    private static final Pattern PASV = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    /** RFC 2428 §3: (<d><d><d>port<d>), the delimiter any printable ASCII character. */
    private static final Pattern EPSV = Pattern.compile("\\(([\\x21-\\x7e])\\1\\1(\\d{1,5})\\1\\)");

    /** A host and port from a PASV reply. */
    record Announced(String host, int port) {
    }

    private DataAddresses() {
    }

    static Announced pasv(Reply r) throws MalformedReplyException {
        Matcher m = PASV.matcher(r.text());
        if (!m.find()) {
            throw bad("a 227 reply holds h1,h2,h3,h4,p1,p2", r);
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = (int) Numbers.parse(m.group(i + 1), 255, "PASV number " + (i + 1));
        }
        int port = n[4] * 256 + n[5];
        if (port == 0) {
            throw bad("a PASV port from 1 to 65535", r);
        }
        return new Announced(n[0] + "." + n[1] + "." + n[2] + "." + n[3], port);
    }

    static int epsv(Reply r) throws MalformedReplyException {
        Matcher m = EPSV.matcher(r.text());
        if (!m.find()) {
            throw bad("a 229 reply holds (|||port|)", r);
        }
        int port = (int) Numbers.parse(m.group(2), 65535, "EPSV port");
        if (port == 0) {
            throw bad("an EPSV port from 1 to 65535", r);
        }
        return port;
    }

    /** EPRT |1|a.b.c.d|port| or |2|v6|port| (RFC 2428 §2). */
    static String eprt(InetAddress ip, int port) {
        String host = ip.getHostAddress();
        int pct = host.indexOf('%');
        if (pct >= 0) {
            host = host.substring(0, pct); // a scope means nothing to the server
        }
        return "|" + (ip instanceof Inet6Address ? 2 : 1) + "|" + host + "|" + port + "|";
    }

    /** PORT h1,h2,h3,h4,p1,p2 (IPv4 only). */
    static String port(InetAddress ip, int port) {
        byte[] a = ip.getAddress();
        return (a[0] & 0xff) + "," + (a[1] & 0xff) + "," + (a[2] & 0xff) + "," + (a[3] & 0xff) + "," + (port >> 8) + "," + (port & 0xff);
    }

    private static MalformedReplyException bad(String expected, Reply r) {
        return new MalformedReplyException("malformed data address reply: " + expected + ", not " + r.code() + " \""
                + Text.escape(r.text().substring(0, Math.min(r.text().length(), 200))) + "\"");
    }
}
