package org.sockets.api.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.List;
import org.sockets.api.Address;
import org.sockets.api.Family;
import org.sockets.api.Resolver;

/**
 * Conversions between {@link Address} and the JDK's {@link InetSocketAddress} for INET and INET6
 * transports, with Python's rules: a host name resolves within the endpoint's family, {@code ""}
 * is that family's wildcard, and an INET6 endpoint also reaches IPv4 addresses (as v4-mapped).
 */
public final class InetSupport {

    private InetSupport() {
    }

    /**
     * The JDK socket address for an address used on an endpoint of a family.
     *
     * @param address   what the caller gave
     * @param family    INET or INET6
     * @param operation the operation, for messages ("bind", "connect", ...)
     * @return a resolved socket address
     * @throws UnknownHostException if a host name has no address in the family
     * @throws IllegalArgumentException if the address does not fit the family
     */
    public static InetSocketAddress toJdk(Address address, Family family, String operation) throws UnknownHostException {
        return switch (address) {
            case Address.Ip ip -> {
                if (family == Family.INET && ip.ip() instanceof Inet6Address) {
                    throw new IllegalArgumentException(operation + ": IPv6 address " + ip.host()
                            + " on an INET endpoint; open an INET6 endpoint for IPv6");
                }
                yield new InetSocketAddress(ip.ip(), ip.port());
            }
            case Address.Any any -> new InetSocketAddress(wildcard(family), any.port());
            case Address.Host host -> new InetSocketAddress(resolveOne(Resolver.system(), host.name(), family), host.port());
            case Address.UnixPath p -> throw notInet(operation, address, family);
            case Address.UnixAbstract a -> throw notInet(operation, address, family);
            case Address.UnixUnnamed u -> throw notInet(operation, address, family);
        };
    }

    /**
     * The first address of a host in a family. As with Python's {@code getaddrinfo}, a host with
     * only IPv4 addresses has none for INET6 (no implicit v4-mapping).
     *
     * @param resolver the resolver
     * @param host     the host name
     * @param family   INET or INET6
     * @return the address
     * @throws UnknownHostException naming the host and family if none fits
     */
    public static InetAddress resolveOne(Resolver resolver, String host, Family family) throws UnknownHostException {
        List<InetAddress> all = resolver.resolve(host);
        for (InetAddress a : all) {
            if (family == Family.INET ? a instanceof Inet4Address : a instanceof Inet6Address) {
                return a;
            }
        }
        throw new UnknownHostException(host + ": no " + (family == Family.INET ? "IPv4" : "IPv6")
                + " address (has " + all.stream().map(InetAddress::getHostAddress).toList() + ")");
    }

    /**
     * The wildcard address of a family.
     *
     * @param family INET or INET6
     * @return 0.0.0.0 or ::
     */
    public static InetAddress wildcard(Family family) {
        return InetAddress.ofLiteral(family == Family.INET6 ? "::" : "0.0.0.0");
    }

    /**
     * The JDK protocol family to open a channel of a family in.
     *
     * @param family INET or INET6
     * @return {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     */
    public static ProtocolFamily protocolFamily(Family family) {
        return family == Family.INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * The {@link Address} of a JDK socket address. A scope is kept only where the kernel keeps
     * one (link-local unicast, interface- and link-local multicast): the JDK reports a connected
     * peer as the caller gave it, so {@code ::1%lo} would otherwise show a scope that Linux
     * ignored and that {@code getpeername} (Python's {@code getpeername()}) does not report.
     *
     * @param jdk an {@link InetSocketAddress} as a channel reports it
     * @return the address
     */
    public static Address.Ip fromJdk(SocketAddress jdk) {
        InetSocketAddress isa = (InetSocketAddress) jdk;
        InetAddress ip = isa.getAddress();
        if (ip instanceof Inet6Address v6 && v6.getScopeId() != 0
                && !(v6.isLinkLocalAddress() || v6.isMCLinkLocal() || v6.isMCNodeLocal())) {
            try {
                ip = Inet6Address.getByAddress(null, v6.getAddress(), 0);
            } catch (UnknownHostException e) {
                throw new AssertionError("16 bytes are always an IPv6 address", e);
            }
        }
        return Address.of(ip, isa.getPort());
    }

    /**
     * A more telling exception in place of one the JDK threw, with that one as its cause.
     *
     * @param <E>         the replacement's type
     * @param replacement the exception to throw instead
     * @param cause       the JDK's
     * @return {@code replacement}
     */
    public static <E extends IOException> E withCause(E replacement, IOException cause) {
        replacement.initCause(cause);
        return replacement;
    }

    private static IllegalArgumentException notInet(String operation, Address address, Family family) {
        return new IllegalArgumentException(operation + ": Unix-domain address " + address + " on an " + family + " endpoint");
    }
}
