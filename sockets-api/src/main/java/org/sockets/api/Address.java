package org.sockets.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A socket address in every form Python's {@code socket} module accepts, as immutable records.
 *
 * <p>The factories take the forms of the classic tutorial and name the bad part when one is
 * malformed ({@link IllegalArgumentException}):
 * <table class="striped">
 *   <caption>Address forms</caption>
 *   <thead><tr><th>Python</th><th>here</th><th>result</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code ('localhost', 80)}</td><td>{@code Address.of("localhost", 80)}</td><td>{@link Host}, resolved when used, in the endpoint's family</td></tr>
 *   <tr><td>{@code ('127.0.0.1', 80)}</td><td>{@code Address.of("127.0.0.1", 80)}</td><td>{@link Ip}</td></tr>
 *   <tr><td>{@code ('fe80::1%eth0', 80)}</td><td>{@code Address.of("fe80::1%eth0", 80)}</td><td>{@link Ip} with a scope</td></tr>
 *   <tr><td>{@code ('', 80)}</td><td>{@code Address.of("", 80)}</td><td>{@link Any}: INADDR_ANY or in6addr_any, by the endpoint's family</td></tr>
 *   <tr><td>{@code ('<broadcast>', 80)}</td><td>{@code Address.of("<broadcast>", 80)}</td><td>{@link Ip} 255.255.255.255</td></tr>
 *   <tr><td>{@code (2130706433, 80)}</td><td>{@code Address.of(2130706433L, 80)}</td><td>{@link Ip} 127.0.0.1</td></tr>
 *   <tr><td>{@code ('localhost', 'http')}</td><td>{@code Address.of("localhost", "http")}</td><td>port from /etc/services ({@link Services})</td></tr>
 *   <tr><td>{@code '/run/app.sock'}</td><td>{@code Address.unix("/run/app.sock")}</td><td>{@link UnixPath}</td></tr>
 *   <tr><td>{@code '\0name'}</td><td>{@code Address.unix("\0name")}</td><td>{@link UnixAbstract}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Every address has its port, if it is an internet address, and its Python text without a
 * cast:
 * {@snippet :
 * Address local = server.bind(Address.of("127.0.0.1", 0)).localAddress();
 * int port = local.inetPort().orElseThrow();   // the port the system picked
 * System.out.println(local.toPython());          // ('127.0.0.1', 54321)
 * }
 * Being sealed, an address can also be taken apart with an exhaustive {@code switch}.
 *
 * <h2 id="ipv4-mapped">IPv4-mapped addresses</h2>
 * There are none: an IPv4 address is always an INET {@link Ip}, also where Python shows the
 * IPv4-mapped IPv6 form. {@code Address.of("::ffff:1.2.3.4", 80)} is the INET address
 * {@code 1.2.3.4:80} (the JDK folds the mapped text to IPv4 when parsing), and an INET6 endpoint
 * reports an IPv4 peer or sender as {@code ('127.0.0.1', port)} where Python says
 * {@code ('::ffff:127.0.0.1', port, 0, 0)}: the JDK never represents a mapped address as an
 * {@link Inet6Address}. Such an address can be used on an INET6 endpoint as it is (to reply, or
 * to connect): the endpoint maps it back. {@link Sockets#inetPton} keeps the 16 mapped bytes, as
 * C's {@code inet_pton} does.
 */
public sealed interface Address {

    /** The highest port number. */
    int MAX_PORT = 65_535;

    /** Python's name for the IPv4 limited-broadcast address. */
    String BROADCAST = "<broadcast>";

    /**
     * An internet address from a host string and a port.
     *
     * <p>IPv4 text may take inet_aton's short forms ({@code 127.1}, {@code 10.0.1},
     * {@code 2130706433}) but, in every form, no part with a leading zero: {@code 010.0.0.1} and
     * {@code 010} are octal to C resolvers and decimal to Java, so they are refused as ambiguous
     * (a lone {@code 0} is a zero, not a leading one). IPv4-mapped text ({@code ::ffff:1.2.3.4})
     * gives the INET address (see <a href="#ipv4-mapped">IPv4-mapped
     * addresses</a>). A {@code %scope} is an interface index or name, any interface, as the
     * kernel takes it: {@code fe80::1%lo} and {@code fe80::1%1} are the same address when lo's
     * index is 1. Linux uses a scope only where an address needs one (link-local): on
     * {@code ::1} it is accepted and ignored, and the addresses the endpoint reports carry no
     * scope.
     *
     * @param host a host name, a dotted quad, IPv6 text (with an optional {@code %scope}, brackets
     *             allowed), {@code ""} for any address, or {@code "<broadcast>"}
     * @param port 0 to 65535; 0 asks the system for a free port when binding
     * @return a {@link Host}, {@link Ip} or {@link Any}
     * @throws IllegalArgumentException naming the malformed part
     */
    static Address of(String host, int port) {
        Objects.requireNonNull(host, "host");
        checkPort(port);
        if (host.isEmpty()) {
            return new Any(port);
        }
        if (host.equals(BROADCAST)) {
            return new Ip(Inet4Address.ofLiteral("255.255.255.255"), port);
        }
        // A scope goes to the literal parser too, so "127.0.0.1%1" is named as a scope on IPv4
        int pct = host.indexOf('%');
        String bare = pct < 0 ? host : host.substring(0, pct);
        if ((bare.indexOf(':') >= 0 && looksIpv6(bare)) || looksNumeric(bare) || endsInNumber(bare)) {
            return new Ip(Literals.parse(host), port);
        }
        return new Host(host, port);
    }

    /**
     * An internet address from a host string and a port given as text: a number, or a service
     * name looked up for TCP in /etc/services (with a built-in table when that file is missing).
     *
     * @param host as in {@link #of(String, int)}
     * @param port {@code "8080"}, or a service name such as {@code "http"}
     * @return the address
     * @throws IllegalArgumentException naming the malformed part or the unknown service
     */
    static Address of(String host, String port) {
        Objects.requireNonNull(port, "port");
        return of(host, Services.port(port, "tcp"));
    }

    /**
     * An IPv4 address from its numeric value, as Python 2 accepted ({@code inet_ntoa(htonl(n))}):
     * 2130706433 is 127.0.0.1.
     *
     * @param ipv4 0 to 4294967295
     * @param port 0 to 65535
     * @return the address
     * @throws IllegalArgumentException if either number is out of range
     */
    static Ip of(long ipv4, int port) {
        if (ipv4 < 0 || ipv4 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IPv4 address as an integer must be 0 to 4294967295, not " + ipv4);
        }
        checkPort(port);
        byte[] b = {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
        try {
            return new Ip(InetAddress.getByAddress(b), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * An internet address from a resolved {@link InetAddress}.
     *
     * @param ip   the IP address; a host name it may carry is dropped
     * @param port 0 to 65535
     * @return the address
     */
    static Ip of(InetAddress ip, int port) {
        return new Ip(ip, port);
    }

    /**
     * The wildcard address of the endpoint's family: {@code 0.0.0.0} or {@code ::}.
     *
     * @param port 0 to 65535
     * @return the address
     */
    static Any any(int port) {
        return new Any(port);
    }

    /**
     * A Unix-domain address: a filesystem path, or, when the text starts with a NUL character as
     * in Python, a Linux abstract name.
     *
     * @param pathOrAbstract {@code "/run/app.sock"}, or {@code "\0name"}
     * @return a {@link UnixPath} or {@link UnixAbstract}
     */
    static Address unix(String pathOrAbstract) {
        Objects.requireNonNull(pathOrAbstract, "path");
        if (!pathOrAbstract.isEmpty() && pathOrAbstract.charAt(0) == '\0') {
            return new UnixAbstract(pathOrAbstract.substring(1));
        }
        return new UnixPath(Path.of(pathOrAbstract));
    }

    /**
     * A Unix-domain address on a filesystem path.
     *
     * @param path the socket file's path
     * @return the address
     */
    static UnixPath unix(Path path) {
        return new UnixPath(path);
    }

    /**
     * A Linux abstract Unix-domain name (no file, no file permissions: any local process may
     * connect).
     *
     * @param name the name without the leading NUL
     * @return the address
     */
    static UnixAbstract abstractName(String name) {
        return new UnixAbstract(name);
    }

    /**
     * The family this address belongs to, or {@code null} for {@link Host} and {@link Any}, which
     * take the family of the endpoint they are used with.
     *
     * @return the family, or {@code null}
     */
    Family family();

    /**
     * The port of an internet address ({@link Ip}, {@link Host}, {@link Any}): what Python's
     * {@code getsockname()[1]} gives, e.g. the port the system picked for a bind to port 0.
     *
     * @return the port, or empty for a Unix-domain address
     */
    default OptionalInt inetPort() {
        return switch (this) {
            case Ip ip -> OptionalInt.of(ip.port());
            case Host host -> OptionalInt.of(host.port());
            case Any any -> OptionalInt.of(any.port());
            case UnixPath p -> OptionalInt.empty();
            case UnixAbstract a -> OptionalInt.empty();
            case UnixUnnamed u -> OptionalInt.empty();
        };
    }

    /**
     * The address as Python prints it (the {@code repr} of what {@code getsockname},
     * {@code getpeername}, {@code accept} or {@code recvfrom} return, or of what one gives
     * {@code bind} and {@code connect}): {@code ('127.0.0.1', 54321)},
     * {@code ('::1', 54321, 0, 0)}, {@code ('localhost', 80)}, {@code ('', 80)},
     * {@code '/run/app.sock'}, {@code b'\x00name'} for an abstract name, {@code ''} for an
     * unnamed Unix socket.
     *
     * @return Python's text for this address
     */
    String toPython();

    /**
     * A host name to be resolved when used, in the family of the endpoint it is given to.
     *
     * @param name a host name (letters, digits, {@code -}, {@code _}, dots; at most 253 characters)
     * @param port 0 to 65535
     */
    record Host(String name, int port) implements Address {
        /** Checks the name's characters and lengths and the port's range. */
        public Host {
            Objects.requireNonNull(name, "name");
            checkPort(port);
            Literals.checkHostName(name);
        }

        @Override
        public Family family() {
            return null;
        }

        /**
         * The address as a Python tuple: {@code ('localhost', 80)}.
         *
         * @return Python's text for this address
         */
        @Override
        public String toPython() {
            return "('" + name + "', " + port + ")";
        }

        @Override
        public String toString() {
            return name + ":" + port;
        }
    }

    /**
     * An IP address and port, IPv4 or IPv6 (with its scope, if any).
     *
     * @param ip   the IP address, without a host name
     * @param port 0 to 65535
     */
    record Ip(InetAddress ip, int port) implements Address {
        /** Drops any host name the address carries, so that equal addresses are equal records. */
        public Ip {
            Objects.requireNonNull(ip, "ip");
            checkPort(port);
            ip = Literals.bare(ip);
        }

        @Override
        public Family family() {
            return ip instanceof Inet6Address ? Family.INET6 : Family.INET;
        }

        /**
         * Equal when the address bytes, the scope id and the port are equal. ({@link Inet6Address}
         * itself ignores the scope, but {@code fe80::1%1} and {@code fe80::1%2} are different
         * peers.)
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Ip other && port == other.port && ip.equals(other.ip) && scopeId() == other.scopeId();
        }

        @Override
        public int hashCode() {
            return (ip.hashCode() * 31 + scopeId()) * 31 + port;
        }

        private int scopeId() {
            return ip instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        }

        /**
         * The address as text: a dotted quad, or compressed IPv6 text (RFC 5952) with
         * {@code %scope} when it has one, as Python prints it.
         *
         * @return the host part as text
         */
        public String host() {
            return Literals.format(ip);
        }

        /**
         * The address as Python prints a socket address: {@code ('127.0.0.1', 54321)}, or
         * {@code ('::1', 54321, 0, 0)} for IPv6 (flow info and scope id).
         *
         * @return Python's text for this address
         */
        @Override
        public String toPython() {
            if (ip instanceof Inet6Address v6) {
                return "('" + host() + "', " + port + ", 0, " + v6.getScopeId() + ")";
            }
            return "('" + host() + "', " + port + ")";
        }

        @Override
        public String toString() {
            return ip instanceof Inet6Address ? "[" + host() + "]:" + port : host() + ":" + port;
        }
    }

    /**
     * Any local address ({@code INADDR_ANY} or {@code in6addr_any}, by the endpoint's family).
     *
     * @param port 0 to 65535
     */
    record Any(int port) implements Address {
        /** Checks the port's range. */
        public Any {
            checkPort(port);
        }

        @Override
        public Family family() {
            return null;
        }

        /**
         * The address as Python writes it: {@code ('', 80)}.
         *
         * @return Python's text for this address
         */
        @Override
        public String toPython() {
            return "('', " + port + ")";
        }

        @Override
        public String toString() {
            return "*:" + port;
        }
    }

    /**
     * A Unix-domain socket on a filesystem path.
     *
     * @param path the socket file's path, not empty
     */
    record UnixPath(Path path) implements Address {
        /** Checks that the path is not empty. */
        public UnixPath {
            Objects.requireNonNull(path, "path");
            if (path.toString().isEmpty()) {
                throw new IllegalArgumentException("Unix socket path is empty; use Address.unnamed() for an unnamed socket");
            }
            if (path.toString().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Unix socket path contains a NUL character: " + path);
            }
        }

        @Override
        public Family family() {
            return Family.UNIX;
        }

        /**
         * The path as Python's {@code repr} of a {@code str}: {@code '/run/app.sock'}.
         *
         * @return Python's text for this address
         */
        @Override
        public String toPython() {
            return Literals.pythonRepr(path.toString());
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A Linux abstract Unix-domain name: no file, no file permissions.
     *
     * @param name the name without the leading NUL; compared as its UTF-8 bytes
     */
    record UnixAbstract(String name) implements Address {
        /** Checks the name is given. */
        public UnixAbstract {
            Objects.requireNonNull(name, "name");
        }

        /**
         * The name's bytes as the kernel sees them, after the leading NUL.
         *
         * @return a fresh array of the UTF-8 bytes of the name
         */
        public byte[] bytes() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Family family() {
            return Family.UNIX;
        }

        /**
         * The name as Python returns it, bytes with the leading NUL: {@code b'\x00name'}.
         *
         * @return Python's text for this address
         */
        @Override
        public String toPython() {
            byte[] name = bytes();
            byte[] withNul = new byte[name.length + 1];
            System.arraycopy(name, 0, withNul, 1, name.length);
            return Literals.pythonRepr(withNul);
        }

        @Override
        public String toString() {
            return "@" + name;
        }
    }

    /**
     * The address of a Unix-domain socket that has no name: a client that never bound, as a
     * datagram sender or a stream peer. Python shows it as {@code ''} (or {@code None}).
     */
    record UnixUnnamed() implements Address {
        @Override
        public Family family() {
            return Family.UNIX;
        }

        /**
         * Python's {@code ''}, what {@code getsockname} returns for an unnamed Unix socket.
         *
         * @return {@code ''}
         */
        @Override
        public String toPython() {
            return "''";
        }

        @Override
        public String toString() {
            return "(unnamed)";
        }
    }

    /**
     * The address of an unnamed Unix-domain socket.
     *
     * @return the one unnamed address
     */
    static UnixUnnamed unnamed() {
        return new UnixUnnamed();
    }

    private static void checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
    }

    /** Hex digits, colons, dots (an embedded IPv4) and brackets: anything else is a bad host name. */
    private static boolean looksIpv6(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.' && c != '[' && c != ']') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the last label is a number (decimal or 0x hex): no top-level domain is, and C
     * resolvers read such text as IPv4 ({@code 0x7f.0.0.1} is 127.0.0.1 to Python, unknown to
     * the JDK), so it is checked as an IP literal, which refuses it, rather than looked up.
     */
    private static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.startsWith("0x") || last.startsWith("0X")) {
            last = last.substring(2);
            return last.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        }
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean looksNumeric(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
