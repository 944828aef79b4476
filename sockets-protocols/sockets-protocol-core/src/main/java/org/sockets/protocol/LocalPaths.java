package org.sockets.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns a name the server supplied into a local path, confined under a folder the caller gave:
 * the only way a client makes a local path from server data (a recursive FTP download, an HTTP
 * file name).
 *
 * {@snippet :
 * Path target = LocalPaths.confine(Path.of("downloads"), nameFromListing); // "a/b.txt" → downloads/a/b.txt
 * }
 */
public final class LocalPaths {

    private LocalPaths() {
    }

    /**
     * The path of {@code name} under {@code folder}. Refused: an empty name, NUL or a control
     * character, a backslash, an absolute path or drive letter, any {@code ..} component (even
     * {@code a/../b}), and a name whose existing part leads out of {@code folder} through a
     * symbolic link. The file itself is not created. A link made after this check can still
     * escape: create the file with {@link LinkOption#NOFOLLOW_LINKS} semantics where it matters.
     *
     * @param folder the folder to stay in; must exist
     * @param name   the name as the server sent it, {@code /} separating folders
     * @return the confined path, normalised
     * @throws PathEscapeException if the name is refused
     * @throws IOException if the folder does not exist or cannot be resolved
     */
    public static Path confine(Path folder, String name) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw refuse(name, "it is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refuse(name, (c == 0 ? "NUL" : "a control character") + " at index " + i);
            }
            if (c == '\\') {
                throw refuse(name, "a backslash at index " + i);
            }
        }
        if (name.startsWith("/") || (name.length() >= 2 && name.charAt(1) == ':')) {
            throw refuse(name, "it is absolute");
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                throw refuse(name, "it has a \"..\" component");
            }
        }
        Path root = folder.toRealPath();
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refuse(name, "it does not name anything under " + folder);
        }
        // Follow what exists of the path: a symbolic link on the way must stay under the folder.
        Path walked = root;
        for (Path part : root.relativize(target)) {
            walked = walked.resolve(part);
            if (!Files.exists(walked, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            Path real;
            try {
                real = walked.toRealPath();
            } catch (IOException dangling) {
                throw refuse(name, "it passes through " + walked + ", a symbolic link that leads nowhere");
            }
            if (!real.startsWith(root)) {
                throw refuse(name, "it leads out of " + folder + " through the symbolic link " + walked);
            }
        }
        return target;
    }

    private static PathEscapeException refuse(String name, String why) {
        return new PathEscapeException("refused the server-supplied name \"" + Printable.escape(name) + "\": " + why);
    }
}
