package org.sockets.api;

import java.net.NetworkInterface;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket options an {@link Endpoint} may support, by their C names. Most are the JDK's own
 * {@link StandardSocketOptions} and {@link ExtendedSocketOptions} objects, so code written against
 * the JDK keeps working; the rest are {@link Option}s of this library.
 *
 * <p>An endpoint lists what it supports in {@link Endpoint#supportedOptions()}; asking for any
 * other option throws {@link UnsupportedOperationException} naming the option and the endpoint.
 */
public final class Options {

    private Options() {
    }

    /** Disables Nagle's algorithm (TCP). */
    public static final SocketOption<Boolean> TCP_NODELAY = StandardSocketOptions.TCP_NODELAY;
    /** Sends keep-alive probes on an idle connection (TCP). */
    public static final SocketOption<Boolean> SO_KEEPALIVE = StandardSocketOptions.SO_KEEPALIVE;
    /** Seconds of idleness before the first keep-alive probe (TCP, Linux {@code TCP_KEEPIDLE}). */
    public static final SocketOption<Integer> TCP_KEEPIDLE = ExtendedSocketOptions.TCP_KEEPIDLE;
    /** Seconds between keep-alive probes (TCP, Linux {@code TCP_KEEPINTVL}). */
    public static final SocketOption<Integer> TCP_KEEPINTERVAL = ExtendedSocketOptions.TCP_KEEPINTERVAL;
    /** Unanswered probes before the connection is dropped (TCP, Linux {@code TCP_KEEPCNT}). */
    public static final SocketOption<Integer> TCP_KEEPCOUNT = ExtendedSocketOptions.TCP_KEEPCOUNT;
    /** Allows binding a port whose previous connections are still in TIME_WAIT. */
    public static final SocketOption<Boolean> SO_REUSEADDR = StandardSocketOptions.SO_REUSEADDR;
    /** Lets several sockets bind the same address and port; the kernel spreads the load. */
    public static final SocketOption<Boolean> SO_REUSEPORT = StandardSocketOptions.SO_REUSEPORT;
    /** Seconds {@code close} waits for unsent data; 0 resets the connection; negative: off. */
    public static final SocketOption<Integer> SO_LINGER = StandardSocketOptions.SO_LINGER;
    /** The receive buffer's size in bytes (the kernel may double or clamp it). */
    public static final SocketOption<Integer> SO_RCVBUF = StandardSocketOptions.SO_RCVBUF;
    /** The send buffer's size in bytes (the kernel may double or clamp it). */
    public static final SocketOption<Integer> SO_SNDBUF = StandardSocketOptions.SO_SNDBUF;
    /** Permits sending to a broadcast address (UDP). */
    public static final SocketOption<Boolean> SO_BROADCAST = StandardSocketOptions.SO_BROADCAST;
    /** The type-of-service / traffic-class byte of outgoing packets. */
    public static final SocketOption<Integer> IP_TOS = StandardSocketOptions.IP_TOS;
    /** The interface outgoing multicast datagrams leave from (UDP). */
    public static final SocketOption<NetworkInterface> IP_MULTICAST_IF = StandardSocketOptions.IP_MULTICAST_IF;
    /** The time-to-live of outgoing multicast datagrams (UDP). */
    public static final SocketOption<Integer> IP_MULTICAST_TTL = StandardSocketOptions.IP_MULTICAST_TTL;
    /** Whether multicast datagrams are looped back to local sockets (UDP). */
    public static final SocketOption<Boolean> IP_MULTICAST_LOOP = StandardSocketOptions.IP_MULTICAST_LOOP;
    /** The peer's pid, uid and gid on a connected Unix-domain socket; read-only. */
    public static final SocketOption<PeerCredentials> SO_PEERCRED = new Option<>("SO_PEERCRED", PeerCredentials.class);
}
