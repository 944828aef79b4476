package org.sockets.protocol;

/** Which way a line of the dialogue went. */
public enum Direction {
    /** From the client to the server (a command, masked where it carries a secret). */
    SENT,
    /** From the server to the client. */
    RECEIVED
}
