package org.sockets.protocol;

import java.util.Objects;

/**
 * One header field: its name as the server wrote it and its value without surrounding white space.
 *
 * @param name  the field name (an RFC 9110 token)
 * @param value the value, possibly empty
 */
public record HeaderField(String name, String value) {

    /** Checks the parts. */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Whether this field has the name, ignoring ASCII case.
     *
     * @param other a field name
     * @return {@code true} if the names match
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
