package org.sockets.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test inputs: connections over scripted bytes, and every way to split them. */
final class Inputs {

    private Inputs() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ClientOptions options() {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5));
    }

    static ProtocolConnection connection(MemoryEndpoint e) {
        return ProtocolConnection.over("test", "memory", e, options());
    }

    static ProtocolConnection connection(MemoryEndpoint e, ClientOptions o) {
        return ProtocolConnection.over("test", "memory", e, o);
    }

    static ProtocolConnection connection(String whole) {
        return connection(MemoryEndpoint.of(ascii(whole)));
    }

    /**
     * The input whole, split in two at every byte, and one byte per read: every way a reader
     * can meet the bytes that matters.
     */
    static List<List<byte[]>> splits(byte[] input) {
        List<List<byte[]>> all = new ArrayList<>();
        all.add(List.of(input));
        for (int i = 1; i < input.length; i++) {
            all.add(List.of(Arrays.copyOfRange(input, 0, i), Arrays.copyOfRange(input, i, input.length)));
        }
        List<byte[]> ones = new ArrayList<>();
        for (byte b : input) {
            ones.add(new byte[] {b});
        }
        all.add(ones);
        return all;
    }

    /** A description of a split for assertion messages. */
    static String describe(List<byte[]> chunks) {
        StringBuilder b = new StringBuilder();
        for (byte[] c : chunks) {
            b.append(c.length).append(' ');
        }
        return "chunks of " + b.toString().trim();
    }
}
