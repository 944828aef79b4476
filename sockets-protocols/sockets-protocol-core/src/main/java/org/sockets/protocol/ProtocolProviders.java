package org.sockets.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sockets.protocol.spi.ProtocolProvider;

/** Finds protocol providers once (lazy holder) and picks one for a scheme, as sockets-api does for transports. */
final class ProtocolProviders {

    private static final Logger LOG = LoggerFactory.getLogger("org.sockets.protocol");

    /** The schemes this library's modules serve (or will), and the module that serves each. */
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("http", "http"), Map.entry("https", "http"),
            Map.entry("ftp", "ftp"), Map.entry("ftps", "ftp"),
            Map.entry("smtp", "smtp"), Map.entry("smtps", "smtp"),
            Map.entry("pop3", "pop3"), Map.entry("pop3s", "pop3"),
            Map.entry("imap", "imap"), Map.entry("imaps", "imap"),
            Map.entry("nntp", "nntp"), Map.entry("nntps", "nntp"), Map.entry("news", "nntp"),
            Map.entry("telnet", "telnet"),
            Map.entry("gopher", "gopher"), Map.entry("gophers", "gopher"));

    private ProtocolProviders() {
    }

    private static final class Found {
        static final Found INSTANCE = load();

        final List<ProtocolProvider> providers;
        final List<String> broken;

        Found(List<ProtocolProvider> providers, List<String> broken) {
            this.providers = List.copyOf(providers);
            this.broken = List.copyOf(broken);
        }

        private static Found load() {
            List<ProtocolProvider> ok = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            Iterator<ProtocolProvider> it = ServiceLoader.load(ProtocolProvider.class).iterator();
            // Bounded: a ServiceLoader iterator ends, but a misbehaving one must not spin forever.
            for (int guard = 0; guard < 1000; guard++) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    ProtocolProvider p = it.next();
                    String problem = check(p);
                    if (problem == null) {
                        ok.add(p);
                    } else {
                        broken.add(p.getClass().getName() + ": " + problem);
                    }
                } catch (ServiceConfigurationError | RuntimeException e) {
                    // One bad jar must not hide the others: remember it for the not-found message.
                    broken.add(e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
            broken.forEach(b -> LOG.warn("protocol provider failed to load: {}", b));
            ok.sort(Comparator.comparingInt(ProtocolProvider::priority).reversed());
            return new Found(ok, broken);
        }

        /** Why a loaded provider cannot be used, or null; its own methods may throw. */
        private static String check(ProtocolProvider p) {
            String name = p.name();
            if (name == null || name.isBlank()) {
                return "no name";
            }
            Set<String> schemes = p.schemes();
            if (schemes == null || schemes.isEmpty()) {
                return "serves no scheme";
            }
            for (String s : schemes) {
                if (s == null || !s.matches("[a-z][a-z0-9+.-]*")) {
                    return "scheme '" + s + "' is not a lower-case URL scheme";
                }
                int port = p.defaultPort(s);
                if (port < 1 || port > 65535) {
                    return "default port " + port + " for '" + s + "' is not 1 to 65535";
                }
            }
            return null;
        }
    }

    static List<ProtocolProvider> all() {
        return Found.INSTANCE.providers;
    }

    static List<String> broken() {
        return Found.INSTANCE.broken;
    }

    static ProtocolProvider select(String scheme) {
        String property = "org.sockets.protocol." + scheme;
        String wanted = System.getProperty(property);
        if (wanted != null && !wanted.isBlank()) {
            for (ProtocolProvider p : all()) {
                if (p.name().equals(wanted.strip())) {
                    if (!p.schemes().contains(scheme)) {
                        throw new ProtocolNotFoundException(scheme, "protocol provider '" + wanted.strip()
                                + "' (named by " + property + ") does not serve scheme '" + scheme + "'" + found());
                    }
                    return p;
                }
            }
            throw new ProtocolNotFoundException(scheme, "no protocol provider named '" + wanted.strip()
                    + "' (named by " + property + ") for scheme '" + scheme + "'" + found());
        }
        for (ProtocolProvider p : all()) {
            if (p.priority() >= 0 && p.schemes().contains(scheme)) {
                return p;
            }
        }
        throw new ProtocolNotFoundException(scheme, "no protocol provider for scheme '" + scheme + "': " + hint(scheme) + found());
    }

    private static String hint(String scheme) {
        String module = MODULES.get(scheme);
        if (module != null) {
            return "add org.sockets:sockets-" + module + " (module org.sockets." + module + ")";
        }
        return "no module of this library serves it (they are org.sockets:sockets-<protocol>); "
                + "a module providing " + ProtocolProvider.class.getName() + " for it must be on the module path or class path";
    }

    private static String found() {
        Found f = Found.INSTANCE;
        StringBuilder sb = new StringBuilder("; providers found: ");
        sb.append(f.providers.isEmpty() ? "none" : f.providers.stream()
                .map(p -> p.name() + " " + p.schemes().stream().sorted().toList() + " (priority " + p.priority() + ")").toList());
        if (!f.broken.isEmpty()) {
            sb.append("; providers that failed to load: ").append(f.broken);
        }
        return sb.toString();
    }

    static String lower(String scheme) {
        return scheme.toLowerCase(Locale.ROOT);
    }
}
