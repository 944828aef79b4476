package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.sockets.api.EndpointClosedException;
import org.sockets.unix.Descriptor;
import org.sockets.unix.UnixEndpoint;

/**
 * A descriptor owned by this process and not registered with the poller (a file, a pipe, or a
 * socket on its way to or from another process). Uses are counted as in {@link FdHandle}, so the
 * number is never used after {@code close(2)}; a cleaner closes it if it becomes unreachable open.
 */
public final class NativeDescriptor implements Descriptor {

    /** The descriptor and its use count; separate from the object so the cleaner can hold it. */
    private static final class State implements Runnable {
        /** Bit 0: closed. Bits 1..: uses, in steps of 2. */
        final AtomicLong bits = new AtomicLong();
        final int fd;

        State(int fd) {
            this.fd = fd;
        }

        boolean acquire() {
            while (true) {
                long s = bits.get();
                if ((s & 1) != 0) {
                    return false;
                }
                if (bits.compareAndSet(s, s + 2)) {
                    return true;
                }
            }
        }

        void release() {
            if (bits.addAndGet(-2) == 1) {
                Native.closeQuietly(fd);
            }
        }

        /** Closes, now or when the last use ends; the cleaner's action too. */
        @Override
        public void run() {
            while (true) {
                long s = bits.get();
                if ((s & 1) != 0) {
                    return;
                }
                if (bits.compareAndSet(s, s | 1)) {
                    if (s == 0) {
                        Native.closeQuietly(fd);
                    }
                    return;
                }
            }
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;

    NativeDescriptor(int fd) {
        this.state = new State(fd);
        this.cleanable = Cleaners.CLEANER.register(this, state);
    }

    /**
     * Opens a file ({@link Descriptor#open}).
     *
     * @param path    the file
     * @param options the options
     * @return the descriptor
     * @throws IOException naming the path
     */
    public static Descriptor open(Path path, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        UnixTransportProvider.checkUsable();
        boolean read = false;
        boolean write = false;
        int flags = Native.O_CLOEXEC;
        for (OpenOption o : options) {
            if (o == StandardOpenOption.READ) {
                read = true;
            } else if (o == StandardOpenOption.WRITE) {
                write = true;
            } else if (o == StandardOpenOption.APPEND) {
                write = true;
                flags |= Native.O_APPEND;
            } else if (o == StandardOpenOption.CREATE) {
                flags |= Native.O_CREAT;
            } else if (o == StandardOpenOption.TRUNCATE_EXISTING) {
                flags |= Native.O_TRUNC;
            } else {
                throw new UnsupportedOperationException("Descriptor.open: option " + o + " is not supported; use READ, WRITE, APPEND, CREATE, TRUNCATE_EXISTING");
            }
        }
        flags |= write ? (read ? Native.O_RDWR : Native.O_WRONLY) : Native.O_RDONLY;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment p = a.allocateFrom(path.toString(), StandardCharsets.UTF_8);
            int fd = Native.open(st, p, flags, 0666);
            if (fd < 0) {
                throw Errors.of(Native.errno(st), "open", path);
            }
            return new NativeDescriptor(fd);
        }
    }

    /**
     * Duplicates an endpoint's socket ({@link Descriptor#of}).
     *
     * @param endpoint the endpoint
     * @return the descriptor
     * @throws IOException if closed
     */
    public static Descriptor duplicate(UnixEndpoint endpoint) throws IOException {
        if (!(endpoint instanceof UnixSocket s)) {
            throw new IllegalArgumentException(endpoint + " is not a sockets-unix endpoint");
        }
        return new NativeDescriptor(s.duplicateFd());
    }

    /**
     * Duplicates a raw number ({@link Descriptor#duplicate(int)}).
     *
     * @param fd the number
     * @return the descriptor
     * @throws IOException if not open
     */
    public static Descriptor duplicate(int fd) throws IOException {
        UnixTransportProvider.checkUsable();
        return new NativeDescriptor(dup(fd, "descriptor " + fd));
    }

    static int dup(int fd, Object what) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            int n = Native.fcntl(st, fd, Native.F_DUPFD_CLOEXEC, 3);
            if (n < 0) {
                throw Errors.of(Native.errno(st), "dup", what);
            }
            return n;
        }
    }

    /**
     * Holds the number open for a call; pair with {@link #releaseFd()}.
     *
     * @param op for the message if closed
     * @return the number
     * @throws IOException if closed
     */
    int acquireFd(String op) throws IOException {
        if (!state.acquire()) {
            throw new EndpointClosedException(op + ": descriptor " + state.fd + " is closed");
        }
        return state.fd;
    }

    void releaseFd() {
        state.release();
    }

    @Override
    public int number() {
        if (!isOpen()) {
            throw new IllegalStateException("descriptor " + state.fd + " is closed");
        }
        return state.fd;
    }

    @Override
    public boolean isOpen() {
        return (state.bits.get() & 1) == 0;
    }

    /**
     * Runs something with the descriptor number held open.
     *
     * @param op  for the message if closed
     * @param use what to do with the number
     * @param <T> the result
     * @return its result
     * @throws IOException if closed, or what {@code use} throws
     */
    <T> T with(String op, FdFunction<T> use) throws IOException {
        int fd = acquireFd(op);
        try {
            return use.apply(fd);
        } finally {
            state.release();
        }
    }

    /**
     * A use of a descriptor number.
     *
     * @param <T> the result
     */
    interface FdFunction<T> {
        /**
         * Uses the number.
         *
         * @param fd the open descriptor
         * @return the result
         * @throws IOException on failure
         */
        T apply(int fd) throws IOException;
    }

    @Override
    public String target() throws IOException {
        return with("target", fd -> Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
    }

    @Override
    public boolean isSocket() throws IOException {
        return target().startsWith("socket:");
    }

    @Override
    public UnixEndpoint toEndpoint() throws IOException {
        UnixEndpoint e = with("toEndpoint", fd -> UnixSockets.adopt(dup(fd, "descriptor " + fd), this));
        close();
        return e;
    }

    @Override
    public FileChannel openChannel(OpenOption... options) throws IOException {
        return with("openChannel", fd -> {
            try {
                return FileChannel.open(Path.of("/proc/self/fd/" + fd), options);
            } catch (IOException e) {
                String t = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
                if (t.startsWith("socket:")) {
                    throw new IOException("openChannel: descriptor " + fd + " is a socket (" + t + "); use toEndpoint()", e);
                }
                throw e;
            }
        });
    }

    @Override
    public Descriptor duplicate() throws IOException {
        return with("duplicate", fd -> new NativeDescriptor(dup(fd, "descriptor " + fd)));
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "Descriptor[" + state.fd + (isOpen() ? "" : ", closed") + "]";
    }
}
