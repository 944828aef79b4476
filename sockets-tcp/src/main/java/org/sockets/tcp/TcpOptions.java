package org.sockets.tcp;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.UnsupportedEndpointOperationException;

/** The socket options of TCP endpoints: which are supported, which a listener keeps, and their checks. */
final class TcpOptions {

    /** Options a listening socket takes itself; the rest are applied to each accepted connection. */
    static final Set<SocketOption<?>> LISTENER_OPTIONS = Set.of(
            Options.SO_REUSEADDR, Options.SO_REUSEPORT, Options.SO_RCVBUF);

    private TcpOptions() {
    }

    /**
     * The options of a JDK socket channel on this platform.
     *
     * @return an unmodifiable set, read once (opening a socket) on first use
     */
    static Set<SocketOption<?>> supported() {
        return Supported.OPTIONS;
    }

    /**
     * Refuses an option a TCP endpoint does not support.
     *
     * @param option the option
     * @param family the endpoint's family, for the message
     */
    static void checkSupported(SocketOption<?> option, Family family) {
        if (!Supported.OPTIONS.contains(option)) {
            throw new UnsupportedEndpointOperationException("option " + option.name() + " is not supported on "
                    + family + "/STREAM (tcp) endpoints; supported: " + Supported.OPTIONS);
        }
    }

    /**
     * Linux's ranges for the keep-alive timers (include/net/tcp.h): checked here so a bad value
     * is an IllegalArgumentException naming it, not the kernel's bare EINVAL, and so a listener
     * refuses it at once rather than failing every accept.
     *
     * @param option the option
     * @param value  its value
     */
    static void checkValue(SocketOption<?> option, Object value) {
        int max = option == Options.TCP_KEEPIDLE || option == Options.TCP_KEEPINTERVAL ? 32767
                : option == Options.TCP_KEEPCOUNT ? 127 : 0;
        if (max > 0 && ((Integer) value < 1 || (Integer) value > max)) {
            throw new IllegalArgumentException(option.name() + " must be 1 to " + max + ", not " + value);
        }
    }

    /**
     * Sets an option whose value was checked when it was first set.
     *
     * @param ch     the channel
     * @param option the option
     * @param value  its value
     * @throws IOException if the channel refuses
     */
    @SuppressWarnings("unchecked")
    static void setRaw(NetworkChannel ch, SocketOption<?> option, Object value) throws IOException {
        ch.setOption((SocketOption<Object>) option, value);
    }

    /** The options of a JDK socket channel on this platform, read once. */
    private static final class Supported {
        static final Set<SocketOption<?>> OPTIONS = load();

        private static Set<SocketOption<?>> load() {
            try (SocketChannel sc = SocketChannel.open()) {
                return Set.copyOf(new LinkedHashSet<>(sc.supportedOptions()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a socket to list TCP options", e);
            }
        }
    }
}
