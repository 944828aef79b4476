package org.sockets.unix.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls, constants and structure layouts this transport uses, through the Foreign
 * Function and Memory API.
 *
 * <p>Every call captures {@code errno} ({@link Linker.Option#captureCallState}) into a segment the
 * caller passes first; callers own those segments, so no thread-local state is needed (virtual
 * threads would each get their own).
 *
 * <p>Which calls may block: {@code epoll_wait} (only the poller's platform thread), {@code poll}
 * (only platform threads), and, on a connected or datagram socket that only this process holds
 * (which {@link FdHandle} keeps in blocking mode), the data calls a platform thread with no
 * timeout makes without {@code MSG_DONTWAIT} (with no kernel timeout: close shuts the socket
 * down, an interrupt closes it). A virtual thread never blocks here: it always passes {@code MSG_DONTWAIT},
 * and {@code accept} and {@code connect} are made only on non-blocking descriptors.
 *
 * <p>Constants and layouts are those of Linux x86_64 and aarch64 (checked against the kernel's
 * asm-generic and x86 headers); {@link Platform#arch()} refuses anything else before this class
 * loads.
 */
final class Native {

    private Native() {
    }

    // ---------------------------------------------------------------- constants (Linux, 64-bit)

    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_PEERCRED = 17;
    static final int SO_ACCEPTCONN = 30;
    static final int SO_DOMAIN = 39;
    static final int SCM_RIGHTS = 1;

    static final int MSG_PEEK = 0x2;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_CMSG_CLOEXEC = 0x40000000;

    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int O_NONBLOCK = 0x800;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_TRUNC = 0x200;
    static final int O_APPEND = 0x400;
    static final int O_CLOEXEC = 0x80000;

    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EPOLLERR = 0x8;
    static final int EPOLLHUP = 0x10;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLONESHOT = 1 << 30;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int POLLIN = 0x1;
    static final int POLLOUT = 0x4;
    /** struct pollfd: int fd; short events; short revents. */
    static final long POLLFD_FD = 0;
    static final long POLLFD_EVENTS = 4;
    static final long POLLFD_REVENTS = 6;
    static final long POLLFD_SIZE = 8;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int EPIPE = 32;
    static final int ENAMETOOLONG = 36;
    static final int ELOOP = 40;
    static final int ENOTSOCK = 88;
    static final int EDESTADDRREQ = 89;
    static final int EMSGSIZE = 90;
    static final int EPROTOTYPE = 91;
    static final int EOPNOTSUPP = 95;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ECONNRESET = 104;
    static final int ENOBUFS = 105;
    static final int EISCONN = 106;
    static final int ENOTCONN = 107;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EINPROGRESS = 115;

    // ---------------------------------------------------------------- layouts

    /** {@code struct sockaddr_un}: a 2-byte family, then 108 bytes of path. */
    static final int SUN_PATH_OFFSET = 2;
    static final int SUN_PATH_SIZE = 108;
    static final int SOCKADDR_UN_SIZE = SUN_PATH_OFFSET + SUN_PATH_SIZE;
    /** Memory for a {@code sockaddr_un} the kernel writes: two bytes spare, for a NUL after a full path. */
    static final int SOCKADDR_UN_ROOM = SOCKADDR_UN_SIZE + 2;
    /** The length of an {@code int} option value, as {@code getsockopt} / {@code setsockopt} take it. */
    static final int INT_OPTION_SIZE = 4;

    /** {@code struct ucred}: pid, uid, gid as 32-bit values. */
    static final long UCRED_PID = 0;
    static final long UCRED_UID = 4;
    static final long UCRED_GID = 8;
    static final long UCRED_SIZE = 12;

    /** {@code struct epoll_event}: a 32-bit event mask, then the data, packed on x86_64, 8-aligned on aarch64. */
    static final long EPOLL_EVENTS_OFFSET = 0;
    static final long EPOLL_EVENT_SIZE;
    static final long EPOLL_DATA_OFFSET;

    static {
        boolean packed = Platform.arch() == Platform.Arch.X86_64;
        EPOLL_EVENT_SIZE = packed ? 12 : 16;
        EPOLL_DATA_OFFSET = packed ? 4 : 8;
    }

    // ---------------------------------------------------------------- errno capture

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * A segment to capture {@code errno} into; one per thread of calls (an endpoint keeps one per
     * direction, guarded by that direction's lock).
     *
     * @param arena the owner
     * @return the segment
     */
    static MemorySegment captureSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    // ---------------------------------------------------------------- functions

    private static final Linker LINKER;
    private static final SymbolLookup LIBC;

    static {
        Platform.checkNativeAccess();
        LINKER = Linker.nativeLinker();
        LIBC = LINKER.defaultLookup();
    }

    private static MethodHandle fn(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] opts = new Linker.Option[extra.length + 1];
        opts[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, opts, 1, extra.length);
        MemorySegment addr = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("C library function " + name + " not found"));
        return LINKER.downcallHandle(addr, fd, opts);
    }

    private static final MethodHandle SOCKET = fn("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = fn("socketpair", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle BIND = fn("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = fn("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = fn("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = fn("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = fn("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = fn("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDMSG = fn("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = fn("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SHUTDOWN = fn("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = fn("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = fn("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = fn("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = fn("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** fcntl is variadic: the third argument is the first variadic one. */
    private static final MethodHandle FCNTL = fn("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    /** open is variadic too (the mode). */
    private static final MethodHandle OPEN = fn("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EPOLL_CREATE1 = fn("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = fn("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle POLL = fn("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = fn("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle EPOLL_WAIT = fn("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private static RuntimeException wrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static int socket(MemorySegment st, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(st, domain, type, protocol);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int socketpair(MemorySegment st, int domain, int type, int protocol, MemorySegment sv) {
        try {
            return (int) SOCKETPAIR.invokeExact(st, domain, type, protocol, sv);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int bind(MemorySegment st, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int listen(MemorySegment st, int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(st, fd, backlog);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int accept4(MemorySegment st, int fd, MemorySegment addr, MemorySegment len, int flags) {
        try {
            return (int) ACCEPT4.invokeExact(st, fd, addr, len, flags);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int connect(MemorySegment st, int fd, MemorySegment addr, int len) {
        try {
            return (int) CONNECT.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static long sendto(MemorySegment st, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int alen) {
        try {
            return (long) SENDTO.invokeExact(st, fd, buf, len, flags, addr, alen);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static long recvfrom(MemorySegment st, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment alen) {
        try {
            return (long) RECVFROM.invokeExact(st, fd, buf, len, flags, addr, alen);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static long sendmsg(MemorySegment st, int fd, MemorySegment msg, int flags) {
        try {
            return (long) SENDMSG.invokeExact(st, fd, msg, flags);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static long recvmsg(MemorySegment st, int fd, MemorySegment msg, int flags) {
        try {
            return (long) RECVMSG.invokeExact(st, fd, msg, flags);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int shutdown(MemorySegment st, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(st, fd, how);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int close(MemorySegment st, int fd) {
        try {
            return (int) CLOSE.invokeExact(st, fd);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int getsockname(MemorySegment st, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETSOCKNAME.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int getpeername(MemorySegment st, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETPEERNAME.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int getsockopt(MemorySegment st, int fd, int level, int name, MemorySegment val, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(st, fd, level, name, val, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int setsockopt(MemorySegment st, int fd, int level, int name, MemorySegment val, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(st, fd, level, name, val, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int fcntl(MemorySegment st, int fd, int cmd, int arg) {
        try {
            return (int) FCNTL.invokeExact(st, fd, cmd, arg);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int open(MemorySegment st, MemorySegment path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(st, path, flags, mode);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int epollCreate1(MemorySegment st, int flags) {
        try {
            return (int) EPOLL_CREATE1.invokeExact(st, flags);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int epollCtl(MemorySegment st, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(st, epfd, op, fd, event);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int epollWait(MemorySegment st, int epfd, MemorySegment events, int max, int timeoutMs) {
        try {
            return (int) EPOLL_WAIT.invokeExact(st, epfd, events, max, timeoutMs);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /**
     * poll(2): the one blocking native call besides the poller's epoll_wait, made only by
     * platform threads (a virtual thread never blocks its carrier in C).
     */
    static int poll(MemorySegment st, MemorySegment fds, long nfds, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(st, fds, nfds, timeoutMs);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static int eventfd(MemorySegment st, int initval, int flags) {
        try {
            return (int) EVENTFD.invokeExact(st, initval, flags);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    static long write(MemorySegment st, int fd, MemorySegment buf, long len) {
        try {
            return (long) WRITE.invokeExact(st, fd, buf, len);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** Closes a descriptor, ignoring errors: Linux frees the number even when close reports EINTR. */
    static void closeQuietly(int fd) {
        try (Arena a = Arena.ofConfined()) {
            close(captureSegment(a), fd);
        }
    }
}
