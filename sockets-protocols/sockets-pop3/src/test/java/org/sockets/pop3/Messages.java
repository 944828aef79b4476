package org.sockets.pop3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Messages the tests build and deliver: lines that start with a dot, 8-bit bodies, an empty body. */
final class Messages {

    private Messages() {
    }

    static List<byte[]> tricky() {
        return List.of(
                ascii("From: a@example.org\r\nTo: alice@example.org\r\nSubject: one\r\nMessage-ID: <one@example.org>\r\n\r\nhello\r\n"),
                ascii("Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\n. space\r\nend\r\n"),
                concat(ascii("Subject: 8bit\r\nContent-Type: text/plain; charset=latin1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"),
                        new byte[] {(byte) 0xe9, (byte) 0xe8, (byte) 0xff, 'x', '\r', '\n', (byte) 0xc3, (byte) 0xa9, '\r', '\n'}),
                ascii("Subject: empty\r\n\r\n"));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The header block of a message: up to and including the first empty line. */
    static byte[] header(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 4);
            }
        }
        return message;
    }
}
