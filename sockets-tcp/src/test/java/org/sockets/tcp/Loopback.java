package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/** Loopback fixtures for the TCP tests: connected pairs, a never-answering address, thread helpers. */
final class Loopback {

    static final InetAddress V4 = InetAddress.getLoopbackAddress();
    static final InetAddress V6 = InetAddress.ofLiteral("::1");

    private Loopback() {
    }

    /** A listener and a connection through it, both sides ours; closing closes all three. */
    record Pair(Endpoint listener, Endpoint client, Endpoint server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
            listener.close();
        }
    }

    /** A connected pair on 127.0.0.1, in blocking mode (the process default is not set in these tests). */
    static Pair pair() throws IOException {
        Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM);
        Endpoint client = null;
        try {
            listener.bind(Address.of(V4, 0)).listen(16);
            client = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
            return new Pair(listener, client, listener.accept());
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            listener.close();
            throw e;
        }
    }

    /**
     * An address that never answers a SYN: a listener whose accept queue is full, so Linux drops
     * further SYNs and a connect to it hangs (SYN retries take minutes). Holds the listener and the
     * connections that fill its queue until closed.
     */
    static final class Stall implements AutoCloseable {
        private final ServerSocketChannel server;
        private final List<Socket> fillers = new ArrayList<>();
        final Address.Ip address;

        Stall(InetAddress ip) throws IOException {
            this(ip, 0);
        }

        Stall(InetAddress ip, int port) throws IOException {
            server = ServerSocketChannel.open(ip instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                server.bind(new InetSocketAddress(ip, port), 1);
                InetSocketAddress at = (InetSocketAddress) server.getLocalAddress();
                address = Address.of(ip, at.getPort());
                // Backlog 1 queues two connections on Linux; fill until a connect times out
                // (bounded). A timeout before two are queued is the machine's load, not a full
                // queue (the connect after it would not block): try again.
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(at, 300);
                        fillers.add(s);
                    } catch (SocketTimeoutException full) {
                        s.close();
                        if (fillers.size() >= 2) {
                            return;
                        }
                    }
                }
                throw new IllegalStateException("the accept queue of " + at + " never filled");
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            for (Socket s : fillers) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // test clean-up
                }
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // test clean-up
            }
        }
    }

    /** Starts a task on a platform or a virtual thread and returns its future and thread. */
    record Task<T>(Thread thread, CompletableFuture<T> result, AtomicBoolean interruptedAtEnd) {
        T get(Duration within) throws Exception {
            try {
                return result.get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
        }

        /** The exception the task ended with, waiting at most {@code within}. */
        Throwable failure(Duration within) throws InterruptedException {
            try {
                T value = result.get(within.toMillis(), TimeUnit.MILLISECONDS);
                return fail("expected the task to fail, it returned " + value);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                thread.interrupt();
                return fail("the task did not finish within " + within);
            }
        }
    }

    static <T> Task<T> start(boolean virtual, String name, Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Runnable r = () -> {
            T value;
            try {
                value = body.call();
            } catch (Throwable t) {
                interrupted.set(Thread.currentThread().isInterrupted());
                f.completeExceptionally(t);
                return;
            }
            interrupted.set(Thread.currentThread().isInterrupted());
            f.complete(value);
        };
        Thread t = virtual ? Thread.ofVirtual().name(name).start(r) : Thread.ofPlatform().name(name).daemon().start(r);
        return new Task<>(t, f, interrupted);
    }

    /**
     * Waits until a thread is blocked inside {@code TcpEndpoint.<op>}: the frame is on its stack
     * and the thread waits in the JDK (parked, or in a native call), on two looks 20 ms apart.
     */
    static void awaitBlockedIn(Thread t, String op) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int stable = 0;
        while (System.nanoTime() < deadline) {
            if (blockedIn(t, op)) {
                if (++stable == 2) {
                    return;
                }
            } else {
                stable = 0;
            }
            Thread.sleep(20);
        }
        fail(t + " did not block in " + op + "; stack: " + List.of(t.getStackTrace()));
    }

    private static boolean blockedIn(Thread t, String op) {
        StackTraceElement[] stack = t.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        boolean inOp = false;
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals(TcpEndpoint.class.getName()) && f.getMethodName().equals(op)) {
                inOp = true;
                break;
            }
        }
        Thread.State s = t.getState();
        boolean waiting = s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || stack[0].isNativeMethod();
        return inOp && waiting && !stack[0].getClassName().startsWith("org.sockets");
    }

    /** Fills the peer's receive buffer and this side's send buffer, so the next send blocks. */
    static long fill(Endpoint sender) throws IOException {
        Duration old = sender.timeout().orElse(null);
        sender.timeout(Duration.ofMillis(200));
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        try {
            for (int i = 0; i < 10_000; i++) {
                chunk.clear();
                total += sender.send(chunk);
            }
            throw new IllegalStateException("the buffers never filled after " + total + " bytes");
        } catch (SocketTimeoutException full) {
            return total;
        } finally {
            if (old == null) {
                sender.blocking();
            } else {
                sender.timeout(old);
            }
        }
    }
}
