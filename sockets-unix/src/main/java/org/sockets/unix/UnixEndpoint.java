package org.sockets.unix;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.PeerCredentials;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * A Unix-domain endpoint: an {@link Endpoint} with what only Unix sockets have: socket-file
 * options at bind, peer credentials and descriptor passing (Python's {@code socket.send_fds} and
 * {@code socket.recv_fds}).
 *
 * <p>Every endpoint that {@link Sockets#open(Family, SocketType)} returns for
 * {@link Family#UNIX} with this module present is one; {@link #of(Endpoint)} casts with a clear
 * message. The calls that return the endpoint itself ({@code bind}, {@code listen},
 * {@code connect}, {@code option}, {@code timeout}, {@code blocking}) and {@code accept} return
 * a {@code UnixEndpoint}, so a chain keeps the Unix-only calls in reach.
 *
 * {@snippet :
 * try (EndpointPair pair = Sockets.pair(Family.UNIX, SocketType.STREAM);
 *      Descriptor file = Descriptor.open(Path.of("/etc/hostname"))) {
 *     UnixEndpoint.of(pair.first()).sendFds(ByteBuffer.wrap(new byte[] {1}), List.of(file));
 *     FdMessage m = UnixEndpoint.of(pair.second()).recvFds(ByteBuffer.allocate(16), 4);
 *     try (Descriptor got = m.descriptors().getFirst(); FileChannel ch = got.openChannel()) {
 *         // read the file through ch
 *     }
 * }
 * }
 *
 * <h2>Addresses</h2>
 * {@link Address#unix(java.nio.file.Path)} (at most 107 bytes of UTF-8: a longer path is an
 * {@link IllegalArgumentException}, never a truncated name), {@link Address#abstractName(String)}
 * (Linux; the name's exact bytes, no trailing NUL, as Python), and {@link Address#unnamed()}: the
 * address of a socket that never bound, as {@code recvFrom} reports such a sender (Python shows
 * it as {@code ''}); binding to it asks Linux for an automatic abstract name ("autobind").
 *
 * <h2>Messages</h2>
 * DGRAM and SEQPACKET keep message boundaries. As on every datagram endpoint, a message longer
 * than the space given is never cut silently: {@link #recvFrom(java.nio.ByteBuffer)} reports the
 * real length, and {@link #recv(java.nio.ByteBuffer)} throws
 * {@link org.sockets.api.DatagramTruncatedException} (on SEQPACKET too) with the part that fit.
 * As on every stream endpoint, a STREAM or SEQPACKET connect that fails closes the endpoint; a
 * DGRAM connect that fails leaves it open.
 *
 * <h2>Socket files</h2>
 * A socket file this endpoint created by binding is removed when it is closed (if it is still
 * the same file). See {@link BindOptions} for the mode and for stale files.
 */
public interface UnixEndpoint extends Endpoint {

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    UnixEndpoint bind(Address local) throws IOException;

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    UnixEndpoint listen(int backlog) throws IOException;

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    default UnixEndpoint listen() throws IOException {
        return listen(128);
    }

    /**
     * {@inheritDoc}
     *
     * @return the connected endpoint, a {@link UnixEndpoint}, which the caller must close
     */
    @Override
    UnixEndpoint accept() throws IOException;

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    UnixEndpoint connect(Address remote) throws IOException;

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    <T> UnixEndpoint option(SocketOption<T> option, T value) throws IOException;

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    UnixEndpoint timeout(Duration timeout);

    /**
     * {@inheritDoc}
     *
     * @return this endpoint, as a {@link UnixEndpoint}
     */
    @Override
    UnixEndpoint blocking();

    /**
     * Binds, with options for the socket file.
     *
     * @param local   a path, an abstract name or {@link Address#unnamed()} (autobind)
     * @param options the file mode and the stale-file policy (ignored for abstract names)
     * @return this endpoint
     * @throws java.net.BindException if the address is in use (naming it)
     * @throws java.nio.file.NoSuchFileException if the directory does not exist
     * @throws java.nio.file.AccessDeniedException if the directory is not writable
     * @throws IOException on other I/O failures
     */
    UnixEndpoint bind(Address local, BindOptions options) throws IOException;

    /**
     * Sends bytes with descriptors attached (Python's {@code send_fds}; {@code SCM_RIGHTS}). On a
     * stream socket the descriptors travel with the first byte sent, and at least one byte must be
     * sent; the call may send less than all the data (send the rest with {@link #sendAll}).
     *
     * @param src the bytes, from its position; the position advances by the count sent
     * @param fds the descriptors; they stay the caller's (the receiver gets its own copies)
     * @return how many bytes were sent
     * @throws IllegalArgumentException if a stream socket is given no bytes, or more than 253 descriptors
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    int sendFds(ByteBuffer src, List<? extends Descriptor> fds) throws IOException;

    /**
     * Sends a datagram with descriptors attached to an address (unconnected DGRAM sockets).
     *
     * @param src the datagram
     * @param fds the descriptors
     * @param to  where to send it
     * @return how many bytes were sent
     * @throws IOException on I/O failures
     */
    int sendFdsTo(ByteBuffer src, List<? extends Descriptor> fds, Address to) throws IOException;

    /**
     * Receives bytes and any descriptors sent with them (Python's {@code recv_fds}). Received
     * descriptors are close-on-exec from the start ({@code MSG_CMSG_CLOEXEC}); beyond
     * {@code maxFds} the kernel closes them and {@link FdMessage#descriptorsTruncated()} says so.
     * A plain {@link #recv} of a message that carried descriptors makes the kernel close them:
     * nothing leaks when the receiver does not ask for them.
     *
     * @param dst    where to put the bytes; must have space remaining
     * @param maxFds the most descriptors to accept, 1 to 253
     * @return the message
     * @throws IOException on I/O failures, {@link java.net.SocketTimeoutException} on timeout
     */
    FdMessage recvFds(ByteBuffer dst, int maxFds) throws IOException;

    /**
     * The peer's process, user and group as the kernel recorded them at connect or
     * {@code socketpair} ({@code SO_PEERCRED}); the same as {@code option(Options.SO_PEERCRED)}.
     *
     * @return the credentials
     * @throws org.sockets.api.EndpointStateException if not connected
     * @throws IOException on I/O failures
     */
    PeerCredentials peerCredentials() throws IOException;

    /**
     * This endpoint as a {@link UnixEndpoint}.
     *
     * @param endpoint an endpoint of this module
     * @return the same object
     * @throws IllegalArgumentException naming its class if another transport made it
     */
    static UnixEndpoint of(Endpoint endpoint) {
        if (endpoint instanceof UnixEndpoint u) {
            return u;
        }
        throw new IllegalArgumentException(endpoint + " (" + endpoint.getClass().getName() + ") is not a sockets-unix endpoint;"
                + " open it with Sockets.open(Family.UNIX, ...) with org.sockets:sockets-unix present");
    }

    /**
     * Opens a Unix-domain endpoint (Python's {@code socket.socket(AF_UNIX, type)}).
     *
     * @param type STREAM, DGRAM or SEQPACKET
     * @return the endpoint, which the caller must close
     * @throws IOException if the system refuses
     */
    static UnixEndpoint open(SocketType type) throws IOException {
        return of(Sockets.open(Family.UNIX, type, "unix"));
    }

    /**
     * Two connected Unix-domain endpoints (Python's {@code socket.socketpair(AF_UNIX, type)}).
     *
     * @param type STREAM, DGRAM or SEQPACKET
     * @return the pair; both ends are {@link UnixEndpoint}s
     * @throws IOException if the system refuses
     */
    static EndpointPair pair(SocketType type) throws IOException {
        return Sockets.pair(Family.UNIX, type);
    }
}
