package org.sockets.udp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashSet;
import java.util.Set;
import java.nio.ByteBuffer;
import org.sockets.api.Address;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.api.internal.InetSupport;
import org.sockets.api.internal.ReadinessWait;

/** What UDP endpoints share that is not about one endpoint's state: limits, errors, options. */
final class Datagrams {

    /** The largest UDP payload over IPv4: 65,535 - 20 (IP header) - 8 (UDP header). */
    static final int MAX_IPV4_PAYLOAD = 65_507;
    /** The largest UDP payload over IPv6 without jumbograms: 65,535 - 8 (UDP header). */
    static final int MAX_IPV6_PAYLOAD = 65_527;

    private Datagrams() {
    }

    // UdpEndpoint's attempts on the hot paths, made once (no capture, no allocation per call).
    static final ReadinessWait.IntAttempt<DatagramChannel, ByteBuffer> WRITE = (c, b) -> {
        boolean empty = !b.hasRemaining();
        int n = c.write(b);
        return n == 0 && !empty ? ReadinessWait.WOULD_BLOCK : n;
    };
    static final ReadinessWait.Attempt<DatagramChannel, ByteBuffer, SocketAddress> RECEIVE = DatagramChannel::receive;

    /** Refuses a datagram larger than the family allows, naming the limit, before the kernel does. */
    static void checkSize(String op, int size, InetSocketAddress target, Address shown) throws SocketException {
        boolean v4 = target.getAddress() instanceof Inet4Address;
        int limit = v4 ? MAX_IPV4_PAYLOAD : MAX_IPV6_PAYLOAD;
        if (size > limit) {
            throw new SocketException(op + " to " + shown + ": datagram of " + size + " bytes exceeds the "
                    + (v4 ? "IPv4" : "IPv6") + " UDP payload limit of " + limit + " bytes (Message too long)");
        }
    }

    static boolean broadcastEnabled(DatagramChannel channel) {
        try {
            return channel.getOption(Options.SO_BROADCAST);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isPermissionDenied(SocketException e) {
        // The JDK turns EACCES from sendto/connect into BindException("Permission denied"); the
        // kernel gives EACCES for a broadcast destination without SO_BROADCAST.
        return e.getMessage() != null && e.getMessage().contains("Permission denied");
    }

    static SocketException broadcastNeedsOption(String op, Address to, Object endpoint) {
        return new SocketException(op + " to " + to + " on " + endpoint + ": the destination is a broadcast address,"
                + " which needs SO_BROADCAST: call option(Options.SO_BROADCAST, true) first (Permission denied)");
    }

    /** The options of a JDK datagram channel on this platform, read once. */
    static final class Supported {
        static final Set<SocketOption<?>> OPTIONS = load();

        private Supported() {
        }

        /**
         * Refuses an option a UDP endpoint does not support.
         *
         * @param option the option
         * @param family the endpoint's family, for the message
         */
        static void check(SocketOption<?> option, Family family) {
            if (!OPTIONS.contains(option)) {
                throw new UnsupportedEndpointOperationException("option " + option.name() + " is not supported on "
                        + family + "/DGRAM (udp) endpoints; supported: " + OPTIONS);
            }
        }

        private static Set<SocketOption<?>> load() {
            try (DatagramChannel dc = DatagramChannel.open()) {
                return Set.copyOf(new LinkedHashSet<>(dc.supportedOptions()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a socket to list UDP options", e);
            }
        }
    }

    /**
     * The senders' {@link Address}es of one endpoint, reusing the previous one when the same peer
     * sent again: building a fresh address for every datagram costs more than
     * {@code InetSocketAddress.equals} (see docs/decisions/2026-12-06-unix-layers-and-tidy.md).
     */
    static final class Senders {

        /** The last sender seen and its {@link Address}: one peer usually sends many datagrams. */
        private record Last(SocketAddress jdk, Address.Ip address) {
        }

        private volatile Last last;

        Address.Ip of(SocketAddress from) {
            Last l = last;
            if (l != null && l.jdk().equals(from)) {
                return l.address();
            }
            Address.Ip a = InetSupport.fromJdk(from);
            // Inet6Address.equals ignores the scope: never let fe80::1%1 stand for fe80::1%2.
            if (!(((InetSocketAddress) from).getAddress() instanceof Inet6Address v6) || v6.getScopeId() == 0) {
                last = new Last(from, a);
            }
            return a;
        }
    }
}
