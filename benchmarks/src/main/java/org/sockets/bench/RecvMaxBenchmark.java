package org.sockets.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * Issue #10, item 2: the cost of one {@code recv(max)} of a 10-byte message as {@code max} grows.
 * One thread sends 10 bytes on one end of a loopback pair and receives them with
 * {@code recv(max)} ({@code recvFrom(max)} on UDP) on the other, so every call finds exactly 10
 * bytes waiting and nothing but the call's own cost varies with {@code max}. recvmax.py runs the
 * same loop on Python's socket module, interleaved by {@code bin/bench recvmax}. {@code impl=raw}
 * is the floor: the JDK's channels, receiving into one reused direct buffer of
 * {@code min(max, 64 KiB)} and copying out the bytes received, as sockets does, without its layers.
 * Score: microseconds per send + receive.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class RecvMaxBenchmark {

    /** What every call receives (recvmax.py sends the same). */
    private static final byte[] MESSAGE = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@code tcp} (127.0.0.1, TCP_NODELAY), {@code udp} (127.0.0.1, recvFrom) or {@code unix} (a STREAM socketpair). */
    @Param({"tcp", "udp", "unix"})
    public String transport;

    /** {@code sockets} (the library) or {@code raw} (the JDK's channels: the floor). */
    @Param({"sockets", "raw"})
    public String impl;

    /** The {@code max} passed to every receive. */
    @Param({"1024", "65536", "16777216"})
    public int max;

    private Endpoint listener;
    private Endpoint sender;
    private Endpoint receiver;
    private Raw raw;

    /**
     * Opens the pair.
     *
     * @throws IOException if that fails
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        if (impl.equals("raw")) {
            raw = new Raw(transport, max);
            return;
        }
        switch (transport) {
            case "tcp" -> {
                listener = Sockets.open(Family.INET, SocketType.STREAM);
                listener.bind(Address.of("127.0.0.1", 0)).listen(1);
                sender = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
                receiver = listener.accept();
                // Without it, Nagle holds each small send until the previous one's (delayed) ACK.
                sender.option(Options.TCP_NODELAY, true);
                receiver.option(Options.TCP_NODELAY, true);
            }
            case "udp" -> {
                receiver = Sockets.open(Family.INET, SocketType.DGRAM).bind(Address.of("127.0.0.1", 0));
                sender = Sockets.open(Family.INET, SocketType.DGRAM).connect(receiver.localAddress());
            }
            case "unix" -> {
                EndpointPair p = Sockets.pair(Family.UNIX, SocketType.STREAM);
                sender = p.first();
                receiver = p.second();
            }
            default -> throw new IllegalArgumentException("transport: tcp, udp or unix, not " + transport);
        }
    }

    /**
     * One send of 10 bytes and one receive of up to {@code max}.
     *
     * @return the bytes received (JMH consumes them)
     * @throws IOException on an I/O error
     */
    @Benchmark
    public byte[] sendThenRecv() throws IOException {
        if (raw != null) {
            return raw.sendThenRecv();
        }
        sender.send(MESSAGE);
        if (transport.equals("udp")) {
            return receiver.recvFrom(max).data();
        }
        byte[] got = receiver.recv(max);
        if (got.length != MESSAGE.length) {
            throw new IOException("expected " + MESSAGE.length + " bytes, got " + got.length);
        }
        return got;
    }

    /** Closes the pair. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (raw != null) {
            raw.close();
            return;
        }
        sender.close();
        receiver.close();
        if (listener != null) {
            listener.close();
        }
    }

    /** The JDK's channels doing the same, blocking, into one reused direct buffer. */
    private static final class Raw {
        private final boolean udp;
        private final ServerSocketChannel listener;
        private final ByteChannel sender;
        private final ByteChannel receiver;
        private final ByteBuffer buf;
        private final Path dir;

        Raw(String transport, int max) throws IOException {
            buf = ByteBuffer.allocateDirect(Math.min(max, 65_536));
            udp = transport.equals("udp");
            Path d = null;
            switch (transport) {
                case "tcp" -> {
                    listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                    SocketChannel s = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel r = listener.accept();
                    s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    r.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    sender = s;
                    receiver = r;
                }
                case "udp" -> {
                    listener = null;
                    DatagramChannel r = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                    sender = DatagramChannel.open().connect(r.getLocalAddress());
                    receiver = r;
                }
                case "unix" -> {
                    // The JDK has no socketpair: a listener in a temporary directory, then accept.
                    d = Files.createTempDirectory("recvmax");
                    listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(d.resolve("s")));
                    sender = SocketChannel.open(listener.getLocalAddress());
                    receiver = listener.accept();
                }
                default -> throw new IllegalArgumentException("transport: tcp, udp or unix, not " + transport);
            }
            dir = d;
        }

        byte[] sendThenRecv() throws IOException {
            sender.write(ByteBuffer.wrap(MESSAGE));
            buf.clear();
            if (udp) {
                // recvFrom: the sender's address is part of the result, as in sockets and Python.
                SocketAddress from = ((DatagramChannel) receiver).receive(buf);
                if (from == null) {
                    throw new IOException("no datagram");
                }
            } else if (receiver.read(buf) != MESSAGE.length) {
                throw new IOException("expected " + MESSAGE.length + " bytes");
            }
            byte[] out = new byte[buf.position()];
            buf.get(0, out);
            return out;
        }

        void close() throws IOException {
            sender.close();
            receiver.close();
            if (listener != null) {
                listener.close();
            }
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("s"));
                Files.deleteIfExists(dir);
            }
        }
    }
}
