package org.sockets.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.sockets.api.Address;
import org.sockets.testkit.TestCertificates;

/**
 * A scripted server for what real servers will not do, on the JDK's own channels and
 * {@code SSLEngine} (none of this library's code, so a bug in ours cannot hide a bug in ours):
 * every connection it accepts on 127.0.0.1 runs the {@link Script}, on its own thread, and ends as
 * a {@link Result} with the bytes the client sent.
 *
 * {@snippet :
 * try (HostileServer server = HostileServer.start(Script.of().send("+OK " + "x".repeat(100_000) + "\r\n"))) {
 *     // connect a client to server.address(), watch it fail
 *     HostileServer.Result r = server.awaitResult(Duration.ofSeconds(5));
 *     assertEquals("", r.receivedText());   // nothing after the fault
 * }
 * }
 */
public final class HostileServer implements AutoCloseable {

    /** How long the kit waits for a client's bytes before failing a session. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How one session ended.
     *
     * @param name     {@code "control 1"}, {@code "data 1"}
     * @param received the bytes the client sent (after TLS, decrypted)
     * @param failure  why the script stopped early (an expectation not met, an I/O error), or
     *                 empty if it ran to its end or ended itself (close, reset, client gone mid-send)
     */
    public record Result(String name, byte[] received, Optional<String> failure) {
        /**
         * The received bytes as UTF-8.
         *
         * @return the text
         */
        public String receivedText() {
            return new String(received, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocketChannel listener;
    private final Script script;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final Thread acceptor;
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private int controls;
    private int datas;
    private volatile boolean closed;

    private HostileServer(Script script, SSLContext tls, boolean implicitTls) throws IOException {
        this.script = script;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        this.acceptor = Thread.ofPlatform().daemon().name("hostile-server-accept").unstarted(this::acceptLoop);
        acceptor.start();
    }

    /**
     * Starts a plain server running {@code script} on every connection.
     *
     * @param script the script
     * @return the server, which the caller must close
     * @throws IOException if it cannot listen
     */
    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(script, null, false);
    }

    /**
     * Starts a server whose scripts may start TLS ({@link Script#startTls()}) with {@code tls}.
     *
     * @param script the script
     * @param tls    the server's TLS context, e.g. {@link #testTlsContext()}
     * @return the server
     * @throws IOException if it cannot listen
     */
    public static HostileServer start(Script script, SSLContext tls) throws IOException {
        return new HostileServer(script, tls, false);
    }

    /**
     * Starts a server that speaks TLS from the first byte (pop3s, imaps), then runs {@code script}.
     *
     * @param script the script
     * @param tls    the server's TLS context
     * @return the server
     * @throws IOException if it cannot listen
     */
    public static HostileServer startImplicitTls(Script script, SSLContext tls) throws IOException {
        return new HostileServer(script, tls, true);
    }

    /**
     * A server context with the test certificate for localhost and 127.0.0.1
     * ({@link TestCertificates#good()}); clients trust {@link TestCertificates#caPem()}.
     *
     * @return the context
     * @throws IOException if the certificates cannot be made or loaded
     */
    public static SSLContext testTlsContext() throws IOException {
        return tlsContext(TestCertificates.get().good());
    }

    /**
     * A server context with one of the test identities, e.g. {@link TestCertificates#wrongHost()}.
     *
     * @param id the identity
     * @return the context
     * @throws IOException if the certificates cannot be made or loaded
     */
    public static SSLContext tlsContext(TestCertificates.Identity id) throws IOException {
        try (InputStream in = Files.newInputStream(id.pkcs12())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, id.password());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, id.password());
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot load the test server certificate " + id.pkcs12(), e);
        }
    }

    /**
     * Where the server listens.
     *
     * @return 127.0.0.1 and the port
     */
    public Address address() {
        return Address.of("127.0.0.1", port());
    }

    /**
     * The port.
     *
     * @return the listening port
     */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("hostile server closed", e);
        }
    }

    /**
     * Waits for the next session to end.
     *
     * @param timeout how long to wait
     * @return its result
     * @throws AssertionError if no session ended in time
     */
    public Result awaitResult(Duration timeout) {
        try {
            Result r = results.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no hostile-server session ended within " + timeout + "; notes: " + notes);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a session", e);
        }
    }

    /**
     * What the server noted along the way (a client going away mid-send).
     *
     * @return the notes
     */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    void note(String note) {
        notes.add(note);
    }

    void release(AutoCloseable c) {
        open.remove(c);
    }

    void adopt(AutoCloseable c) {
        open.add(c);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                notes.add("accept failed: " + e);
                return;
            }
            String name;
            synchronized (this) {
                name = "control " + ++controls;
            }
            Thread t = Thread.ofPlatform().daemon().name("hostile-server-" + name).unstarted(() -> serve(ch, script, name, implicitTls, null));
            threads.add(t);
            t.start();
        }
    }

    /** Runs a data connection's script in the calling step, as its own session. */
    void serveData(SocketChannel ch, Script data, Session control) {
        String name;
        synchronized (this) {
            name = "data " + ++datas;
        }
        serve(ch, data, name, false, control);
    }

    private void serve(SocketChannel ch, Script s, String name, boolean tlsFirst, Session parent) {
        open.add(ch);
        Session session = null;
        String failure = null;
        try {
            Wire wire = new Wire(ch, READ_TIMEOUT);
            session = new Session(name, wire, tls, this);
            if (tlsFirst) {
                session.startTls();
            }
            List<Script.Step> steps = s.steps();
            for (int i = 0; i < steps.size(); i++) {
                try {
                    steps.get(i).run(session);
                } catch (Script.ClientGone ended) {
                    break;
                } catch (Exception e) {
                    failure = "step " + (i + 1) + " (" + s.descriptions().get(i) + "): "
                            + (e instanceof IOException io ? Wire.describe(io) : e.toString());
                    break;
                }
            }
        } catch (IOException e) {
            failure = "set-up: " + e;
        } finally {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a socket the client reset
            }
            open.remove(ch);
            if (session != null && parent == null) {
                session.closeDataListener();
            }
            results.add(new Result(name, session == null ? new byte[0] : session.received(), Optional.ofNullable(failure)));
        }
    }

    /** Closes the listener and every connection, and waits (briefly) for the session threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        for (AutoCloseable c : new ArrayList<>(open)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        try {
            acceptor.join(5_000);
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
