package org.sockets.pop3;

import java.util.Objects;

/**
 * One line of a {@code UIDL} reply: a message number and the unique id the server keeps for the
 * message across sessions (RFC 1939 §7: 1 to 70 characters 0x21 to 0x7E).
 *
 * @param number the message number, from 1
 * @param uid    the unique id
 */
public record MessageUid(int number, String uid) {

    /** Checks the parts. */
    public MessageUid {
        if (number < 1) {
            throw new IllegalArgumentException("message numbers start at 1, not " + number);
        }
        Objects.requireNonNull(uid, "uid");
    }
}
