package org.sockets.api;

import java.net.SocketOption;
import java.util.Objects;

/**
 * A socket option this library defines where the JDK has none; used like the JDK's own
 * {@link java.net.StandardSocketOptions}. See {@link Options} for the full list.
 *
 * @param name the option's name, as the C constant ({@code "SO_PEERCRED"})
 * @param type the type of its value
 * @param <T>  the type of its value
 */
public record Option<T>(String name, Class<T> type) implements SocketOption<T> {

    /** Checks the parts. */
    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name;
    }
}
