package org.sockets.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Service-name look-ups both ways, as Python's {@code getservbyname} and {@code getservbyport}.
 *
 * <p>Names come from {@code /etc/services}, read once; where that file is missing or unreadable a
 * built-in table of the well-known services this library speaks is used instead, so
 * {@code "http"} is 80 on every machine.
 */
public final class Services {

    private static final Path ETC_SERVICES = Path.of("/etc/services");

    private Services() {
    }

    /**
     * The port of a service, or of a port given as decimal text.
     *
     * @param nameOrNumber {@code "http"} or {@code "8080"}
     * @param protocol     {@code "tcp"} or {@code "udp"}
     * @return the port, 0 to 65535
     * @throws IllegalArgumentException if the number is out of range or the service unknown
     */
    public static int port(String nameOrNumber, String protocol) {
        return port(nameOrNumber, protocol, Table.INSTANCE);
    }

    /** {@link #port(String, String)} against a given table (tests load their own). */
    static int port(String nameOrNumber, String protocol, Table table) {
        Objects.requireNonNull(nameOrNumber, "nameOrNumber");
        Objects.requireNonNull(protocol, "protocol");
        if (nameOrNumber.isEmpty()) {
            throw new IllegalArgumentException("port is empty");
        }
        if (nameOrNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (nameOrNumber.length() > 5 || Integer.parseInt(nameOrNumber) > Address.MAX_PORT) {
                throw new IllegalArgumentException("port must be 0 to 65535, not " + nameOrNumber);
            }
            return Integer.parseInt(nameOrNumber);
        }
        Integer port = table.byName.get(key(nameOrNumber, protocol));
        if (port == null) {
            throw new IllegalArgumentException("unknown service '" + Literals.printable(nameOrNumber) + "' for " + protocol
                    + " (not a number, not in " + table.source + ")");
        }
        return port;
    }

    /**
     * The name of the service on a port, as Python's {@code getservbyport}.
     *
     * @param port     0 to 65535
     * @param protocol {@code "tcp"} or {@code "udp"}
     * @return the service's name, if any is listed
     */
    public static Optional<String> name(int port, String protocol) {
        return name(port, protocol, Table.INSTANCE);
    }

    /** {@link #name(int, String)} against a given table. */
    static Optional<String> name(int port, String protocol, Table table) {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > Address.MAX_PORT) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        return Optional.ofNullable(table.byPort.get(port + "/" + protocol.toLowerCase(Locale.ROOT)));
    }

    private static String key(String name, String protocol) {
        return name.toLowerCase(Locale.ROOT) + "/" + protocol.toLowerCase(Locale.ROOT);
    }

    /** Lazily read once (holder idiom): most programs never name a service. */
    static final class Table {
        static final Table INSTANCE = load(ETC_SERVICES);

        final Map<String, Integer> byName = new HashMap<>();
        final Map<String, String> byPort = new HashMap<>();
        String source;

        /** Reads a services file, or the built-in table where it is missing, unreadable or empty. */
        static Table load(Path file) {
            Table t = new Table();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    t.parse(line);
                }
                t.source = file.toString();
                if (!t.byName.isEmpty()) {
                    return t;
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the built-in table: a missing file is normal in containers
            }
            t = new Table(); // nothing half-read stays in front of the built-in entries
            t.source = "the built-in table (" + file + " unavailable)";
            for (String line : BUILT_IN) {
                t.parse(line);
            }
            return t;
        }

        private void parse(String line) {
            int hash = line.indexOf('#');
            String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                return;
            }
            int slash = f[1].indexOf('/');
            if (slash < 0) {
                return;
            }
            int port;
            try {
                port = Integer.parseInt(f[1].substring(0, slash));
            } catch (NumberFormatException e) {
                return;
            }
            String proto = f[1].substring(slash + 1).toLowerCase(Locale.ROOT);
            byPort.putIfAbsent(port + "/" + proto, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    byName.putIfAbsent(key(f[i], proto), port);
                }
            }
        }
    }

    private static final String[] BUILT_IN = {
        "ftp-data 20/tcp", "ftp 21/tcp", "ssh 22/tcp", "telnet 23/tcp", "smtp 25/tcp mail",
        "domain 53/tcp", "domain 53/udp", "gopher 70/tcp", "finger 79/tcp", "http 80/tcp www",
        "pop3 110/tcp pop-3", "nntp 119/tcp readnews untp", "ntp 123/udp", "imap2 143/tcp imap",
        "snmp 161/udp", "ldap 389/tcp", "https 443/tcp", "https 443/udp", "submissions 465/tcp ssmtp smtps",
        "syslog 514/udp", "submission 587/tcp", "ldaps 636/tcp", "ftps-data 989/tcp", "ftps 990/tcp",
        "telnets 992/tcp", "imaps 993/tcp", "pop3s 995/tcp", "nntps 563/tcp snntp", "echo 7/tcp", "echo 7/udp",
        "discard 9/tcp", "discard 9/udp", "daytime 13/tcp", "daytime 13/udp",
    };
}
