package org.sockets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sockets.protocol.testkit.Dovecot;

/**
 * The one server of {@code bin/bench pop3}: a private dovecot (the protocol test kit's fixture)
 * with {@value #MESSAGES} messages of 4 KiB in alice's mailbox. Prints
 * {@code POP3 <port> <password>} and serves until its stdin closes, so every client compared
 * (ours, Commons Net, Python's poplib) reads the same mailbox from the same server.
 */
public final class Pop3BenchServer {

    /** Messages in the mailbox, each {@value #SIZE} bytes with CRLF line ends. */
    public static final int MESSAGES = 1000;
    /** The size of each message. */
    public static final int SIZE = 4096;

    private Pop3BenchServer() {
    }

    /**
     * Starts the server and waits for stdin to close.
     *
     * @param args none
     * @throws IOException if dovecot cannot start
     */
    public static void main(String[] args) throws IOException {
        try (Dovecot d = Dovecot.start()) {
            byte[] message = message();
            for (int i = 0; i < MESSAGES; i++) {
                d.deliver("alice", message);
            }
            System.out.println("POP3 " + d.pop3Port() + " " + d.password("alice"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        }
    }

    /** 4 KiB: a header, 76-character lines, some starting with a dot (stuffed on the wire). */
    static byte[] message() {
        StringBuilder m = new StringBuilder("From: bench@example.org\r\nSubject: bench\r\n\r\n");
        for (int line = 0; m.length() < SIZE - 80; line++) {
            m.append(line % 10 == 0 ? "." : "x").append("y".repeat(75)).append("\r\n");
        }
        m.append("z".repeat(SIZE - m.length() - 2)).append("\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
