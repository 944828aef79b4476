package org.sockets.protocol;

/**
 * Receives the dialogue line by line, as it is logged at DEBUG: commands with secrets masked
 * ({@code "PASS ****"}), replies and status lines; body data is summarised, not copied.
 * Called on the thread doing the I/O; it must be quick and must not throw.
 *
 * {@snippet :
 * List<String> lines = new CopyOnWriteArrayList<>();
 * ClientOptions o = ClientOptions.defaults().withTranscript((dir, line) -> lines.add(dir + " " + line));
 * }
 */
@FunctionalInterface
public interface TranscriptListener {

    /**
     * One line of the dialogue, without its line end.
     *
     * @param direction who sent it
     * @param line      the text, control characters escaped, secrets masked
     */
    void line(Direction direction, String line);

    /**
     * A listener that drops everything (the default).
     *
     * @return the no-op listener
     */
    static TranscriptListener none() {
        return (direction, line) -> { };
    }
}
