package org.sockets.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;

/**
 * The scenarios that need more than loopback, run by {@link NamespaceTest} in a child JVM inside a
 * network namespace of its own ({@code unshare -n}) with a veth pair {@code va}/{@code vb}:
 * real 255.255.255.255 broadcast, IPv6 multicast (any-source and source-specific), IPv4
 * multicast on a real (virtual) interface and IP_MULTICAST_LOOP. Nothing here can reach the
 * machine's interfaces: the namespace has none of them.
 *
 * <p>Prints one line per scenario, {@code PASS name} or {@code FAIL name: why}; every wait is
 * bounded.
 */
public final class NetnsScenarios {

    /** The scenarios, in order; {@link NamespaceTest} expects a PASS line for each. */
    public static final List<String> NAMES = List.of(
            "broadcast-without-SO_BROADCAST-is-a-clear-error",
            "broadcast-to-255.255.255.255-is-delivered",
            "ipv6-multicast-join-receive-leave",
            "ipv6-multicast-source-specific",
            "ipv4-multicast-on-a-veth-interface",
            "ipv6-multicast-loop-option",
            "ipv4-multicast-loop-option");

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration ABSENT = Duration.ofMillis(500);

    private NetnsScenarios() {
    }

    private interface Scenario {
        void run() throws Exception;
    }

    /**
     * Runs every scenario and prints the outcome of each.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put(NAMES.get(0), NetnsScenarios::broadcastNeedsTheOption);
        all.put(NAMES.get(1), NetnsScenarios::broadcastIsDelivered);
        all.put(NAMES.get(2), NetnsScenarios::ipv6AnySource);
        all.put(NAMES.get(3), NetnsScenarios::ipv6SourceSpecific);
        all.put(NAMES.get(4), NetnsScenarios::ipv4OnVeth);
        all.put(NAMES.get(5), () -> loop(Family.INET6, InetAddress.ofLiteral("ff12::4343")));
        all.put(NAMES.get(6), () -> loop(Family.INET, InetAddress.ofLiteral("239.255.43.43")));
        for (Map.Entry<String, Scenario> s : all.entrySet()) {
            int before = fds();
            try {
                s.getValue().run();
                int after = fds();
                System.out.println(after == before ? "PASS " + s.getKey()
                        : "FAIL " + s.getKey() + ": open descriptors " + before + " before, " + after + " after");
            } catch (Throwable e) {
                System.out.println("FAIL " + s.getKey() + ": " + e);
                e.printStackTrace(System.out);
            }
            System.out.flush();
        }
    }

    /** Fds opens the JDK's process-wide descriptors before its first count, as in the tests. */
    private static int fds() {
        return Fds.count();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static NetworkInterface nic(String name) throws SocketException {
        NetworkInterface n = NetworkInterface.getByName(name);
        check(n != null, "no interface " + name);
        return n;
    }

    private static Endpoint open(Family f, String bindHost) throws IOException {
        Endpoint e = Sockets.open(f, SocketType.DGRAM);
        try {
            return e.bind(Address.of(bindHost, 0)).timeout(WAIT);
        } catch (IOException | RuntimeException x) {
            e.close();
            throw x;
        }
    }

    private static int port(Endpoint e) throws IOException {
        return ((Address.Ip) e.localAddress()).port();
    }

    private static String text(Datagram d) {
        return new String(d.data(), StandardCharsets.US_ASCII);
    }

    private static void expectNothing(Endpoint rx, String why) throws IOException {
        rx.timeout(ABSENT);
        try {
            Datagram d = rx.recvFrom(256);
            throw new AssertionError(why + ": received " + d + " '" + text(d) + "'");
        } catch (SocketTimeoutException expected) {
            rx.timeout(WAIT);
        }
    }

    // ---------------------------------------------------------------- broadcast

    private static void broadcastNeedsTheOption() throws IOException {
        try (Endpoint tx = open(Family.INET, "10.200.0.1")) {
            try {
                tx.sendTo(new byte[] {1}, Address.of("<broadcast>", 9));
                throw new AssertionError("a broadcast without SO_BROADCAST was sent");
            } catch (SocketException e) {
                check(e.getMessage().contains("SO_BROADCAST") && e.getMessage().contains("255.255.255.255"), "message: " + e.getMessage());
                check(!(e instanceof java.net.BindException), "still the JDK's BindException: " + e);
            }
        }
    }

    private static void broadcastIsDelivered() throws IOException {
        try (Endpoint rx = open(Family.INET, ""); Endpoint tx = open(Family.INET, "10.200.0.1")) {
            tx.option(Options.SO_BROADCAST, true);
            tx.sendTo("to everyone".getBytes(StandardCharsets.US_ASCII), Address.of("<broadcast>", port(rx)));
            Datagram d = rx.recvFrom(256);
            check(text(d).equals("to everyone"), "payload " + text(d));
            check(d.sender().equals(tx.localAddress()), "sender " + d.sender() + ", expected " + tx.localAddress());
        }
    }

    // ---------------------------------------------------------------- IPv6 multicast

    private static Endpoint v6Sender(String from, NetworkInterface via) throws IOException {
        Endpoint tx = open(Family.INET6, from);
        tx.option(Options.IP_MULTICAST_IF, via);
        return tx;
    }

    private static void ipv6AnySource() throws IOException {
        NetworkInterface va = nic("va");
        InetAddress group = InetAddress.ofLiteral("ff12::4242");
        try (Endpoint rx = open(Family.INET6, ""); Endpoint tx = v6Sender("fd00:200::1", va)) {
            Address to = Address.of(group, port(rx));
            expectNothingAfterSend(rx, tx, to, "before joining");
            rx.joinGroup(group, va);
            tx.sendTo("v6 group".getBytes(StandardCharsets.US_ASCII), to);
            Datagram d = rx.recvFrom(256);
            check(text(d).equals("v6 group"), "payload " + text(d));
            check(d.sender().equals(tx.localAddress()), "sender " + d.sender());
            rx.leaveGroup(group, va);
            expectNothingAfterSend(rx, tx, to, "after leaving");
        }
    }

    private static void expectNothingAfterSend(Endpoint rx, Endpoint tx, Address to, String when) throws IOException {
        tx.sendTo(("sent " + when).getBytes(StandardCharsets.US_ASCII), to);
        expectNothing(rx, "not a member " + when);
    }

    private static void ipv6SourceSpecific() throws IOException {
        NetworkInterface va = nic("va");
        InetAddress group = InetAddress.ofLiteral("ff3e::4242");
        InetAddress wanted = InetAddress.ofLiteral("fd00:200::1");
        try (Endpoint rx = open(Family.INET6, ""); Endpoint good = v6Sender("fd00:200::1", va);
             Endpoint other = v6Sender("fd00:200::3", va)) {
            Address to = Address.of(group, port(rx));
            rx.joinGroup(group, va, wanted);
            other.sendTo("from ::3".getBytes(StandardCharsets.US_ASCII), to);
            good.sendTo("from ::1".getBytes(StandardCharsets.US_ASCII), to);
            Datagram d = rx.recvFrom(256);
            check(text(d).equals("from ::1"), "first datagram was '" + text(d) + "' from " + d.sender());
            expectNothing(rx, "a datagram from the source not asked for");
            rx.leaveGroup(group, va, wanted);
            expectNothingAfterSend(rx, good, to, "after leaving");
        }
    }

    // ---------------------------------------------------------------- IPv4 multicast on veth

    private static void ipv4OnVeth() throws IOException {
        NetworkInterface va = nic("va");
        InetAddress group = InetAddress.ofLiteral("239.255.42.1");
        try (Endpoint rx = open(Family.INET, ""); Endpoint tx = open(Family.INET, "10.200.0.1")) {
            tx.option(Options.IP_MULTICAST_IF, va);
            Address to = Address.of(group, port(rx));
            rx.joinGroup(group, va);
            tx.sendTo("v4 group".getBytes(StandardCharsets.US_ASCII), to);
            check(text(rx.recvFrom(256)).equals("v4 group"), "v4 payload");
            rx.joinGroup(InetAddress.ofLiteral("232.1.1.1"), va, InetAddress.ofLiteral("10.200.0.1"));
            tx.sendTo("v4 ssm".getBytes(StandardCharsets.US_ASCII), Address.of("232.1.1.1", port(rx)));
            check(text(rx.recvFrom(256)).equals("v4 ssm"), "v4 ssm payload");
            rx.leaveGroup(group, va);
            expectNothingAfterSend(rx, tx, to, "after leaving");
        }
    }

    // ---------------------------------------------------------------- IP_MULTICAST_LOOP

    /**
     * The member sits on the sending interface va; nobody joins on vb, where the wire copy lands.
     * So the member sees the datagram only through the local loop-back copy, which the option
     * controls.
     */
    private static void loop(Family f, InetAddress group) throws IOException {
        NetworkInterface va = nic("va");
        try (Endpoint rx = open(f, ""); Endpoint tx = open(f, f == Family.INET ? "10.200.0.1" : "fd00:200::1")) {
            tx.option(Options.IP_MULTICAST_IF, va);
            Address to = Address.of(group, port(rx));
            rx.joinGroup(group, va);
            tx.option(Options.IP_MULTICAST_LOOP, false);
            expectNothingAfterSend(rx, tx, to, "with IP_MULTICAST_LOOP off");
            tx.option(Options.IP_MULTICAST_LOOP, true);
            tx.sendTo("looped".getBytes(StandardCharsets.US_ASCII), to);
            check(text(rx.recvFrom(256)).equals("looped"), "looped payload");
        }
    }
}
