package org.sockets.protocol.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import javax.net.ssl.SSLContext;

/**
 * One connection the hostile server is serving: what a {@link Script.Step} works with. Bytes the
 * client sent are kept (after TLS, decrypted) as the session's transcript.
 */
public final class Session {

    /** The longest line {@link #readLine()} accepts, so a client cannot make the kit itself grow without bound. */
    public static final int MAX_LINE = 1 << 20;

    private final String name;
    private final Wire wire;
    private final SSLContext tls;
    private final HostileServer server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Matcher lastMatch;
    private ServerSocketChannel dataListener;

    Session(String name, Wire wire, SSLContext tls, HostileServer server) {
        this.name = name;
        this.wire = wire;
        this.tls = tls;
        this.server = server;
    }

    /**
     * The session's name: {@code "control 1"}, {@code "data 1"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Sends bytes as they are.
     *
     * @param bytes the bytes
     * @throws IOException if the client has gone
     */
    public void send(byte[] bytes) throws IOException {
        wire.write(bytes, 0, bytes.length);
    }

    /**
     * Sends text as UTF-8, as it is (give the CRLFs).
     *
     * @param text the text
     * @throws IOException if the client has gone
     */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one line the client sent, without its CRLF (or LF).
     *
     * @return the line as UTF-8, or null at end of stream
     * @throws IOException if the client sent more than {@link #MAX_LINE} bytes without a line end,
     *         or nothing within the kit's read timeout
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (true) {
            int n = wire.read(one, 0, 1);
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            keep(one, 0, 1);
            if (one[0] == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the client sent a line over " + MAX_LINE + " bytes");
            }
            line.write(one[0]);
        }
    }

    /**
     * Reads whatever the client sends until it closes its side, keeping it in the transcript.
     *
     * @param max the most bytes to take before giving up
     * @return the bytes read
     * @throws IOException if more than {@code max} came, or nothing for the kit's read timeout
     */
    public long readToEnd(long max) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = wire.read(buf, 0, buf.length)) >= 0) {
            keep(buf, 0, n);
            total += n;
            if (total > max) {
                throw new IOException("the client sent more than " + max + " bytes");
            }
        }
        return total;
    }

    /**
     * The match of the last {@code expectMatching} step.
     *
     * @return the matcher, or null before any
     */
    public Matcher lastMatch() {
        return lastMatch;
    }

    void lastMatch(Matcher m) {
        lastMatch = m;
    }

    /**
     * Starts TLS as a server with the kit's context: bytes the kit read in clear but did not use
     * go to the handshake, as a real server's would.
     *
     * @throws IOException if the handshake fails
     */
    public void startTls() throws IOException {
        if (tls == null) {
            throw new IllegalStateException("this hostile server has no TLS context: start it with one");
        }
        wire.startTls(tls);
    }

    /**
     * A second listener for data connections on 127.0.0.1, opened on first call (FTP passive mode).
     *
     * @return the listener's port
     * @throws IOException if it cannot listen
     */
    public int dataPort() throws IOException {
        if (dataListener == null) {
            dataListener = ServerSocketChannel.open(StandardProtocolFamily.INET);
            dataListener.bind(new InetSocketAddress("127.0.0.1", 0));
            server.adopt(dataListener);
        }
        return ((InetSocketAddress) dataListener.getLocalAddress()).getPort();
    }

    /** Closes the data listener when the control session ends, so each run of a script leaves none behind. */
    void closeDataListener() {
        ServerSocketChannel l = dataListener;
        dataListener = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException ignored) {
                // closing a listener cannot fail in a way that matters here
            }
            server.release(l);
        }
    }

    ServerSocketChannel dataListener() throws IOException {
        dataPort();
        return dataListener;
    }

    HostileServer server() {
        return server;
    }

    SSLContext tls() {
        return tls;
    }

    SocketChannel channel() {
        return wire.channel();
    }

    Wire wire() {
        return wire;
    }

    /**
     * The bytes received so far.
     *
     * @return a copy
     */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    void keep(byte[] b, int off, int len) {
        synchronized (received) {
            received.write(b, off, len);
        }
    }

    @Override
    public String toString() {
        return "Session[" + name + ", " + received().length + " bytes received]";
    }
}
