package org.sockets.unix.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.sockets.api.Address;

/**
 * Encodes and decodes {@code struct sockaddr_un}, with Linux's rules: a path is NUL-terminated and
 * must fit with its NUL in the 108-byte {@code sun_path}; an abstract name starts with a NUL and
 * has exactly the given length (no trailing NUL: {@code "\0a"} and {@code "\0a\0"} are different
 * names); a length of just the family field means an unnamed socket (or, at bind, autobind).
 *
 * <p>Paths are encoded as UTF-8 bytes, the file-name encoding of every Linux system the JDK
 * supports by default.
 */
final class SockAddr {

    /** The longest path in bytes: {@code sun_path} less the terminating NUL. */
    static final int MAX_PATH_BYTES = Native.SUN_PATH_SIZE - 1;
    /** The longest abstract name in bytes: {@code sun_path} less the leading NUL. */
    static final int MAX_ABSTRACT_BYTES = Native.SUN_PATH_SIZE - 1;

    private SockAddr() {
    }

    /**
     * Writes an address into a segment of at least {@link Native#SOCKADDR_UN_SIZE} bytes.
     *
     * @param address   a Unix-domain address
     * @param seg       where to write
     * @param operation for messages
     * @return the address length to pass to the kernel
     * @throws IllegalArgumentException if the address is not a Unix one or does not fit
     */
    static int encode(Address address, MemorySegment seg, String operation) {
        seg.asSlice(0, Native.SOCKADDR_UN_SIZE).fill((byte) 0);
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) Native.AF_UNIX);
        return switch (address) {
            case Address.UnixPath p -> {
                byte[] b = p.path().toString().getBytes(StandardCharsets.UTF_8);
                if (b.length > MAX_PATH_BYTES) {
                    throw new IllegalArgumentException(operation + ": Unix socket path too long: " + b.length
                            + " bytes, the limit is " + MAX_PATH_BYTES + " (sun_path holds 108 with the NUL): " + p.path()
                            + "; use a shorter path (a relative one, or a symlinked directory) or an abstract name");
                }
                MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, Native.SUN_PATH_OFFSET, b.length);
                yield Native.SUN_PATH_OFFSET + b.length + 1;
            }
            case Address.UnixAbstract a -> {
                byte[] b = a.bytes();
                if (b.length > MAX_ABSTRACT_BYTES) {
                    throw new IllegalArgumentException(operation + ": abstract Unix socket name too long: " + b.length
                            + " bytes, the limit is " + MAX_ABSTRACT_BYTES + ": " + a);
                }
                MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, Native.SUN_PATH_OFFSET + 1, b.length);
                yield Native.SUN_PATH_OFFSET + 1 + b.length;
            }
            case Address.UnixUnnamed u -> Native.SUN_PATH_OFFSET;
            default -> throw new IllegalArgumentException(operation + ": " + address + " is a " + address.family()
                    + " address; a UNIX endpoint takes Address.unix(path), Address.abstractName(name) or Address.unnamed()");
        };
    }

    /**
     * Checks that an address encodes, before any I/O.
     *
     * @param address   the address
     * @param operation for messages
     * @throws IllegalArgumentException if it does not
     */
    static void check(Address address, String operation) {
        try (Arena a = Arena.ofConfined()) {
            encode(address, a.allocate(Native.SOCKADDR_UN_SIZE), operation);
        }
    }

    /**
     * Reads an address the kernel wrote.
     *
     * @param seg the sockaddr_un
     * @param len the length the kernel reported
     * @return the address; {@link Address.UnixUnnamed} for an unnamed socket
     */
    static Address decode(MemorySegment seg, int len) {
        int pathLen = Math.min(len, Native.SOCKADDR_UN_SIZE) - Native.SUN_PATH_OFFSET;
        if (pathLen <= 0) {
            return Address.unnamed();
        }
        byte[] b = seg.asSlice(Native.SUN_PATH_OFFSET, pathLen).toArray(ValueLayout.JAVA_BYTE);
        if (b[0] == 0) {
            return Address.abstractName(new String(b, 1, b.length - 1, StandardCharsets.UTF_8));
        }
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return Address.unix(Path.of(new String(Arrays.copyOf(b, end), StandardCharsets.UTF_8)));
    }

    /** A name call: {@code getsockname} or {@code getpeername}. */
    interface NameCall {
        /**
         * Calls it.
         *
         * @param st   errno capture
         * @param fd   the socket
         * @param addr where the name goes
         * @param len  its size in, the name's length out
         * @return 0, or -1 on failure
         */
        int call(MemorySegment st, int fd, MemorySegment addr, MemorySegment len);
    }

    /**
     * The address a name call reports.
     *
     * @param call getsockname or getpeername
     * @param fd   the socket; the caller holds a use of it or it is fresh
     * @return the address, or empty if the call fails (getpeername when not connected)
     */
    static Optional<Address> name(NameCall call, int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment sa = a.allocate(Native.SOCKADDR_UN_ROOM, 8);
            MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
            if (call.call(st, fd, sa, len) < 0) {
                return Optional.empty();
            }
            return Optional.of(decode(sa, len.get(ValueLayout.JAVA_INT, 0)));
        }
    }
}
