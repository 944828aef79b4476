package org.sockets.pop3;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a server said it can do in its {@code CAPA} reply (RFC 2449), one entry per line: a
 * capability name and its arguments. A server without {@code CAPA} (RFC 1939 only) has none.
 * Capabilities learnt before {@code STLS} are dropped; the client asks again over TLS.
 *
 * @param lines the lines of the reply, as sent
 */
public record Pop3Capabilities(List<String> lines) {

    /** Copies the lines. */
    public Pop3Capabilities {
        lines = List.copyOf(lines);
    }

    /**
     * No capabilities (the server does not know {@code CAPA}).
     *
     * @return the empty set
     */
    public static Pop3Capabilities none() {
        return new Pop3Capabilities(List.of());
    }

    /**
     * Whether a capability is listed (letter case ignored).
     *
     * @param name e.g. {@code "PIPELINING"}, {@code "STLS"}
     * @return {@code true} if a line names it
     */
    public boolean has(String name) {
        return arguments(name).isPresent();
    }

    /**
     * The arguments of a capability.
     *
     * @param name the capability
     * @return its arguments (possibly none), or empty if not listed
     */
    public Optional<List<String>> arguments(String name) {
        for (String line : lines) {
            String[] words = line.strip().split(" +");
            if (words[0].equalsIgnoreCase(name)) {
                return Optional.of(List.of(Arrays.copyOfRange(words, 1, words.length)));
            }
        }
        return Optional.empty();
    }

    /**
     * The SASL mechanisms of the {@code SASL} line, upper case.
     *
     * @return e.g. {@code [PLAIN, SCRAM-SHA-256]}; empty if none
     */
    public List<String> saslMechanisms() {
        return arguments("SASL").orElse(List.of()).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * Whether the server takes many commands before answering (RFC 2449 {@code PIPELINING}).
     *
     * @return {@code true} if offered
     */
    public boolean pipelining() {
        return has("PIPELINING");
    }
}
