package org.sockets.unix.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * {@code struct msghdr}, {@code struct iovec} and {@code struct cmsghdr} as LP64 Linux lays them
 * out, and the one use this transport makes of them: one data buffer with descriptors attached
 * ({@code SCM_RIGHTS}), sent with {@code sendmsg(2)} or received with {@code recvmsg(2)}.
 *
 * <p>Every method writes into a direction's {@link Scratch}, whose lock the caller holds.
 */
final class MsgHdr {

    private MsgHdr() {
    }

    // struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
    //                 void *msg_control; size_t msg_controllen; int msg_flags; }
    static final long NAME = 0;
    static final long NAMELEN = 8;
    static final long IOV = 16;
    static final long IOVLEN = 24;
    static final long CONTROL = 32;
    static final long CONTROLLEN = 40;
    static final long FLAGS = 48;
    static final long SIZE = 56;

    // struct iovec { void *iov_base; size_t iov_len; }
    static final long IOV_BASE = 0;
    static final long IOV_LEN = 8;
    static final long IOVEC_SIZE = 16;

    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then the data, aligned
    static final long CMSG_LEN = 0;
    static final long CMSG_LEVEL = 8;
    static final long CMSG_TYPE = 12;
    static final long CMSG_DATA = 16;
    /** CMSG_ALIGN's unit: {@code sizeof(size_t)}. */
    static final long CMSG_ALIGNMENT = 8;
    /** One descriptor in {@code SCM_RIGHTS} data: an {@code int}. */
    static final long FD_BYTES = 4;

    /**
     * {@code CMSG_ALIGN}: a length rounded up to the control-message alignment.
     *
     * @param length bytes
     * @return the aligned length
     */
    static long cmsgAlign(long length) {
        return (length + CMSG_ALIGNMENT - 1) & ~(CMSG_ALIGNMENT - 1);
    }

    /**
     * {@code CMSG_SPACE}: the room one control message with this much data takes.
     *
     * @param dataLen bytes of data
     * @return header plus aligned data
     */
    static long cmsgSpace(long dataLen) {
        return CMSG_DATA + cmsgAlign(dataLen);
    }

    /**
     * {@code CMSG_LEN}: the length field of one control message with this much data.
     *
     * @param dataLen bytes of data
     * @return header plus data, unpadded
     */
    static long cmsgLen(long dataLen) {
        return CMSG_DATA + dataLen;
    }

    /** Points the header at one data buffer. */
    private static void oneBuffer(Scratch io, MemorySegment data, long len) {
        io.iov.set(ValueLayout.ADDRESS, IOV_BASE, data);
        io.iov.set(ValueLayout.JAVA_LONG, IOV_LEN, len);
        io.msg.set(ValueLayout.ADDRESS, IOV, io.iov);
        io.msg.set(ValueLayout.JAVA_LONG, IOVLEN, 1);
    }

    /**
     * Fills {@code io.msg} for a {@code sendmsg} of one buffer with descriptors attached.
     *
     * @param io      the writing direction's scratch
     * @param data    the bytes
     * @param len     how many
     * @param nameLen the length of the destination already encoded in {@code io.addr}, or 0 for
     *                none (a connected socket)
     * @param fds     the descriptor numbers, held open by the caller; none sends no control message
     * @return {@code io.msg}
     */
    static MemorySegment forSend(Scratch io, MemorySegment data, long len, int nameLen, int[] fds) {
        MemorySegment msg = io.msg;
        msg.fill((byte) 0);
        if (nameLen > 0) {
            msg.set(ValueLayout.ADDRESS, NAME, io.addr);
            msg.set(ValueLayout.JAVA_INT, NAMELEN, nameLen);
        }
        oneBuffer(io, data, len);
        if (fds.length > 0) {
            long space = cmsgSpace(FD_BYTES * fds.length);
            MemorySegment c = io.control(space);
            c.asSlice(0, space).fill((byte) 0);
            c.set(ValueLayout.JAVA_LONG, CMSG_LEN, cmsgLen(FD_BYTES * fds.length));
            c.set(ValueLayout.JAVA_INT, CMSG_LEVEL, Native.SOL_SOCKET);
            c.set(ValueLayout.JAVA_INT, CMSG_TYPE, Native.SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                c.set(ValueLayout.JAVA_INT, CMSG_DATA + FD_BYTES * i, fds[i]);
            }
            msg.set(ValueLayout.ADDRESS, CONTROL, c);
            msg.set(ValueLayout.JAVA_LONG, CONTROLLEN, space);
        }
        return msg;
    }

    /**
     * The control buffer's size for up to {@code maxFds} received descriptors.
     *
     * @param maxFds the most descriptors to take
     * @return bytes
     */
    static long receiveSpace(int maxFds) {
        return cmsgSpace(FD_BYTES * maxFds);
    }

    /**
     * Fills {@code io.msg} for a {@code recvmsg} of one buffer, the sender into {@code io.addr},
     * and up to {@code maxFds} descriptors.
     *
     * @param io     the reading direction's scratch
     * @param data   where the bytes go
     * @param len    room in {@code data}
     * @param maxFds the most descriptors to take
     * @return {@code io.msg}
     */
    static MemorySegment forReceive(Scratch io, MemorySegment data, long len, int maxFds) {
        MemorySegment msg = io.msg;
        msg.fill((byte) 0);
        long space = receiveSpace(maxFds);
        MemorySegment c = io.control(space);
        c.asSlice(0, space).fill((byte) 0);
        msg.set(ValueLayout.ADDRESS, NAME, io.addr);
        msg.set(ValueLayout.JAVA_INT, NAMELEN, Native.SOCKADDR_UN_SIZE);
        oneBuffer(io, data, len);
        msg.set(ValueLayout.ADDRESS, CONTROL, c);
        // CMSG_LEN, not CMSG_SPACE: with the padding the kernel would fit one more descriptor
        // when maxFds is odd (Python's recv_fds asks for CMSG_LEN too).
        msg.set(ValueLayout.JAVA_LONG, CONTROLLEN, cmsgLen(FD_BYTES * maxFds));
        return msg;
    }

    /**
     * The sender's address length that {@code recvmsg} reported.
     *
     * @param io the reading direction's scratch, after the call
     * @return bytes of {@code io.addr}
     */
    static int nameLength(Scratch io) {
        return io.msg.get(ValueLayout.JAVA_INT, NAMELEN);
    }

    /**
     * The flags {@code recvmsg} reported ({@code MSG_TRUNC}, {@code MSG_CTRUNC}).
     *
     * @param io the reading direction's scratch, after the call
     * @return the flags
     */
    static int flags(Scratch io) {
        return io.msg.get(ValueLayout.JAVA_INT, FLAGS);
    }

    /**
     * Adds the descriptors of every {@code SCM_RIGHTS} message the kernel wrote, walking the
     * control messages as {@code CMSG_FIRSTHDR} / {@code CMSG_NXTHDR} do, bounded by the length.
     *
     * @param io     the reading direction's scratch, after the call
     * @param maxFds what {@link #forReceive} was given
     * @param into   where the numbers go; they are the caller's to close
     */
    static void rights(Scratch io, int maxFds, List<Integer> into) {
        long space = receiveSpace(maxFds);
        MemorySegment c = io.control(space);
        long clen = Math.min(io.msg.get(ValueLayout.JAVA_LONG, CONTROLLEN), space);
        long off = 0;
        while (off + CMSG_DATA <= clen) {
            long l = c.get(ValueLayout.JAVA_LONG, off + CMSG_LEN);
            if (l < CMSG_DATA || off + l > clen) {
                break;
            }
            if (c.get(ValueLayout.JAVA_INT, off + CMSG_LEVEL) == Native.SOL_SOCKET
                    && c.get(ValueLayout.JAVA_INT, off + CMSG_TYPE) == Native.SCM_RIGHTS) {
                for (long p = off + CMSG_DATA; p + FD_BYTES <= off + l; p += FD_BYTES) {
                    into.add(c.get(ValueLayout.JAVA_INT, p));
                }
            }
            off += cmsgAlign(l);
        }
    }
}
