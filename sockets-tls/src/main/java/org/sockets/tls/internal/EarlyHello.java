package org.sockets.tls.internal;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;

/**
 * A TLS 1.3 server engine's algorithm constraints, which permit exactly what the engine's own did
 * and serve one more purpose: they let the server send its ServerHello <em>before</em> it signs
 * its CertificateVerify, as the JDK's {@code SSLServerSocket} does.
 *
 * <p><b>Why.</b> An {@code SSLEngine} server makes its whole first flight — ServerHello, key
 * agreement, EncryptedExtensions, Certificate, the CertificateVerify signature, Finished — in one
 * delegated task, and holds the engine's lock while the task runs, so {@code wrap} can hand out
 * the ServerHello only once the signature is made. The client needs the ServerHello's key share
 * to start its own key agreement, so on an engine server the two sides take turns. An
 * {@code SSLServerSocket} writes the ServerHello the moment it is made, and the client's key
 * agreement runs while the server signs. In paired unpinned trials a plain engine server made
 * 0.84× the handshakes per second of {@code SSLServerSocket}
 * (docs/decisions/2026-12-07-bench-tls-engine-reference.md).
 *
 * <p><b>How.</b> The engine consults these constraints many times within that task, among them
 * when it makes EncryptedExtensions and picks its certificate, which is after the ServerHello is
 * queued and before the signature. While our handshake runs the task ({@link #arm}), a call on that
 * thread asks the handshake to wrap and send what the engine has queued. The engine's lock is
 * reentrant and this very thread holds it, so that wrap does not wait. Before the ServerHello is
 * queued, a wrap returns at once with nothing, as the engine then waits for input
 * (docs/decisions/2026-12-07-tls-early-serverhello.md).
 *
 * <p>This leans on the order of calls inside the JDK, which no specification promises. If a later
 * JDK stops consulting the constraints at that point, nothing is sent early, and the ServerHello
 * leaves on its own right after the task, as before (EngineHandshake's wrapFlight). The constraints themselves never change: each call gives
 * the engine's own answer (all permitted when it had none; the JDK's defaults still apply
 * alongside).
 */
final class EarlyHello implements AlgorithmConstraints {

    /** What the handshake does when the engine may have queued its ServerHello. */
    interface Sender {
        /** Wraps and sends whatever the engine has queued, if it is a TLS 1.3 ServerHello's time. */
        void sendQueued();
    }

    private final AlgorithmConstraints own;
    /** The thread running the handshake's delegated task, or null; the rest is that thread's alone. */
    private volatile Thread armed;
    private Sender sender;
    /** True while {@link Sender#sendQueued} runs: the wrap it makes must not call it again. */
    private boolean sending;

    /**
     * Constraints that answer as {@code own} does.
     *
     * @param own the engine's constraints, or null for none beyond the JDK's defaults
     */
    EarlyHello(AlgorithmConstraints own) {
        this.own = own;
    }

    /** From now until {@link #disarm}, calls on this thread ask {@code s} to send what is queued. */
    void arm(Sender s) {
        sender = s;
        armed = Thread.currentThread();
    }

    /** Ends what {@link #arm} began; on the thread that armed. */
    void disarm() {
        armed = null;
        sender = null;
    }

    private void poke() {
        if (armed != Thread.currentThread() || sending) {
            return;
        }
        sending = true;
        try {
            sender.sendQueued();
        } finally {
            sending = false;
        }
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        poke();
        return own == null || own.permits(primitives, algorithm, parameters);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        poke();
        return own == null || own.permits(primitives, key);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        poke();
        return own == null || own.permits(primitives, algorithm, key, parameters);
    }
}
