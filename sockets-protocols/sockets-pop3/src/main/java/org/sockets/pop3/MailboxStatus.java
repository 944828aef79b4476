package org.sockets.pop3;

/**
 * The answer to {@code STAT}: how many messages the mailbox holds (not counting those marked
 * deleted in this session) and their total size as the server claims it.
 *
 * @param count the number of messages
 * @param size  their total size in octets
 */
public record MailboxStatus(int count, long size) {

    /** Checks the parts. */
    public MailboxStatus {
        if (count < 0 || size < 0) {
            throw new IllegalArgumentException("a mailbox status is not negative: " + count + " " + size);
        }
    }
}
