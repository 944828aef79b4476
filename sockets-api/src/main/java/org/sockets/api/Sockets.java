package org.sockets.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sockets.api.spi.TransportProvider;

/**
 * The module functions of Python's {@code socket}: opening endpoints, {@code create_connection}
 * with Happy Eyeballs, {@code create_server}, {@code socketpair}, {@code gethostname},
 * {@code getaddrinfo}, {@code inet_pton} / {@code inet_ntop} and the default timeout.
 *
 * {@snippet :
 * try (Endpoint conn = Sockets.connect(Address.of("localhost", 9999))) {
 *     System.out.println(new String(conn.recv(1024), StandardCharsets.US_ASCII));
 * }
 * }
 *
 * <p>Endpoints come from the {@link TransportProvider}s that {@link java.util.ServiceLoader}
 * finds; see {@link #open(Family, SocketType)} for how one is chosen. A {@code null} argument is
 * a {@link NullPointerException} naming the parameter, except where a parameter says it may be
 * {@code null}.
 */
public final class Sockets {

    private static volatile Duration defaultTimeout;

    private Sockets() {
    }

    /**
     * Opens an endpoint (Python's {@code socket.socket(family, type)}). The provider is the one the
     * system property {@code org.sockets.transport.FAMILY.TYPE} names, else the provider with the
     * highest non-negative priority that supports the pair. Providers with a negative priority are
     * used only when named.
     *
     * @param family the family
     * @param type   the type
     * @return a new unbound endpoint with the default timeout, which the caller must close
     * @throws TransportNotFoundException naming the module to add if no provider serves the pair
     * @throws IOException if the system refuses a socket
     */
    public static Endpoint open(Family family, SocketType type) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        return withDefaultTimeout(Providers.select(family, type).open(family, type));
    }

    /**
     * Opens an endpoint from a named provider.
     *
     * @param family   the family
     * @param type     the type
     * @param provider the provider's {@link TransportProvider#name()}
     * @return a new unbound endpoint with the default timeout
     * @throws TransportNotFoundException if no provider has that name or it does not serve the pair
     * @throws IOException if the system refuses a socket
     */
    public static Endpoint open(Family family, SocketType type, String provider) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        return withDefaultTimeout(Providers.named(provider, family, type).open(family, type));
    }

    /**
     * The transport providers found, highest priority first.
     *
     * @return an unmodifiable list
     */
    public static List<TransportProvider> providers() {
        return Providers.all();
    }

    /**
     * Two connected endpoints (Python's {@code socketpair}).
     *
     * @param family the family (UNIX on Linux)
     * @param type   the type
     * @return the pair, which the caller must close
     * @throws IOException if the system refuses
     */
    public static EndpointPair pair(Family family, SocketType type) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        EndpointPair p = Providers.select(family, type).pair(family, type);
        withDefaultTimeout(p.first());
        withDefaultTimeout(p.second());
        return p;
    }

    /**
     * Connects a stream endpoint to an address with the default options (Python's
     * {@code create_connection(address)}).
     *
     * @param remote the address; a host name tries all its addresses
     * @return the connected endpoint, which the caller must close
     * @throws IOException if no address could be connected
     */
    public static Endpoint connect(Address remote) throws IOException {
        return connect(remote, ConnectOptions.defaults());
    }

    /**
     * Connects a stream endpoint to an address (Python's {@code create_connection}). A host name
     * is resolved to all its addresses, IPv6 and IPv4 interleaved in the resolver's order, and
     * connection attempts race as RFC 8305 (Happy Eyeballs v2) describes: the next address is
     * tried when the previous attempt fails or has run for {@link ConnectOptions#attemptDelay()};
     * the first to connect wins and the others are closed.
     *
     * @param remote  the address
     * @param options timeout, attempt delay, resolver, family, source address
     * @return the connected endpoint, with the options' timeout, which the caller must close
     * @throws ConnectException if every address refused or failed, listing each failure
     * @throws SocketTimeoutException if every attempt timed out
     * @throws UnknownHostException if the host has no address in the families allowed
     * @throws IOException on other I/O failures
     */
    public static Endpoint connect(Address remote, ConnectOptions options) throws IOException {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(options, "options");
        List<Address> candidates = HappyEyeballs.candidates(remote, options);
        if (candidates.size() == 1) {
            return HappyEyeballs.attempt(candidates.getFirst(), options);
        }
        return HappyEyeballs.race(remote, candidates, options);
    }

    /**
     * Opens a listening stream endpoint with the default options (Python's
     * {@code create_server(address)}).
     *
     * @param local where to listen
     * @return the listening endpoint, which the caller must close
     * @throws IOException if binding or listening fails
     */
    public static Endpoint listen(Address local) throws IOException {
        return listen(local, ListenOptions.defaults());
    }

    /**
     * Opens a listening stream endpoint (Python's {@code create_server}).
     *
     * <p>Dual stack: the JDK's INET6 sockets (on which the TCP transport stands) always accept
     * IPv4 clients as v4-mapped addresses, so an INET6 listener on {@code ::} serves both families
     * whether or not {@link ListenOptions#dualStack()} is set; the option chooses INET6 for a
     * wildcard address.
     *
     * @param local   where to listen
     * @param options backlog, address reuse, dual stack, family
     * @return the listening endpoint, which the caller must close
     * @throws java.net.BindException if the address is in use
     * @throws IOException if binding or listening fails
     */
    public static Endpoint listen(Address local, ListenOptions options) throws IOException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(options, "options");
        Family family = local.family() != null ? local.family()
                : options.family().orElse(options.dualStack() ? Family.INET6 : Family.INET);
        Endpoint e = open(family, SocketType.STREAM);
        try {
            if (family != Family.UNIX) {
                // Set either way: a transport may default to true (sockets-tcp does).
                e.option(Options.SO_REUSEADDR, options.reuseAddress());
                if (options.reusePort()) {
                    e.option(Options.SO_REUSEPORT, true);
                }
            }
            e.bind(local).listen(options.backlog());
            return e;
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /**
     * This machine's host name (Python's {@code gethostname}): the kernel's node name where it can
     * be read, else the JDK's local host name.
     *
     * @return the host name
     * @throws IOException if no name can be found
     */
    public static String hostname() throws IOException {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            String name = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
            if (!name.isEmpty()) {
                return name;
            }
        }
        return InetAddress.getLocalHost().getHostName();
    }

    /**
     * All addresses of a host and port (Python's {@code getaddrinfo}), in the system resolver's
     * order.
     *
     * @param host   a host name or IP literal
     * @param port   0 to 65535
     * @param family INET or INET6 to keep only that family, or {@code null} for both
     * @return at least one address
     * @throws UnknownHostException naming the host if it has no address in the family
     */
    public static List<Address.Ip> resolve(String host, int port, Family family) throws UnknownHostException {
        // the JDK's resolver takes null as the loopback address: a slip here, not a request
        Objects.requireNonNull(host, "host");
        return resolve(Resolver.system(), host, port, family);
    }

    static List<Address.Ip> resolve(Resolver resolver, String host, int port, Family family) throws UnknownHostException {
        if (family == Family.UNIX) {
            throw new IllegalArgumentException("resolve: UNIX addresses are paths, not host names");
        }
        List<Address.Ip> out = new ArrayList<>();
        for (InetAddress a : resolver.resolve(host)) {
            Address.Ip ip = Address.of(a, port);
            if (family == null || ip.family() == family) {
                out.add(ip);
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException(host + ": no " + (family == null ? "IP" : family == Family.INET ? "IPv4" : "IPv6") + " address");
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The packed bytes of an IP address in text (Python's {@code inet_pton}).
     *
     * @param family INET or INET6
     * @param text   a dotted quad or IPv6 text
     * @return 4 or 16 bytes
     * @throws IllegalArgumentException if the text is not an address of the family
     */
    public static byte[] inetPton(Family family, String text) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(text, "text");
        // As C's inet_pton: no brackets, no scope, and for IPv4 a strict dotted quad (the JDK's
        // parser also takes 127.1, 2130706433 and leading zeros, which inet_pton refuses).
        boolean strict = switch (family) {
            case INET -> Literals.isDottedQuad(text);
            case INET6 -> text.indexOf(':') >= 0 && text.indexOf('%') < 0 && text.indexOf('[') < 0
                    && (text.indexOf('.') < 0 || Literals.isDottedQuad(text.substring(text.lastIndexOf(':') + 1)));
            case UNIX -> throw new IllegalArgumentException("inetPton: family must be INET or INET6, not UNIX");
        };
        if (!strict) {
            throw new IllegalArgumentException("inetPton: '" + Literals.printable(text) + "' is not an " + family + " address");
        }
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inetPton: '" + Literals.printable(text) + "' is not an " + family + " address", e);
        }
        byte[] b = ip.getAddress();
        if (family == Family.INET6 && b.length == 4) {
            // the JDK folds ::ffff:a.b.c.d into IPv4; inet_pton keeps 16 bytes
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
    }

    /**
     * The text of a packed IP address (Python's {@code inet_ntop}): a dotted quad, or compressed
     * IPv6 text (RFC 5952).
     *
     * @param family INET (4 bytes) or INET6 (16 bytes)
     * @param packed the bytes
     * @return the text
     * @throws IllegalArgumentException if the length does not fit the family
     */
    public static String inetNtop(Family family, byte[] packed) {
        Objects.requireNonNull(family, "family");
        if (family == Family.UNIX) {
            throw new IllegalArgumentException("inetNtop: family must be INET or INET6, not UNIX");
        }
        Objects.requireNonNull(packed, "packed");
        int want = family == Family.INET ? 4 : 16;
        if (packed.length != want) {
            throw new IllegalArgumentException("inetNtop: " + family + " needs " + want + " bytes, not " + packed.length);
        }
        try {
            InetAddress ip = family == Family.INET ? InetAddress.getByAddress(packed) : Inet6Address.getByAddress(null, packed, -1);
            return Literals.format(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The process-wide default timeout that new endpoints take (Python's
     * {@code getdefaulttimeout}).
     *
     * @return the default, or empty for none (the initial state)
     */
    public static Optional<Duration> defaultTimeout() {
        return Optional.ofNullable(defaultTimeout);
    }

    /**
     * Sets the default timeout for endpoints opened or accepted from now on (Python's
     * {@code setdefaulttimeout(seconds)}). As with {@link Endpoint#timeout(Duration)}, a duration
     * too long for the clock (more than about 146 years, e.g.
     * {@code ChronoUnit.FOREVER.getDuration()}) means no limit.
     *
     * @param timeout positive
     * @throws IllegalArgumentException if zero or negative
     */
    public static void defaultTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("default timeout must be positive, not " + timeout);
        }
        defaultTimeout = timeout;
    }

    /** Removes the default timeout: new endpoints block without limit (Python's {@code setdefaulttimeout(None)}). */
    public static void clearDefaultTimeout() {
        defaultTimeout = null;
    }

    private static Endpoint withDefaultTimeout(Endpoint e) {
        Duration d = defaultTimeout;
        if (d != null) {
            e.timeout(d);
        }
        return e;
    }
}
