package org.sockets.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.sockets.api.Deadline;
import org.sockets.protocol.ProtocolConnection;

/**
 * One HTTP connection: the core's {@link ProtocolConnection} (bounded reads, the read buffer)
 * over a {@link Channel} (received-byte count, the 100-continue wait), plus what the pool keeps
 * about it. Used by one exchange at a time.
 */
final class Connection {

    final ProtocolConnection conn;
    final Channel channel;
    final String origin;
    private final Consumer<Connection> release;
    /** Exchanges begun on this connection. */
    int exchanges;
    /** When it went idle, by {@link System#nanoTime()}. */
    long idleSince;

    Connection(ProtocolConnection conn, Channel channel, String origin, Consumer<Connection> release) {
        this.conn = conn;
        this.channel = channel;
        this.origin = origin;
        this.release = release;
    }

    /** Whether an earlier exchange ran on this connection. */
    boolean reused() {
        return exchanges > 1;
    }

    /** Writes bytes within the read timeout (and the request's deadline); a failure closes the connection. */
    void write(byte[] b, int off, int len) throws IOException {
        write(ByteBuffer.wrap(b, off, len));
    }

    void write(ByteBuffer b) throws IOException {
        if (!conn.isOpen()) {
            throw new IOException("HTTP connection to " + conn.peerName() + " is closed");
        }
        try {
            channel.sendAll(b, conn.readDeadline());
        } catch (IOException e) {
            throw conn.abandon(e);
        }
    }

    Deadline readDeadline() {
        return conn.readDeadline();
    }

    /** The exchange ended with its body read whole: back to the pool if both sides keep it, else closed. */
    void complete(boolean persistent) {
        conn.endOperation();
        if (persistent && conn.isOpen()) {
            release.accept(this);
        } else {
            conn.close();
        }
    }

    /** The exchange ended early or failed: the stream is out of step, so the connection goes. */
    void discard() {
        conn.endOperation();
        conn.close();
    }

    boolean isOpen() {
        return conn.isOpen();
    }

    @Override
    public String toString() {
        return "Connection[" + origin + ", " + exchanges + " exchanges, " + (conn.isOpen() ? "open" : "closed") + "]";
    }
}
