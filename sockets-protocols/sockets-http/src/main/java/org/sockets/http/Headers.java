package org.sockets.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sockets.protocol.HeaderField;

/**
 * An immutable, ordered list of header fields with case-insensitive lookup: a request's headers,
 * a response's headers or its trailers. Names keep the case they were given in.
 *
 * <p>Fields added here are checked at once (RFC 9110 §5): a name is a token (no SP, no control
 * character, no separator), a value holds no CR, LF, NUL or other control character but HTAB.
 * A bad field is an {@link IllegalArgumentException} naming it, so nothing is ever sent
 * (CVE-2019-9740, CVE-2019-9947).
 *
 * {@snippet :
 * Headers h = Headers.of()
 *         .with("Accept", "application/json")
 *         .with("X-Trace", "a b\tc");        // SP and HTAB are fine in values
 * String accept = h.first("accept").orElseThrow();
 * }
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(List.of());

    private final List<HeaderField> fields;

    private Headers(List<HeaderField> fields) {
        this.fields = fields;
    }

    /**
     * No fields.
     *
     * @return the empty headers
     */
    public static Headers of() {
        return EMPTY;
    }

    /**
     * Headers holding {@code fields} in order, each checked.
     *
     * @param fields the fields
     * @return the headers
     * @throws IllegalArgumentException if a name or value is not allowed
     */
    public static Headers of(List<HeaderField> fields) {
        List<HeaderField> copy = new ArrayList<>(fields.size());
        for (HeaderField f : fields) {
            Wire.checkHeader(f.name(), f.value());
            copy.add(f);
        }
        return new Headers(Collections.unmodifiableList(copy));
    }

    /** Headers as the response parser read them: already checked by the core's header-block reader. */
    static Headers received(List<HeaderField> fields) {
        return fields.isEmpty() ? EMPTY : new Headers(Collections.unmodifiableList(new ArrayList<>(fields)));
    }

    /**
     * A copy with one more field at the end (a second field of the same name is kept).
     *
     * @param name  a token
     * @param value no CR, LF, NUL or control character but HTAB
     * @return the copy
     * @throws IllegalArgumentException if the name or value is not allowed
     */
    public Headers with(String name, String value) {
        Wire.checkHeader(name, value);
        List<HeaderField> copy = new ArrayList<>(fields.size() + 1);
        copy.addAll(fields);
        copy.add(new HeaderField(name, value));
        return new Headers(Collections.unmodifiableList(copy));
    }

    /**
     * A copy where {@code name} has only this value: earlier fields of that name (any case) are
     * dropped, the new one goes at the end.
     *
     * @param name  a token
     * @param value no CR, LF, NUL or control character but HTAB
     * @return the copy
     * @throws IllegalArgumentException if the name or value is not allowed
     */
    public Headers set(String name, String value) {
        return without(name).with(name, value);
    }

    /**
     * A copy without any field of that name (any case).
     *
     * @param name the field name
     * @return the copy
     */
    public Headers without(String name) {
        Objects.requireNonNull(name, "name");
        List<HeaderField> copy = new ArrayList<>(fields.size());
        for (HeaderField f : fields) {
            if (!f.is(name)) {
                copy.add(f);
            }
        }
        return copy.size() == fields.size() ? this : new Headers(Collections.unmodifiableList(copy));
    }

    /**
     * The first value of a field, the name matched without regard to ASCII case.
     *
     * @param name the field name
     * @return the value, empty if absent
     */
    public Optional<String> first(String name) {
        Objects.requireNonNull(name, "name");
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of a field, in order.
     *
     * @param name the field name
     * @return the values, empty if absent
     */
    public List<String> all(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.is(name)) {
                values.add(f.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * Whether a field of that name is present.
     *
     * @param name the field name
     * @return {@code true} if present
     */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /**
     * The fields in order, as sent or received.
     *
     * @return an unmodifiable list
     */
    public List<HeaderField> fields() {
        return fields;
    }

    /**
     * The number of fields.
     *
     * @return the count
     */
    public int size() {
        return fields.size();
    }

    /**
     * Whether there are no fields.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + fields;
    }
}
