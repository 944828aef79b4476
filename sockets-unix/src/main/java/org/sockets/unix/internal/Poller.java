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
 * <p>Every descriptor is registered once, with a registration id (never the descriptor number) as
 * its epoll data, and is armed one-shot, level-triggered, only for the directions a thread is
 * waiting in (as the JDK's own poller does): a descriptor nobody waits on costs the poller
 * nothing, which matters for bulk transfers on few cores (see
 * docs/decisions/2026-11-26-unix-poller.md). Arming is level-triggered, so
 * a descriptor that became ready between a failed attempt and the arming reports at once: no
 * wake-up is lost. An event bumps the handle's sequence numbers and unparks the waiter. Because
 * events carry ids, an event for a descriptor that was closed meanwhile finds no handle and is
 * dropped; re-arming from the poller thread takes a use of the handle first: the poller never
 * touches a descriptor number that may have been reused.
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
            // Disarmed until a thread waits (one-shot with no directions).
            ev.set(ValueLayout.JAVA_INT_UNALIGNED, Native.EPOLL_EVENTS_OFFSET, Native.EPOLLONESHOT);
            ev.set(ValueLayout.JAVA_LONG_UNALIGNED, Native.EPOLL_DATA_OFFSET, h.id);
            if (Native.epollCtl(st, epfd, Native.EPOLL_CTL_ADD, h.fd, ev) < 0) {
                handles.remove(h.id);
                throw Errors.of(Native.errno(st), "epoll_ctl(ADD)", "descriptor " + h.fd);
            }
        }
    }

    /**
     * Arms a registered descriptor, one-shot, for some directions. The caller holds a use of the
     * handle, so the descriptor number is open.
     *
     * @param h       the handle
     * @param events  EPOLLIN / EPOLLOUT / EPOLLRDHUP bits
     * @param scratch an epoll_event-sized segment the caller owns
     * @param st      an errno capture segment the caller owns
     * @throws IOException if epoll refuses
     */
    void arm(FdHandle h, int events, MemorySegment scratch, MemorySegment st) throws IOException {
        scratch.set(ValueLayout.JAVA_INT_UNALIGNED, Native.EPOLL_EVENTS_OFFSET, events | Native.EPOLLONESHOT);
        scratch.set(ValueLayout.JAVA_LONG_UNALIGNED, Native.EPOLL_DATA_OFFSET, h.id);
        if (Native.epollCtl(st, epfd, Native.EPOLL_CTL_MOD, h.fd, scratch) < 0) {
            throw Errors.of(Native.errno(st), "epoll_ctl(MOD)", "descriptor " + h.fd);
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
        MemorySegment rearmSt = Native.captureSegment(arena);
        MemorySegment rearm = arena.allocate(Native.EPOLL_EVENT_SIZE, 8);
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
                int ev = events.get(ValueLayout.JAVA_INT_UNALIGNED, base + Native.EPOLL_EVENTS_OFFSET);
                long id = events.get(ValueLayout.JAVA_LONG_UNALIGNED, base + Native.EPOLL_DATA_OFFSET);
                FdHandle h = handles.get(id);
                if (h != null) {
                    h.ready(ev, rearm, rearmSt);
                }
            }
        }
    }
}
