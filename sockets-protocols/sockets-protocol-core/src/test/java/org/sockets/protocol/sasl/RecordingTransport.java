package org.sockets.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.security.sasl.SaslException;

/**
 * A SaslTransport over an in-memory server that keeps a POP3-style transcript (what a protocol's
 * log would show: secret responses as {@code ****}) and the raw responses, and can replace the
 * server's answer to the n-th client message with a failure or a garbage challenge.
 */
final class RecordingTransport implements SaslTransport {

    /** What to do at one step instead of asking the server. */
    enum Fault { NONE, FAIL, GARBAGE }

    private final TestServers.Server server;
    private final boolean initialResponseAllowed;
    private final int faultAt;
    private final Fault fault;
    final List<String> transcript = new ArrayList<>();
    final List<SaslResponse> sent = new ArrayList<>();
    int messages;
    boolean cancelled;

    RecordingTransport(TestServers.Server server, boolean initialResponseAllowed) {
        this(server, initialResponseAllowed, -1, Fault.NONE);
    }

    RecordingTransport(TestServers.Server server, boolean initialResponseAllowed, int faultAt, Fault fault) {
        this.server = server;
        this.initialResponseAllowed = initialResponseAllowed;
        this.faultAt = faultAt;
        this.fault = fault;
    }

    @Override
    public boolean initialResponseAllowed() {
        return initialResponseAllowed;
    }

    @Override
    public SaslReply start(SaslMechanism mechanism, Optional<SaslResponse> initialResponse) throws SaslException {
        if (initialResponse.isPresent() && !initialResponseAllowed) {
            throw new AssertionError("an initial response although the transport does not allow one");
        }
        initialResponse.ifPresent(sent::add);
        transcript.add("C: AUTH " + mechanism.saslName() + initialResponse.map(r -> " " + shown(r)).orElse(""));
        return answer(() -> server.start(initialResponse.map(SaslResponse::bytes)));
    }

    @Override
    public SaslReply respond(SaslResponse response) throws SaslException {
        if (cancelled) {
            throw new AssertionError("a response after the cancel");
        }
        sent.add(response);
        transcript.add("C: " + shown(response));
        return answer(() -> server.next(response.bytes()));
    }

    @Override
    public SaslReply cancel() {
        cancelled = true;
        transcript.add("C: *");
        SaslReply r = SaslReply.failure("-ERR", "Authentication aborted by client.");
        transcript.add("S: -ERR Authentication aborted by client.");
        return r;
    }

    private interface Step {
        SaslReply get() throws SaslException;
    }

    private SaslReply answer(Step step) throws SaslException {
        int n = messages++;
        SaslReply reply;
        if (n == faultAt && fault == Fault.FAIL) {
            reply = SaslReply.failure("-ERR", "[AUTH] refused at step " + n);
        } else if (n == faultAt && fault == Fault.GARBAGE) {
            step.get(); // the server moves on; only what the client sees is replaced
            reply = SaslReply.challenge(new byte[] {'r', '=', (byte) 0xff, ',', 0, '\n'});
        } else {
            reply = step.get();
        }
        transcript.add(switch (reply) {
            case SaslReply.Challenge c -> "S: + " + Base64.getEncoder().encodeToString(c.data());
            case SaslReply.Success s -> "S: +OK Logged in.";
            case SaslReply.Failure f -> "S: " + f.code() + " " + f.text();
        });
        return reply;
    }

    private static String shown(SaslResponse r) {
        return r.secret() ? "****" : r.length() == 0 ? "=" : Base64.getEncoder().encodeToString(r.bytes());
    }

    String transcriptText() {
        return String.join("\n", transcript);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
