package org.sockets.ftp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the server announced in its {@code FEAT} reply (RFC 2389): one entry per feature line,
 * such as {@code "UTF8"}, {@code "SIZE"}, {@code "MLST type*;size*;modify*;"}. Empty when the
 * server does not know {@code FEAT}.
 *
 * @param lines the feature lines, trimmed
 */
public record FtpFeatures(List<String> lines) {

    /** Copies the lines. */
    public FtpFeatures {
        lines = List.copyOf(lines);
    }

    /**
     * Whether a feature is there, by its name (the first word, any case).
     *
     * @param name e.g. {@code "MLST"}, {@code "EPSV"}
     * @return {@code true} if announced
     */
    public boolean has(String name) {
        return parameters(name).isPresent();
    }

    /**
     * The text after a feature's name ({@code "type*;size*;"} for {@code MLST}).
     *
     * @param name the feature name, any case
     * @return the parameters (possibly empty), or empty if the feature is not there
     */
    public Optional<String> parameters(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (String l : lines) {
            int sp = l.indexOf(' ');
            String head = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
            if (head.equals(n)) {
                return Optional.of(sp < 0 ? "" : l.substring(sp + 1).strip());
            }
        }
        return Optional.empty();
    }
}
