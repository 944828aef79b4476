package org.sockets.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.sockets.api.EndpointStateException;

/**
 * The multicast groups one UDP endpoint has joined, as the caller named them (the JDK's keys
 * compare interfaces by object, users by name). Not thread-safe: the endpoint calls it under its
 * state lock, after checking it is open.
 */
final class Memberships {

    /** One membership, as the caller names it. */
    private record Membership(InetAddress group, String iface, InetAddress source) {
        @Override
        public String toString() {
            return group.getHostAddress() + " on " + iface + (source == null ? "" : " from " + source.getHostAddress());
        }
    }

    private final Map<Membership, MembershipKey> keys = new HashMap<>();

    /** The membership {@code joinGroup} / {@code leaveGroup} name, their arguments checked. */
    private static Membership of(InetAddress group, NetworkInterface on, InetAddress source) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(on, "on");
        return new Membership(group, on.getName(), source);
    }

    /**
     * Joins a group on the channel.
     *
     * @param channel  the endpoint's channel
     * @param group    the group
     * @param on       the interface
     * @param source   the one sender, or null for any-source
     * @param endpoint the endpoint, for messages
     * @throws IOException if the system refuses, naming the group and interface
     */
    void join(DatagramChannel channel, InetAddress group, NetworkInterface on, InetAddress source, Object endpoint) throws IOException {
        Membership m = of(group, on, source);
        if (keys.containsKey(m)) {
            throw new EndpointStateException("joinGroup " + m + ": " + endpoint + " is already a member");
        }
        MembershipKey key;
        try {
            key = source == null ? channel.join(group, on) : channel.join(group, on, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("joinGroup " + m + " on " + endpoint + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // The JDK: an any-source membership exists and a source-specific one is asked, or the reverse.
            throw new EndpointStateException("joinGroup " + m + " on " + endpoint + ": " + e.getMessage());
        } catch (SocketException e) {
            SocketException x = new SocketException("joinGroup " + m + " on " + endpoint + ": " + e.getMessage());
            x.initCause(e);
            throw x;
        }
        keys.put(m, key);
    }

    /**
     * Leaves a group joined with {@link #join}.
     *
     * @param group    the group
     * @param on       the interface it was joined on
     * @param source   the source it was joined for, or null
     * @param endpoint the endpoint, for messages
     * @throws EndpointStateException if not a member
     */
    void leave(InetAddress group, NetworkInterface on, InetAddress source, Object endpoint) {
        Membership m = of(group, on, source);
        MembershipKey key = keys.remove(m);
        if (key == null) {
            throw new EndpointStateException("leaveGroup " + m + ": " + endpoint + " is not a member"
                    + (keys.isEmpty() ? "" : " (member of " + keys.keySet() + ")"));
        }
        key.drop();
    }

    /** Forgets every membership: closing the channel drops them. */
    void clear() {
        keys.clear();
    }
}
