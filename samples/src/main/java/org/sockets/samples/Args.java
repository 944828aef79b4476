package org.sockets.samples;

import java.util.HashMap;
import java.util.Map;

/** The samples' tiny option parser: {@code --name value} pairs, each with a default. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, String usage) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + args[i] + "'; usage: " + usage);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, not '" + v + "'", e);
        }
    }
}
