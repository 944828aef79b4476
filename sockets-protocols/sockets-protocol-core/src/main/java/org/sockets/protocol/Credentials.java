package org.sockets.protocol;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A user name and a way to get the password when it is needed, so no {@code String} holding it is
 * kept around: the supplier's array is read once per use and zeroed. {@code toString()} never
 * shows the password.
 *
 * {@snippet :
 * Credentials c = Credentials.of("alice", () -> System.console().readPassword("password: "));
 * }
 *
 * <p>With credentials set, a client upgrades to TLS before sending them and fails if it cannot
 * (see {@link TlsMode}); anonymous FTP is not credentials.
 *
 * @param user     the user name; no CR, LF or NUL
 * @param password gives a fresh array holding the password each time it is called; the client
 *                 zeroes the array after use
 */
public record Credentials(String user, Supplier<char[]> password) {

    /** Checks the parts. */
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Command.checkText("user name", user);
    }

    /**
     * Credentials from a user name and a password supplier.
     *
     * @param user     the user name
     * @param password gives a fresh array each call
     * @return the credentials
     */
    public static Credentials of(String user, Supplier<char[]> password) {
        return new Credentials(user, password);
    }

    /** The user name, the password masked. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
