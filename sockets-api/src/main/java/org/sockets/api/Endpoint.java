package org.sockets.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A socket: Python's {@code socket.socket} object, for any family and type a transport provides.
 *
 * <p>Open one with {@link Sockets#open(Family, SocketType)}; close it when done (it is
 * {@link Closeable}, and {@link #close()} may be called any number of times).
 *
 * {@snippet :
 * try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
 *     server.bind(Address.of("localhost", 9999)).listen(5);
 *     try (Endpoint conn = server.accept()) {
 *         conn.sendAll("Thank you for connecting\r\n".getBytes(StandardCharsets.US_ASCII));
 *     }
 * }
 * }
 *
 * <h2>Addresses</h2>
 * {@link #localAddress()}, {@link #peerAddress()}, {@code accept} and {@code recvFrom} give
 * {@link Address} records: {@link Address.Ip} for INET and INET6 (its
 * {@link Address#inetPort() inetPort()} is the port, its {@link Address#toPython() toPython()}
 * Python's tuple), {@link Address.UnixPath}, {@link Address.UnixAbstract} or
 * {@link Address.UnixUnnamed} for UNIX. An INET6 endpoint reports an IPv4 peer or sender, which
 * reaches it as an IPv4-mapped address, as the INET address: {@code ('127.0.0.1', port)}, where
 * Python shows {@code ('::ffff:127.0.0.1', port, 0, 0)}, because the JDK never represents a
 * mapped address as IPv6 (see {@link Address}). Sending or connecting to that address from the
 * INET6 endpoint reaches the peer.
 *
 * <h2>Blocking and timeouts</h2>
 * As in Python, an endpoint blocks until told otherwise: {@code recv} waits for data for as long
 * as it takes. {@link #timeout(Duration)} bounds every blocking call ({@code accept},
 * {@code connect}, {@code send}, {@code sendAll}, {@code recv}, {@code sendTo},
 * {@code recvFrom}); a call that runs out of time throws
 * {@link java.net.SocketTimeoutException} and leaves the endpoint open (after a {@code sendAll}
 * that timed out, how much was sent is unknown, as in Python), except {@code connect}: a connect
 * that fails in any way, timeout included, closes the endpoint, as the JDK's channels do (Python
 * leaves such a socket in an unspecified state; open a new one). {@code sendAll} has one deadline
 * for the whole call. A new endpoint, and one that {@code accept} returns, takes the
 * process-wide default, {@link Sockets#defaultTimeout()}, which is none unless set.
 *
 * <h2>Threads</h2>
 * One thread may receive while another sends; two threads receiving at once (or sending at
 * once) take turns. Blocking calls hold no lock that {@link #close()} needs: closing from another
 * thread wakes every blocked call, which throws {@link java.nio.channels.AsynchronousCloseException}.
 * Interrupting a thread blocked in a call closes the endpoint and the call throws
 * {@link java.nio.channels.ClosedByInterruptException}, leaving the interrupt status set, as with
 * the JDK's interruptible channels; so does interrupting a thread waiting for its turn behind
 * another reader or writer. Sending after {@code shutdown(WRITE)} throws {@link java.net.SocketException}.
 * Endpoints are made for virtual threads: a blocked call parks the virtual thread, not its carrier.
 *
 * <h2>Errors</h2>
 * I/O failures are {@link IOException}s, the JDK's own where one fits
 * ({@link java.net.ConnectException}, {@link java.net.BindException},
 * {@link java.net.UnknownHostException}, {@link java.net.SocketTimeoutException},
 * {@link java.net.PortUnreachableException}), with the operation and the endpoint's addresses in
 * the message. {@link java.nio.channels.AsynchronousCloseException} and
 * {@link java.nio.channels.ClosedByInterruptException}, which the JDK gives no message, say which
 * call they ended in their cause; their class is exactly the JDK's. Calling an
 * operation in the wrong state is an {@link EndpointStateException}; one that the family or type
 * does not have is an {@link UnsupportedEndpointOperationException}; on a closed endpoint an
 * {@link EndpointClosedException}.
 *
 * <h2>For implementers</h2>
 * Transports implement the abstract methods; the defaults here build the conveniences on top of
 * them. Methods that a kind of endpoint does not have throw
 * {@link UnsupportedEndpointOperationException}.
 */
public interface Endpoint extends Closeable {

    /**
     * The address family this endpoint was opened with.
     *
     * @return the family
     */
    Family family();

    /**
     * The socket type this endpoint was opened with.
     *
     * @return the type
     */
    SocketType type();

    /**
     * Binds to a local address (Python's {@code bind}).
     *
     * @param local where to bind; port 0 picks a free port, which {@link #localAddress()} tells
     * @return this endpoint
     * @throws java.net.BindException if the address is in use or not local
     * @throws java.net.UnknownHostException if a host name does not resolve in this family
     * @throws EndpointStateException if already bound, listening or connected
     * @throws IOException on other I/O failures
     */
    Endpoint bind(Address local) throws IOException;

    /**
     * Starts accepting connections (Python's {@code listen}). Binds to any address and a free port
     * first if not bound.
     *
     * @param backlog how many connections the system may queue before {@link #accept()} takes
     *                them; at least 0 (the system may round it up)
     * @return this endpoint
     * @throws UnsupportedEndpointOperationException on datagram endpoints
     * @throws IOException on I/O failures
     */
    Endpoint listen(int backlog) throws IOException;

    /**
     * Starts accepting connections with Python's default backlog (the smaller of
     * {@code SOMAXCONN} and 128).
     *
     * @return this endpoint
     * @throws IOException on I/O failures
     */
    default Endpoint listen() throws IOException {
        return listen(128);
    }

    /**
     * Waits for a connection and returns it (Python's {@code accept}); the peer's address is on
     * the new endpoint's {@link #peerAddress()}. The new endpoint has the process-wide default
     * timeout, not this one's, as in Python.
     *
     * @return the connected endpoint, which the caller must close
     * @throws java.net.SocketTimeoutException if the timeout passes first
     * @throws EndpointStateException if not listening
     * @throws IOException on I/O failures
     */
    Endpoint accept() throws IOException;

    /**
     * Connects to a remote address (Python's {@code connect}). On a datagram endpoint this fixes
     * the default peer and filters what is received to datagrams from it.
     *
     * @param remote where to connect; a {@link Address.Host} is resolved in this endpoint's family
     * @return this endpoint
     * @throws java.net.ConnectException if refused, naming the address
     * @throws java.net.UnknownHostException if the host does not resolve in this family
     * @throws java.net.SocketTimeoutException if the timeout passes first
     * @throws IOException on other I/O failures; a stream endpoint whose connect failed, for
     *         any reason, is closed
     */
    Endpoint connect(Address remote) throws IOException;

    /**
     * Sends what the system accepts now, at least one byte unless {@code src} is empty (Python's
     * {@code send}); may send less than all.
     *
     * @param src the bytes to send, from its position; the position advances by the count
     * @return how many bytes were sent
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    int send(ByteBuffer src) throws IOException;

    /**
     * Sends what the system accepts now from an array (Python's {@code send}).
     *
     * @param data the bytes
     * @return how many bytes were sent
     * @throws IOException on I/O failures
     */
    default int send(byte[] data) throws IOException {
        return send(ByteBuffer.wrap(data));
    }

    /**
     * Sends all the bytes, waiting as needed (Python's {@code sendall}).
     *
     * @param src the bytes, from its position; on return it has none remaining
     * @throws IOException on I/O failures; after a timeout, how much was sent is unknown
     */
    default void sendAll(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            send(src);
        }
    }

    /**
     * Sends all the bytes of an array (Python's {@code sendall}).
     *
     * @param data the bytes
     * @throws IOException on I/O failures
     */
    default void sendAll(byte[] data) throws IOException {
        sendAll(ByteBuffer.wrap(data));
    }

    /**
     * Sends all of part of an array.
     *
     * @param data   the bytes
     * @param offset where to start
     * @param length how many
     * @throws IndexOutOfBoundsException if the range is not within {@code data}, naming the values
     * @throws IOException on I/O failures
     */
    default void sendAll(byte[] data, int offset, int length) throws IOException {
        // ByteBuffer.wrap's own IndexOutOfBoundsException has no message.
        Objects.checkFromIndexSize(offset, length, data.length);
        sendAll(ByteBuffer.wrap(data, offset, length));
    }

    /**
     * Receives into a buffer (Python's {@code recv_into}): waits until at least one byte is there,
     * then takes what is available up to the buffer's remaining space.
     *
     * @param dst where to put the bytes, from its position; must have space remaining
     * @return the count received; 0 means the peer closed its side (end of stream), except on a
     *         datagram endpoint, where it is an empty datagram
     * @throws IllegalArgumentException if {@code dst} has no space remaining
     * @throws DatagramTruncatedException on a datagram endpoint, if the datagram was longer than
     *         the space remaining (the part that fit is in {@code dst} and in the exception)
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    int recv(ByteBuffer dst) throws IOException;

    /**
     * Receives up to {@code max} bytes (Python's {@code recv}).
     *
     * <p>Any {@code max} of at least 1 is accepted, as in Python, and the cost of a call follows
     * the bytes received, not {@code max}: above 8 KiB the read goes into a reused buffer of at
     * most 64 KiB and exactly the bytes received come back. So on a stream one call returns at
     * most 64 KiB whatever {@code max} (any call may return fewer than {@code max}: loop, or use
     * {@link #recv(ByteBuffer)} to read more at once); a UDP datagram is never longer than that,
     * so it is cut only at {@code max}, as before. On other message types (Unix datagrams, other
     * transports) the transport decides; the default allocates {@code max} bytes.
     *
     * @param max the most bytes to return, at least 1
     * @return the bytes; an empty array means the peer closed its side (end of stream)
     * @throws IllegalArgumentException if {@code max} is less than 1
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    default byte[] recv(int max) throws IOException {
        return RecvBuffers.recv(this, max);
    }

    /**
     * Receives into a buffer as {@link #recv(ByteBuffer)} does, bounded by {@code deadline}
     * instead of the endpoint's {@link #timeout()}: the form for layers that bound work spread
     * over several calls (a TLS record, a protocol reply) without touching the endpoint's timeout,
     * which another thread may rely on. {@link Deadline#none()} waits without limit even on an
     * endpoint that has a timeout. Waiting for another receiving thread's turn counts against the
     * deadline too.
     *
     * @param dst      where to put the bytes, from its position; must have space remaining
     * @param deadline when to give up
     * @return the count received; 0 means end of stream (on a datagram endpoint, an empty datagram)
     * @throws java.net.SocketTimeoutException if the deadline passes first; the endpoint stays open
     * @throws UnsupportedEndpointOperationException if the transport has no deadline calls (the
     *         default, unless both the deadline and the endpoint's timeout are unbounded)
     * @throws IOException on I/O failures
     */
    default int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        if (!deadline.isBounded() && timeout().isEmpty()) {
            return recv(dst);
        }
        throw new UnsupportedEndpointOperationException("recv with a deadline is not supported by " + getClass().getName()
                + ": its transport must implement recv(ByteBuffer, Deadline)");
    }

    /**
     * Sends what the system accepts as {@link #send(ByteBuffer)} does, waiting for room no longer
     * than {@code deadline} instead of the endpoint's {@link #timeout()}.
     *
     * @param src      the bytes to send, from its position; the position advances by the count
     * @param deadline when to give up
     * @return how many bytes were sent (at least one unless {@code src} is empty)
     * @throws java.net.SocketTimeoutException if the deadline passes before any byte is sent
     * @throws UnsupportedEndpointOperationException if the transport has no deadline calls (the
     *         default, unless both the deadline and the endpoint's timeout are unbounded)
     * @throws IOException on I/O failures
     */
    default int send(ByteBuffer src, Deadline deadline) throws IOException {
        if (!deadline.isBounded() && timeout().isEmpty()) {
            return send(src);
        }
        throw new UnsupportedEndpointOperationException("send with a deadline is not supported by " + getClass().getName()
                + ": its transport must implement send(ByteBuffer, Deadline)");
    }

    /**
     * Sends all the bytes, the whole call bounded by one deadline (Python's {@code sendall}, whose
     * timeout also bounds the whole call).
     *
     * @param src      the bytes, from its position; on return it has none remaining
     * @param deadline when to give up; after a timeout, {@code src}'s position tells how much was sent
     * @throws java.net.SocketTimeoutException if the deadline passes first
     * @throws IOException on I/O failures
     */
    default void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        while (src.hasRemaining()) {
            send(src, deadline);
            // A passed deadline still allows one attempt, which succeeds whenever there is room:
            // without this check a carrier taking a byte at a time would never time out.
            if (src.hasRemaining() && deadline.hasPassed()) {
                throw deadline.timedOut("sendAll on " + this);
            }
        }
    }

    /**
     * Sends one datagram to an address (Python's {@code sendto}); on a stream endpoint, only to
     * its connected peer.
     *
     * @param src the datagram, from its position
     * @param to  where to send it
     * @return how many bytes were sent
     * @throws IOException on I/O failures
     */
    default int sendTo(ByteBuffer src, Address to) throws IOException {
        throw new UnsupportedEndpointOperationException("sendTo is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Sends one datagram to an address as {@link #sendTo(ByteBuffer, Address)} does, waiting for
     * room no longer than {@code deadline} instead of the endpoint's {@link #timeout()}.
     *
     * @param src      the datagram, from its position
     * @param to       where to send it
     * @param deadline when to give up
     * @return how many bytes were sent
     * @throws java.net.SocketTimeoutException if the deadline passes first; the endpoint stays open
     * @throws UnsupportedEndpointOperationException if the transport has no deadline calls (the
     *         default, unless both the deadline and the endpoint's timeout are unbounded)
     * @throws IOException on I/O failures
     */
    default int sendTo(ByteBuffer src, Address to, Deadline deadline) throws IOException {
        if (!deadline.isBounded() && timeout().isEmpty()) {
            return sendTo(src, to);
        }
        throw new UnsupportedEndpointOperationException("sendTo with a deadline is not supported by " + getClass().getName()
                + ": its transport must implement sendTo(ByteBuffer, Address, Deadline)");
    }

    /**
     * Sends one datagram from an array (Python's {@code sendto}).
     *
     * @param data the datagram
     * @param to   where to send it
     * @return how many bytes were sent
     * @throws IOException on I/O failures
     */
    default int sendTo(byte[] data, Address to) throws IOException {
        return sendTo(ByteBuffer.wrap(data), to);
    }

    /**
     * Receives one datagram into a buffer, with its sender (Python's {@code recvfrom_into}).
     * Truncation is reported, never silent.
     *
     * @param dst where to put the bytes, from its position
     * @return the count, the sender and the datagram's real length
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    default Received recvFrom(ByteBuffer dst) throws IOException {
        throw new UnsupportedEndpointOperationException("recvFrom is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Receives one datagram with its sender as {@link #recvFrom(ByteBuffer)} does, bounded by
     * {@code deadline} instead of the endpoint's {@link #timeout()}; waiting for another
     * receiving thread's turn counts against it.
     *
     * @param dst      where to put the bytes, from its position
     * @param deadline when to give up
     * @return the count, the sender and the datagram's real length
     * @throws java.net.SocketTimeoutException if the deadline passes first; the endpoint stays open
     * @throws UnsupportedEndpointOperationException if the transport has no deadline calls (the
     *         default, unless both the deadline and the endpoint's timeout are unbounded)
     * @throws IOException on I/O failures
     */
    default Received recvFrom(ByteBuffer dst, Deadline deadline) throws IOException {
        if (!deadline.isBounded() && timeout().isEmpty()) {
            return recvFrom(dst);
        }
        throw new UnsupportedEndpointOperationException("recvFrom with a deadline is not supported by " + getClass().getName()
                + ": its transport must implement recvFrom(ByteBuffer, Deadline)");
    }

    /**
     * Receives one datagram of up to {@code max} bytes, with its sender (Python's
     * {@code recvfrom}).
     *
     * <p>Any {@code max} of at least 1 is accepted, as in Python; on IP datagram and stream
     * endpoints the read goes into a reused buffer of {@code min(max, 64 KiB)} (no UDP datagram is
     * longer, so truncation is reported exactly as with a buffer of {@code max}) and the call's
     * cost follows the bytes received, not {@code max}. On other message types the transport
     * decides; the default allocates {@code max} bytes.
     *
     * @param max the most bytes to keep, at least 1
     * @return the datagram; {@link Datagram#truncated()} tells whether it was cut
     * @throws IllegalArgumentException if {@code max} is less than 1
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    default Datagram recvFrom(int max) throws IOException {
        return RecvBuffers.recvFrom(this, max);
    }

    /**
     * Joins an any-source multicast group on one interface (Python's {@code setsockopt} with
     * {@code IP_ADD_MEMBERSHIP} or {@code IPV6_JOIN_GROUP}): datagrams sent to the group and to
     * this endpoint's port then arrive here. Bind the port first (to the wildcard address, or to
     * the group's address to receive nothing else).
     *
     * @param group a multicast address of this endpoint's family (an INET6 endpoint may join IPv4
     *              groups too)
     * @param on    the interface to join on
     * @throws IllegalArgumentException if {@code group} is not a multicast address of a fitting family
     * @throws EndpointStateException if already a member of the group on that interface
     * @throws UnsupportedEndpointOperationException on endpoints without multicast (the default)
     * @throws IOException if the system refuses, naming the group and interface
     */
    default void joinGroup(InetAddress group, NetworkInterface on) throws IOException {
        throw new UnsupportedEndpointOperationException("joinGroup is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Joins a source-specific multicast group on one interface (Python's {@code setsockopt} with
     * {@code IP_ADD_SOURCE_MEMBERSHIP}; RFC 4607): only datagrams from {@code source} to the
     * group arrive.
     *
     * @param group  a multicast address of this endpoint's family
     * @param on     the interface to join on
     * @param source the one sender to accept, of the same family as the group
     * @throws IllegalArgumentException if the addresses do not fit
     * @throws EndpointStateException if already a member of the group on that interface
     * @throws UnsupportedEndpointOperationException on endpoints without multicast (the default)
     * @throws IOException if the system refuses, naming the group and interface
     */
    default void joinGroup(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        throw new UnsupportedEndpointOperationException("joinGroup is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Leaves an any-source group joined with {@link #joinGroup(InetAddress, NetworkInterface)}
     * (Python's {@code IP_DROP_MEMBERSHIP} / {@code IPV6_LEAVE_GROUP}). Closing the endpoint
     * leaves every group.
     *
     * @param group the group
     * @param on    the interface it was joined on
     * @throws EndpointStateException if not a member of the group on that interface
     * @throws UnsupportedEndpointOperationException on endpoints without multicast (the default)
     * @throws IOException on I/O failures
     */
    default void leaveGroup(InetAddress group, NetworkInterface on) throws IOException {
        throw new UnsupportedEndpointOperationException("leaveGroup is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Leaves a source-specific group joined with
     * {@link #joinGroup(InetAddress, NetworkInterface, InetAddress)} (Python's
     * {@code IP_DROP_SOURCE_MEMBERSHIP}).
     *
     * @param group  the group
     * @param on     the interface it was joined on
     * @param source the source it was joined for
     * @throws EndpointStateException if not a member for that source
     * @throws UnsupportedEndpointOperationException on endpoints without multicast (the default)
     * @throws IOException on I/O failures
     */
    default void leaveGroup(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        throw new UnsupportedEndpointOperationException("leaveGroup is not supported on " + family() + "/" + type() + " endpoints of " + getClass().getName());
    }

    /**
     * Shuts down one or both directions of a connection (Python's {@code shutdown}); after
     * {@link Shutdown#WRITE} the peer reads end of stream while this side can still receive.
     *
     * @param how which direction
     * @throws IOException on I/O failures
     */
    void shutdown(Shutdown how) throws IOException;

    /**
     * The local address (Python's {@code getsockname}). Before the endpoint is bound (by
     * {@code bind}, or implicitly by {@code connect}, {@code listen} or a datagram
     * {@code sendTo}) it is, as in Python, the wildcard of its family with port 0
     * ({@code 0.0.0.0:0} or {@code [::]:0}) for INET and INET6, and {@link Address#unnamed()}
     * for UNIX.
     *
     * {@snippet :
     * int port = server.bind(Address.of("127.0.0.1", 0)).localAddress().inetPort().orElseThrow();
     * }
     *
     * @return the bound address, with the real port if 0 was asked for
     * @throws EndpointClosedException if the endpoint is closed
     * @throws IOException on I/O failures
     */
    Address localAddress() throws IOException;

    /**
     * The connected peer's address (Python's {@code getpeername}). On an INET6 endpoint an IPv4
     * peer is the INET address ({@code ('127.0.0.1', port)}), not Python's IPv4-mapped
     * {@code ('::ffff:127.0.0.1', port, 0, 0)}; see the class description.
     *
     * @return the peer's address
     * @throws EndpointStateException if not connected
     * @throws EndpointClosedException if the endpoint is closed
     * @throws IOException on I/O failures
     */
    Address peerAddress() throws IOException;

    /**
     * Sets a socket option (Python's {@code setsockopt}). Options set before {@code bind},
     * {@code listen} or {@code connect} apply to the socket those calls make.
     *
     * @param option the option, from {@link Options}
     * @param value  its value
     * @param <T>    the value's type
     * @return this endpoint
     * @throws UnsupportedOperationException if this endpoint does not support the option
     * @throws IllegalArgumentException if the value is not valid for it
     * @throws IOException on I/O failures
     */
    <T> Endpoint option(SocketOption<T> option, T value) throws IOException;

    /**
     * Reads a socket option (Python's {@code getsockopt}).
     *
     * @param option the option, from {@link Options}
     * @param <T>    the value's type
     * @return its value
     * @throws UnsupportedOperationException if this endpoint does not support the option
     * @throws IOException on I/O failures
     */
    <T> T option(SocketOption<T> option) throws IOException;

    /**
     * The options this endpoint supports.
     *
     * @return an unmodifiable set
     */
    Set<SocketOption<?>> supportedOptions();

    /**
     * Bounds every later blocking call by this duration (Python's {@code settimeout(seconds)}).
     * Each call's bound starts when the call does ({@code sendAll}: one for the whole call).
     * A duration too long for the clock ({@link System#nanoTime()} spans about 292 years; any
     * timeout of more than about 146 years, such as {@code ChronoUnit.FOREVER.getDuration()} or
     * {@code Duration.ofSeconds(Long.MAX_VALUE)}) means no limit: calls then wait as after
     * {@link #blocking()}, and {@link #timeout()} still reports the duration given.
     *
     * @param timeout positive
     * @return this endpoint
     * @throws IllegalArgumentException if zero or negative
     */
    Endpoint timeout(Duration timeout);

    /**
     * Makes blocking calls wait without limit again (Python's {@code settimeout(None)}).
     *
     * @return this endpoint
     */
    Endpoint blocking();

    /**
     * The timeout that bounds blocking calls (Python's {@code gettimeout}).
     *
     * @return the timeout, or empty if calls block without limit
     */
    Optional<Duration> timeout();

    /**
     * A stream that reads from this endpoint (Python's {@code makefile('rb')}). Reads honour the
     * endpoint's timeout. Closing the stream does not close the endpoint.
     *
     * @return the stream
     */
    default InputStream inputStream() {
        return new EndpointStreams.In(this);
    }

    /**
     * A stream that writes to this endpoint (Python's {@code makefile('wb')}), unbuffered: wrap it
     * in a {@link java.io.BufferedOutputStream} for small writes. Closing the stream does not
     * close the endpoint.
     *
     * @return the stream
     */
    default OutputStream outputStream() {
        return new EndpointStreams.Out(this);
    }

    /**
     * Whether this endpoint is still open.
     *
     * @return {@code false} once closed
     */
    boolean isOpen();

    /**
     * Closes the endpoint and releases its socket; blocked calls in other threads wake with
     * {@link java.nio.channels.AsynchronousCloseException}. Safe to call more than once. A socket
     * file this endpoint created is removed.
     */
    @Override
    void close();
}
