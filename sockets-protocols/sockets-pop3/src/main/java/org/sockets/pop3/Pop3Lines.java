package org.sockets.pop3;

import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.ProtocolConnection;

/** Parsers of the one-line answers of STAT, LIST and UIDL: strict numbers, a malformed line closes the session. */
final class Pop3Lines {

    private Pop3Lines() {
    }

    static String[] words(ProtocolConnection c, String text, int least, String what) throws MalformedReplyException {
        String[] w = text.split(" ", -1);
        if (w.length < least) {
            throw c.abandon(new MalformedReplyException(what + " from " + c.peerName() + " needs " + least
                    + " fields: \"" + text + "\""));
        }
        return w;
    }

    static int count(ProtocolConnection c, String digits, String what) throws MalformedReplyException {
        try {
            return Numbers.parseInt(digits, what);
        } catch (MalformedReplyException e) {
            throw c.abandon(e);
        }
    }

    static long size(ProtocolConnection c, String digits) throws MalformedReplyException {
        try {
            return Numbers.parse(digits, Long.MAX_VALUE, "message size");
        } catch (MalformedReplyException e) {
            throw c.abandon(e);
        }
    }

    static MessageInfo info(ProtocolConnection c, String line) throws MalformedReplyException {
        String[] w = words(c, line, 2, "LIST line");
        int n = count(c, w[0], "message number");
        if (n < 1) {
            throw c.abandon(new MalformedReplyException("LIST line from " + c.peerName() + " has message number 0"));
        }
        return new MessageInfo(n, size(c, w[1]));
    }

    static MessageUid uid(ProtocolConnection c, String line) throws MalformedReplyException {
        String[] w = words(c, line, 2, "UIDL line");
        int n = count(c, w[0], "message number");
        String id = w[1];
        if (n < 1 || id.isEmpty() || id.length() > 70 || !id.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw c.abandon(new MalformedReplyException("UIDL line from " + c.peerName()
                    + " is not a message number and a unique id of 1 to 70 printable characters: \"" + line + "\""));
        }
        return new MessageUid(n, id);
    }
}
