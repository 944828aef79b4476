package org.sockets.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.sockets.api.spi.TransportProvider;

/** Finds transport providers once (lazy holder) and picks one for a family and type. */
final class Providers {

    private Providers() {
    }

    private static final class Found {
        static final Found INSTANCE = load();

        final List<TransportProvider> providers;
        final List<String> broken;

        Found(List<TransportProvider> providers, List<String> broken) {
            this.providers = List.copyOf(providers);
            this.broken = List.copyOf(broken);
        }

        private static Found load() {
            List<TransportProvider> ok = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class).iterator();
            // Bounded: a ServiceLoader iterator ends, but a misbehaving one must not spin forever.
            for (int guard = 0; guard < 1000; guard++) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    ok.add(it.next());
                } catch (ServiceConfigurationError e) {
                    broken.add(e.getMessage());
                }
            }
            ok.sort(Comparator.comparingInt(TransportProvider::priority).reversed());
            return new Found(ok, broken);
        }
    }

    static List<TransportProvider> all() {
        return Found.INSTANCE.providers;
    }

    static TransportProvider select(Family family, SocketType type) {
        String property = "org.sockets.transport." + family + "." + type;
        String wanted = System.getProperty(property);
        if (wanted != null && !wanted.isBlank()) {
            return named(wanted.strip(), family, type);
        }
        for (TransportProvider p : all()) {
            if (p.priority() >= 0 && p.supports(family, type)) {
                return p;
            }
        }
        throw new TransportNotFoundException("no transport for " + family + "/" + type + ": " + hint(family, type) + found());
    }

    static TransportProvider named(String name, Family family, SocketType type) {
        for (TransportProvider p : all()) {
            if (p.name().equals(name)) {
                if (!p.supports(family, type)) {
                    throw new TransportNotFoundException("transport '" + name + "' does not serve " + family + "/" + type + found());
                }
                return p;
            }
        }
        throw new TransportNotFoundException("no transport named '" + name + "' for " + family + "/" + type + found());
    }

    private static String hint(Family family, SocketType type) {
        if (family == Family.UNIX) {
            return "add org.sockets:sockets-unix (module org.sockets.unix)";
        }
        return switch (type) {
            case STREAM -> "add org.sockets:sockets-tcp (module org.sockets.tcp)";
            case DGRAM -> "add org.sockets:sockets-udp (module org.sockets.udp)";
            case SEQPACKET -> "no module of this library provides it (Linux has SEQPACKET for UNIX sockets only)";
        };
    }

    private static String found() {
        Found f = Found.INSTANCE;
        StringBuilder sb = new StringBuilder("; providers found: ");
        sb.append(f.providers.isEmpty() ? "none" : f.providers.stream().map(p -> p.name() + " (priority " + p.priority() + ")").toList());
        if (!f.broken.isEmpty()) {
            sb.append("; providers that failed to load: ").append(f.broken);
        }
        return sb.toString();
    }
}
