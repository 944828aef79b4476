package org.sockets.ftp;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.sockets.protocol.Command;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control connection's dialogue: commands and replies (a 421 closes the session), the one
 * open transfer, and the keep-alive NOOPs sent during it, whose replies are matched up at its end.
 */
final class Control {

    private static final Logger LOG = LoggerFactory.getLogger("org.sockets.ftp");

    private final ProtocolConnection c;
    private final Duration keepAlive;
    private DataTransfer open;
    private long lastSent = System.nanoTime();
    private int noopsPending;
    /** The charset of commands and replies: UTF-8, or the builder's fallback when FEAT lacks UTF8. */
    private Charset charset = StandardCharsets.UTF_8;

    Control(ProtocolConnection c, Duration keepAlive) {
        this.c = c;
        this.keepAlive = keepAlive;
    }

    void charset(Charset c) {
        charset = c;
    }

    Charset charset() {
        return charset;
    }

    ProtocolConnection connection() {
        return c;
    }

    Logger log() {
        return LOG;
    }

    /** Reads one reply; a 421 closes the session. */
    Reply reply() throws IOException {
        Reply r = Replies.ftp(c, charset);
        checkClosing(r, "the session");
        return r;
    }

    void checkClosing(Reply r, String what) throws FtpReplyException {
        if (r.code() == 421) {
            throw c.abandon(new FtpReplyException(what + " (421: the server is closing the connection)", r));
        }
    }

    /** Sends a command and reads its reply, whatever the code. */
    Reply ask(Command cmd) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            cmd = cmd.encodedIn(charset); // a name the charset cannot write is refused, not mangled
        }
        idle();
        c.beginOperation();
        try {
            send(cmd);
            return reply();
        } finally {
            c.endOperation();
        }
    }

    /** Sends a command and reads its reply, which must have a code from low to high. */
    Reply expect(Command cmd, int low, int high) throws IOException {
        Reply r = ask(cmd);
        if (r.code() < low || r.code() > high) {
            throw new FtpReplyException(cmd.toString(), r);
        }
        return r;
    }

    private void send(Command cmd) throws IOException {
        c.send(cmd);
        lastSent = System.nanoTime();
    }

    void idle() {
        if (open != null) {
            throw new IllegalStateException("a transfer is open on " + c.peerName() + ": read it to its end or close it first");
        }
        if (!c.isOpen()) {
            throw new IllegalStateException("the FTP session with " + c.peerName() + " is closed");
        }
    }

    void opened(DataTransfer t) {
        open = t;
        lastSent = System.nanoTime();
    }

    void ended(DataTransfer t) {
        if (open == t) {
            open = null;
        }
    }

    DataTransfer open() {
        return open;
    }

    /** NOOP on the control connection when the transfer has kept it quiet for the keep-alive interval. */
    void keepAlive() throws IOException {
        if (keepAlive != null && System.nanoTime() - lastSent >= keepAlive.toNanos()) {
            send(Command.of("NOOP"));
            noopsPending++;
        }
    }

    /**
     * The transfer's final reply, past the replies to keep-alive NOOPs (which servers send before
     * or after it): of the replies read, the 226/250, else the first that is not a NOOP's 200.
     */
    Reply transferReply(String what) throws IOException {
        int count = noopsPending + 1;
        noopsPending = 0;
        Reply verdict = null;
        for (int i = 0; i < count; i++) {
            Reply r = reply();
            if (r.code() == 226 || r.code() == 250) {
                verdict = r;
            } else if (r.code() != 200 && verdict == null) {
                verdict = r;
            }
        }
        return verdict == null ? new Reply(451, List.of("no final reply to " + what + ", only NOOP answers")) : verdict;
    }

    /**
     * After ABOR, reads until a NOOP's 200: servers answer an abort with 426 then 226, or 226
     * alone, or 225, depending on how far the transfer got; the NOOP's answer marks the end.
     */
    void abortTransfer(String what) throws IOException {
        send(Command.of("ABOR"));
        send(Command.of("NOOP"));
        int allowed = noopsPending + 4;
        noopsPending = 0;
        for (int i = 0; i < allowed; i++) {
            if (reply().code() == 200) {
                return;
            }
        }
        throw c.abandon(new LimitExceededException("replies after ABOR of " + what, allowed));
    }

    /** Closes the control connection and the open transfer's data connection. */
    void close() {
        DataTransfer t = open;
        open = null;
        if (t != null) {
            t.closeQuietly();
        }
        c.close();
    }
}
