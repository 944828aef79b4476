package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of {@code bin/sample fetch} and what it printed: the hook for each protocol
 * issue's fetch test against its real server (issue #15 must show 3), e.g.
 *
 * {@snippet :
 * FetchRun r = FetchRun.of(Map.of("SOCKETS_PASSWORD", password),
 *         "pop3://alice@127.0.0.1:" + dovecot.port() + "/1", "--cacert", ca.toString(), "--verbose");
 * assertEquals(0, r.status(), r.err());
 * r.assertNeverShows(password);
 * }
 *
 * @param status the exit status
 * @param out    what went to stdout (the body, without {@code -o})
 * @param err    what went to stderr (errors, the {@code --verbose} dialogue)
 */
record FetchRun(int status, String out, String err) {

    /**
     * Runs fetch with these arguments and environment.
     *
     * @param env  the environment ({@code SOCKETS_PASSWORD})
     * @param args the arguments after {@code fetch}
     * @return the run
     */
    static FetchRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Fetch.run(List.of(args), env, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new FetchRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The one error line, {@code "fetch: TYPE: message"}. */
    String errorLine() {
        List<String> lines = err.lines().filter(l -> l.startsWith("fetch: ")).toList();
        assertEquals(1, lines.size(), "one error line: " + err);
        return lines.getFirst();
    }

    /** Asserts that neither stdout nor stderr shows the password, its base64 or an AUTH PLAIN form of it. */
    void assertNeverShows(String password) {
        String all = out + err;
        String b64 = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        List<String> forms = new java.util.ArrayList<>(List.of(password, b64));
        for (String user : List.of("alice", "bob")) {
            forms.add(Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (String form : forms) {
            assertFalse(all.contains(form), "the password (or a base64 form) was printed: " + all);
        }
    }
}
