package org.sockets.protocol;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One command line, checked when it is made: a verb and arguments joined by single spaces, sent
 * with CRLF by {@link ProtocolConnection#send(Command)}, the only way a client writes a command.
 * CR, LF or NUL in the verb or any argument is refused with {@link IllegalArgumentException}, so
 * no argument can end the command early and smuggle another (CVE-2019-9740, CVE-2019-9947,
 * CVE-2020-26116, bpo-30119, bpo-43124, CVE-2025-15366, CVE-2025-15367).
 *
 * {@snippet :
 * connection.send(Command.of("RETR", "3"));
 * connection.send(Command.of("RETR", "name\r\nDELE 1"));   // IllegalArgumentException, nothing sent
 * }
 *
 * <p>Text is sent as UTF-8 unless {@link #encodedIn(Charset)} chose another charset. Instances
 * are immutable.
 */
public final class Command {

    private static final Command NONE = new Command("", List.of(), StandardCharsets.UTF_8);

    private final String verb;
    private final List<String> args;
    private final Charset charset;

    private Command(String verb, List<String> args, Charset charset) {
        this.verb = verb;
        this.args = args;
        this.charset = charset;
    }

    /**
     * A command: the verb, then each argument after one space.
     *
     * @param verb the command word(s), e.g. {@code "RETR"} or an IMAP tag and verb {@code "a1 SELECT"};
     *             not empty
     * @param args the arguments; each may contain spaces (an FTP path) but no CR, LF or NUL
     * @return the command
     * @throws IllegalArgumentException if the verb is empty, or it or an argument holds CR, LF or NUL
     */
    public static Command of(String verb, String... args) {
        Objects.requireNonNull(verb, "verb");
        if (verb.isEmpty()) {
            throw new IllegalArgumentException("a command needs a verb, not an empty string");
        }
        checkText("verb", verb);
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            checkText("argument " + (i + 1) + " of " + verb, list.get(i));
        }
        return new Command(verb, list, StandardCharsets.UTF_8);
    }

    /**
     * A whole line as given (an HTTP request line or header field line), checked like a command.
     *
     * @param text the line without its CRLF; not empty
     * @return the command
     * @throws IllegalArgumentException if the text is empty or holds CR, LF or NUL
     */
    public static Command line(String text) {
        return of(text);
    }

    /**
     * The empty prefix of a line that is all secret: a SASL response line
     * ({@link ProtocolConnection#sendCredential(Command, Secret)}).
     *
     * @return the empty command, usable only as a credential prefix
     */
    public static Command none() {
        return NONE;
    }

    /**
     * Refuses text holding CR, LF or NUL, naming the character, where it is and the text.
     *
     * @param what what the text is, for the message
     * @param text the text
     * @throws IllegalArgumentException if the text holds CR, LF or NUL
     */
    static void checkText(String what, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(what + " holds " + name(c) + " at index " + i
                        + ", which would end the command early: \"" + Printable.escape(text.toString()) + "\"");
            }
        }
    }

    static String name(int c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            default -> "NUL";
        };
    }

    /**
     * This command encoded in another charset: an FTP server without {@code UTF8} in its
     * {@code FEAT} (RFC 2640) that expects ISO-8859-1 paths. Text the charset cannot encode is
     * refused rather than replaced, so no other name is sent than the one meant.
     *
     * @param encoding the charset of the wire, e.g. {@link StandardCharsets#ISO_8859_1}
     * @return the command in that charset
     * @throws IllegalArgumentException if a character of the command has no encoding in it
     */
    public Command encodedIn(Charset encoding) {
        Objects.requireNonNull(encoding, "encoding");
        if (isNone()) {
            throw new IllegalArgumentException("Command.none() has no text to encode");
        }
        CharsetEncoder enc = encoding.newEncoder();
        String text = toString();
        if (!enc.canEncode(text)) {
            throw new IllegalArgumentException("the command cannot be written in " + encoding + ": \"" + Printable.escape(text) + "\"");
        }
        return new Command(verb, args, encoding);
    }

    /**
     * The charset the command is written in.
     *
     * @return UTF-8 unless {@link #encodedIn(Charset)} chose another
     */
    public Charset charset() {
        return charset;
    }

    boolean isNone() {
        return verb.isEmpty();
    }

    /** The line without CRLF, in the command's charset (UTF-8 unless chosen). */
    byte[] bytes() {
        return toString().getBytes(charset);
    }

    /**
     * The verb.
     *
     * @return the verb, or empty for {@link #none()}
     */
    public String verb() {
        return verb;
    }

    /**
     * The arguments.
     *
     * @return the arguments, unmodifiable
     */
    public List<String> args() {
        return args;
    }

    /** The command line without its CRLF. */
    @Override
    public String toString() {
        if (args.isEmpty()) {
            return verb;
        }
        return verb + " " + String.join(" ", args);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.verb.equals(verb) && c.args.equals(args) && c.charset.equals(charset);
    }

    @Override
    public int hashCode() {
        return verb.hashCode() * 31 + args.hashCode();
    }
}
