package org.sockets.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.sockets.bench.driver.ServerProcess;

/**
 * The stream client every TCP and Unix STREAM benchmark shares: how it connects to a server
 * process and what one bulk or ping-pong operation does, so the TCP and Unix benchmarks cannot
 * drift apart. Blocking JDK {@link SocketChannel}, buffers owned by the caller (allocated once per
 * trial), no allocation per operation.
 */
final class StreamClient {

    private StreamClient() {
    }

    /**
     * Connects to a TCP server process: plain IPv4 (not the JDK's dual-stack default), like every
     * server's socket, on 127.0.0.1, with TCP_NODELAY.
     *
     * @param process the server, announced with its port
     * @return the connected channel
     * @throws IOException if it fails
     */
    static SocketChannel connectTcp(ServerProcess process) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET);
        channel.connect(new InetSocketAddress("127.0.0.1", process.port()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    /**
     * Connects to a Unix-domain STREAM server process.
     *
     * @param process the server, announced with its socket file
     * @return the connected channel
     * @throws IOException if it fails
     */
    static SocketChannel connectUnix(ServerProcess process) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(process.path()));
        return channel;
    }

    /**
     * One bulk operation: writes the one-byte request, then reads {@link Patterns#BULK_BYTES}
     * into {@code chunk}.
     *
     * @param channel the connection
     * @param request the one-byte request buffer
     * @param chunk   the read buffer
     * @return the first byte of the last read, so the work cannot be optimised away
     * @throws IOException on an I/O error or an early close
     */
    static byte transfer(SocketChannel channel, ByteBuffer request, ByteBuffer chunk) throws IOException {
        request.clear();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        long received = 0;
        while (received < Patterns.BULK_BYTES) {
            int n = channel.read(chunk.clear());
            if (n < 0) {
                throw new EOFException("server closed after " + received + " of " + Patterns.BULK_BYTES + " bytes");
            }
            received += n;
        }
        return chunk.get(0);
    }

    /**
     * One ping-pong round trip: writes {@code buf} whole and reads as many bytes back into it.
     *
     * @param channel the connection
     * @param buf     the message buffer ({@link Patterns#PING_SIZE} bytes)
     * @return the first byte back, so the work cannot be optimised away
     * @throws IOException on an I/O error or an early close
     */
    static byte roundTrip(SocketChannel channel, ByteBuffer buf) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException("server closed after " + buf.position() + " of " + Patterns.PING_SIZE + " bytes");
            }
        }
        return buf.get(0);
    }
}
