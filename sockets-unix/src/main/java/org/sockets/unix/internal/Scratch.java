package org.sockets.unix.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The native memory of one direction (reads or writes) of one endpoint, guarded by its lock: a
 * call holds the lock for its whole length, so it allocates nothing native unless it moves more
 * than the buffer kept here.
 */
final class Scratch {

    /** One call at a time in this direction. */
    final ReentrantLock lock = new ReentrantLock();
    private final Arena arena = Arena.ofAuto();
    /** errno of this direction's calls. */
    final MemorySegment st = Native.captureSegment(arena);
    /** A {@code struct sockaddr_un}, with room for the kernel's terminating NUL. */
    final MemorySegment addr = arena.allocate(Native.SOCKADDR_UN_ROOM, 8);
    /** A {@code socklen_t}. */
    final MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
    final MemorySegment msg = arena.allocate(MsgHdr.SIZE, 8);
    final MemorySegment iov = arena.allocate(MsgHdr.IOVEC_SIZE, 8);
    /** Two pollfds (the descriptor, the close eventfd) for a platform thread's wait. */
    final MemorySegment pfds = arena.allocate(2 * Native.POLLFD_SIZE, 8);
    private MemorySegment buf = MemorySegment.NULL;
    private MemorySegment control = MemorySegment.NULL;

    /**
     * The data buffer, grown to at least {@code size} (and at least 4 KiB).
     *
     * @param size bytes needed
     * @return the buffer
     */
    MemorySegment buffer(long size) {
        if (buf.byteSize() < size) {
            buf = Arena.ofAuto().allocate(Math.max(size, 4096), 8);
        }
        return buf;
    }

    /**
     * The control-message buffer, grown to at least {@code size}.
     *
     * @param size bytes needed
     * @return the buffer
     */
    MemorySegment control(long size) {
        if (control.byteSize() < size) {
            control = Arena.ofAuto().allocate(size, 8);
        }
        return control;
    }
}
