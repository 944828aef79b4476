package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.sockets.testkit.TestCertificates;

/**
 * What the hostile server does on each connection, step by step: expect and reply, delay, drip,
 * reset, oversized, malformed and endless replies, huge claimed sizes, bytes after a STARTTLS
 * go-ahead, TLS, data connections both ways. Immutable: each method returns a longer script.
 *
 * {@snippet :
 * Script pop3 = Script.of()
 *         .send("+OK ready\r\n")
 *         .expect("STLS")
 *         .send("+OK begin TLS\r\n+OK injected\r\n")   // bytes after the go-ahead
 *         .startTls();
 * }
 */
public final class Script {

    /** One step of a script. */
    @FunctionalInterface
    public interface Step {
        /**
         * Runs the step.
         *
         * @param s the session
         * @throws Exception to fail the session (its result records why)
         */
        void run(Session s) throws Exception;
    }

    private final List<Step> steps;
    private final List<String> descriptions;

    private Script(List<Step> steps, List<String> descriptions) {
        this.steps = List.copyOf(steps);
        this.descriptions = List.copyOf(descriptions);
    }

    /**
     * The empty script (the server accepts, then closes).
     *
     * @return the script
     */
    public static Script of() {
        return new Script(List.of(), List.of());
    }

    /**
     * This script and then a step of the caller's.
     *
     * @param description what it does, for failure messages
     * @param step        the step
     * @return the longer script
     */
    public Script then(String description, Step step) {
        Objects.requireNonNull(step, "step");
        List<Step> s = new ArrayList<>(steps);
        s.add(step);
        List<String> d = new ArrayList<>(descriptions);
        d.add(description);
        return new Script(s, d);
    }

    List<Step> steps() {
        return steps;
    }

    List<String> descriptions() {
        return descriptions;
    }

    /**
     * Sends text (UTF-8) as it is; give the CRLFs.
     *
     * @param text the text
     * @return the longer script
     */
    public Script send(String text) {
        return then("send " + text.strip(), s -> s.send(text));
    }

    /**
     * Sends bytes as they are.
     *
     * @param bytes the bytes
     * @return the longer script
     */
    public Script send(byte[] bytes) {
        byte[] copy = bytes.clone();
        return then("send " + copy.length + " bytes", s -> s.send(copy));
    }

    /**
     * Reads a line and fails the session unless it equals {@code line}.
     *
     * @param line the line expected, without CRLF
     * @return the longer script
     */
    public Script expect(String line) {
        return then("expect " + line, s -> {
            String got = s.readLine();
            if (!line.equals(got)) {
                throw new IOException("expected \"" + line + "\", the client sent " + (got == null ? "end of stream" : "\"" + got + "\""));
            }
        });
    }

    /**
     * Reads a line and fails the session unless it matches {@code regex}; the match is kept
     * ({@link Session#lastMatch()}).
     *
     * @param regex the pattern the whole line must match
     * @return the longer script
     */
    public Script expectMatching(String regex) {
        Pattern p = Pattern.compile(regex);
        return then("expect /" + regex + "/", s -> {
            String got = s.readLine();
            Matcher m = got == null ? null : p.matcher(got);
            if (m == null || !m.matches()) {
                throw new IOException("expected /" + regex + "/, the client sent " + (got == null ? "end of stream" : "\"" + got + "\""));
            }
            s.lastMatch(m);
        });
    }

    /**
     * Reads one line, whatever it is.
     *
     * @return the longer script
     */
    public Script expectAnyLine() {
        return then("expect any line", s -> {
            if (s.readLine() == null) {
                throw new IOException("expected a line, the client closed");
            }
        });
    }

    /**
     * Waits.
     *
     * @param d how long
     * @return the longer script
     */
    public Script delay(Duration d) {
        return then("delay " + d, s -> Thread.sleep(d));
    }

    /**
     * Sends text one byte at a time, waiting {@code each} before every byte.
     *
     * @param text the text
     * @param each the pause before each byte
     * @return the longer script
     */
    public Script drip(String text, Duration each) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return then("drip " + text.strip() + " every " + each, s -> {
            for (byte x : b) {
                Thread.sleep(each);
                s.send(new byte[] {x});
            }
        });
    }

    /**
     * Sends {@code pattern} over and over, {@code total} bytes in all (an oversized or, with a huge
     * total, endless reply); stops quietly when the client goes away.
     *
     * @param pattern the bytes to repeat
     * @param total   how many bytes in all
     * @return the longer script
     */
    public Script sendRepeated(String pattern, long total) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        return then("send " + total + " bytes of " + pattern.strip(), s -> {
            byte[] chunk = new byte[Math.max(p.length, 64 * 1024 / p.length * p.length)];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = p[i % p.length];
            }
            long left = total;
            try {
                while (left > 0) {
                    int n = (int) Math.min(left, chunk.length);
                    s.send(java.util.Arrays.copyOf(chunk, n));
                    left -= n;
                }
            } catch (IOException clientGone) {
                s.server().note(s.name() + ": client went away after " + (total - left) + " bytes of " + total);
                throw new ClientGone();
            }
        });
    }

    /**
     * Resets the connection (RST: SO_LINGER 0, then close).
     *
     * @return the longer script
     */
    public Script reset() {
        return then("reset", s -> {
            s.channel().setOption(StandardSocketOptions.SO_LINGER, 0);
            s.channel().close();
            throw new ClientGone();
        });
    }

    /**
     * Closes the connection (FIN), ending the script.
     *
     * @return the longer script
     */
    public Script close() {
        return then("close", s -> {
            s.channel().close();
            throw new ClientGone();
        });
    }

    /**
     * Reads until the client closes its side (at most 64 MiB), keeping the bytes in the transcript.
     *
     * @return the longer script
     */
    public Script awaitClose() {
        return then("await close", s -> s.readToEnd(64L << 20));
    }

    /**
     * Starts TLS as a server (after the script sent the go-ahead).
     *
     * @return the longer script
     */
    public Script startTls() {
        return then("start TLS", Session::startTls);
    }

    /**
     * Starts TLS as a server with another context than the server's (a data connection whose
     * certificate names another host, say).
     *
     * @param context the server context, e.g. {@link HostileServer#tlsContext(TestCertificates.Identity)}
     * @return the longer script
     */
    public Script startTls(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return then("start TLS with another context", s -> s.wire().startTls(context));
    }

    /**
     * Accepts one connection on the session's data listener ({@link Session#dataPort()}) and runs
     * {@code data} on it, then goes on.
     *
     * @param data the data connection's script
     * @return the longer script
     */
    public Script acceptData(Script data) {
        return then("accept a data connection", s -> {
            SocketChannel ch = s.dataListener().accept();
            s.server().serveData(ch, data, s);
        });
    }

    /**
     * Opens a connection from {@code source} (e.g. 127.0.0.2) to the address {@code target}
     * gives (FTP active mode), runs {@code data} on it, then goes on.
     *
     * @param source the local address to connect from
     * @param target where to connect, from the session (e.g. its last PORT match)
     * @param data   the data connection's script
     * @return the longer script
     */
    public Script connectFrom(InetAddress source, Function<Session, InetSocketAddress> target, Script data) {
        return then("connect from " + source.getHostAddress(), s -> {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.bind(new InetSocketAddress(source, 0));
                ch.connect(target.apply(s));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            s.server().serveData(ch, data, s);
        });
    }

    /** Ends a session on purpose: the server closed, reset, or the client went away mid-stream. */
    static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone() {
            super(null, null, false, false);
        }
    }
}
