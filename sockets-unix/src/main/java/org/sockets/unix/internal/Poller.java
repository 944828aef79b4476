package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One epoll instance and one platform daemon thread for the whole process: the only place this
 * transport waits in native code.
 *
 * <p>Every descriptor is registered once, edge-triggered, for input and output, with a
 * registration id (never the descriptor number) as its epoll data. An event bumps the handle's
 * read and/or write sequence numbers and unparks the thread waiting in that direction; a waiter
 * compares sequence numbers before parking, so an edge that fires between its failed attempt and
 * its park is never lost. Because events carry ids, an event for a descriptor that was closed
 * meanwhile finds no handle and is dropped: the poller never touches a descriptor number that
 * may have been reused.
 */
final class Poller {

    private static final int MAX_EVENTS = 256;

    private static volatile Poller instance;

    private final int epfd;
    private final ConcurrentHashMap<Long, FdHandle> handles = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread thread;

    private Poller() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            epfd = Native.epollCreate1(st, Native.EPOLL_CLOEXEC);
            if (epfd < 0) {
                throw Errors.of(Native.errno(st), "epoll_create1", "(the sockets-unix poller)");
            }
        }
        thread = Thread.ofPlatform().daemon().name("sockets-unix-poller").unstarted(this::run);
        thread.start();
    }

    static Poller get() throws IOException {
        Poller p = instance;
        if (p == null) {
            synchronized (Poller.class) {
                p = instance;
                if (p == null) {
                    p = new Poller();
                    instance = p;
                }
            }
        }
        return p;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void register(FdHandle h) throws IOException {
        handles.put(h.id, h);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment ev = a.allocate(Native.EPOLL_EVENT_SIZE, 8);
            ev.set(ValueLayout.JAVA_INT_UNALIGNED, 0, Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET);
            ev.set(ValueLayout.JAVA_LONG_UNALIGNED, Native.EPOLL_DATA_OFFSET, h.id);
            if (Native.epollCtl(st, epfd, Native.EPOLL_CTL_ADD, h.fd, ev) < 0) {
                handles.remove(h.id);
                throw Errors.of(Native.errno(st), "epoll_ctl(ADD)", "descriptor " + h.fd);
            }
        }
    }

    /** Removes a descriptor; called once, just before it is closed, when no call uses it. */
    void deregister(FdHandle h) {
        handles.remove(h.id);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment ev = a.allocate(Native.EPOLL_EVENT_SIZE, 8);
            Native.epollCtl(st, epfd, Native.EPOLL_CTL_DEL, h.fd, ev);
        }
    }

    /** Registered descriptors, for tests that check nothing stays behind. */
    int registered() {
        return handles.size();
    }

    private void run() {
        Arena arena = Arena.ofConfined();
        MemorySegment st = Native.captureSegment(arena);
        MemorySegment events = arena.allocate(Native.EPOLL_EVENT_SIZE * MAX_EVENTS, 8);
        while (true) {
            int n = Native.epollWait(st, epfd, events, MAX_EVENTS, -1);
            if (n < 0) {
                int err = Native.errno(st);
                if (err == Native.EINTR) {
                    continue;
                }
                // Nothing sensible to do but report: waiters with timeouts still time out.
                System.getLogger("org.sockets.unix").log(System.Logger.Level.ERROR, "epoll_wait failed: " + Errors.name(err));
                return;
            }
            for (int i = 0; i < n; i++) {
                long base = i * Native.EPOLL_EVENT_SIZE;
                int ev = events.get(ValueLayout.JAVA_INT_UNALIGNED, base);
                long id = events.get(ValueLayout.JAVA_LONG_UNALIGNED, base + Native.EPOLL_DATA_OFFSET);
                FdHandle h = handles.get(id);
                if (h != null) {
                    h.ready(ev);
                }
            }
        }
    }
}
