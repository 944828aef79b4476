package org.sockets.ftp;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One entry of a directory listing: a line of an MLSD reply, of an MLST reply or of a LIST reply,
 * parsed by a {@link ListingFormat}.
 *
 * <p>What a server says varies with the command and the server, so everything but the name, the
 * kind and the raw line is optional. The facts map holds the MLSx facts under lower-cased names
 * ({@code type}, {@code size}, {@code modify}, {@code perm}, {@code unique}, {@code unix.mode} …)
 * with the values as sent; for a Unix LIST line it holds {@code unix.mode} (four octal digits, set-id
 * and sticky bits included), {@code unix.owner} and {@code unix.group} as the line gave them, so
 * owner and permissions are found in one place whichever command listed them.
 *
 * {@snippet :
 * for (String line : lines) {
 *     ListingFormat.mlsx().parse(line)
 *             .filter(e -> !e.isCurrentOrParent())
 *             .ifPresent(e -> System.out.println(e.name() + " " + e.size()));
 * }
 * }
 *
 * <p>The name is as the server sent it: it may contain {@code /}, {@code ..} or control
 * characters, and must be checked before it is used as a local path.
 *
 * @param name       the name as listed (for MLST, usually a path); never empty
 * @param kind       file, directory, symbolic link or other
 * @param size       the size in bytes, when the listing gave one (never negative)
 * @param modified   the modification time, when the listing gave one that parsed
 * @param linkTarget the target of a symbolic link, when the listing gave one
 * @param facts      the facts, keys lower-cased; unmodifiable, iterated in key order
 * @param rawLine    the line the entry was parsed from
 */
public record FtpEntry(String name, Kind kind, OptionalLong size, Optional<FtpTimestamp> modified,
        Optional<String> linkTarget, Map<String, String> facts, String rawLine) {

    /** What a listing entry is. */
    public enum Kind {
        /** A regular file. */
        FILE,
        /** A directory (for MLSx also the listed one, {@code type=cdir}, and its parent, {@code type=pdir}). */
        DIRECTORY,
        /** A symbolic link; {@link FtpEntry#linkTarget()} holds its target when the listing gave it. */
        SYMBOLIC_LINK,
        /** Anything else (device, pipe, socket, a type the parser does not know, or no type given). */
        OTHER
    }

    /** Checks the parts and copies the facts, lower-casing their names. */
    public FtpEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(linkTarget, "linkTarget");
        Objects.requireNonNull(rawLine, "rawLine");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an entry's name is not empty (raw line: " + rawLine + ")");
        }
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("a size is not negative: " + size.getAsLong());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            String key = fact.getKey().toLowerCase(Locale.ROOT);
            if (copy.putIfAbsent(key, Objects.requireNonNull(fact.getValue(), key)) != null) {
                throw new IllegalArgumentException("fact named twice, ignoring case: " + key);
            }
        }
        facts = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The value of one fact, the name matched ignoring case.
     *
     * @param factName a fact's name, such as {@code "unix.mode"} or {@code "Perm"}
     * @return its value as sent, or empty when the entry does not have it
     */
    public Optional<String> fact(String factName) {
        return Optional.ofNullable(facts.get(factName.toLowerCase(Locale.ROOT)));
    }

    /**
     * Whether this entry stands for the listed directory itself or its parent: MLSx
     * {@code type=cdir} / {@code type=pdir}, or a LIST entry named {@code .} or {@code ..}.
     * Callers that want only the directory's contents skip these.
     *
     * @return true for the listed directory and its parent
     */
    public boolean isCurrentOrParent() {
        String type = facts.getOrDefault("type", "");
        return type.equalsIgnoreCase("cdir") || type.equalsIgnoreCase("pdir")
                || name.equals(".") || name.equals("..");
    }
}
