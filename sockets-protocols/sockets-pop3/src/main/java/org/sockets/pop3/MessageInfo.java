package org.sockets.pop3;

/**
 * One line of a {@code LIST} reply: a message number and the size the server claims for it.
 * The size is a claim (it counts CRLF line ends, and a server may lie): the client never
 * allocates it.
 *
 * @param number the message number, from 1
 * @param size   the claimed size in octets
 */
public record MessageInfo(int number, long size) {

    /** Checks the parts. */
    public MessageInfo {
        if (number < 1) {
            throw new IllegalArgumentException("message numbers start at 1, not " + number);
        }
        if (size < 0) {
            throw new IllegalArgumentException("a size is not negative: " + size);
        }
    }
}
