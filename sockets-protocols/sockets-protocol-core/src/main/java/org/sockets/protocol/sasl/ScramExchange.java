package org.sockets.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677) on {@code javax.crypto}, without channel
 * binding: the gs2 header is {@code n} ("client does not support channel binding"), so a
 * man-in-the-middle who terminates TLS is not detected by SCRAM itself; the TLS layer's
 * certificate check is what guards against one. The server's signature ({@code v=}) is verified:
 * a server that cannot prove it knows the password fails the login, even if it then says OK.
 */
final class ScramExchange implements SaslExchange {

    /** The iteration count a server may ask for: RFC 7677 asks at least 4096; more than this is a denial of service. */
    static final int MAX_ITERATIONS = 1 << 20;
    private static final int MIN_ITERATIONS = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { NEW, FIRST_SENT, FINAL_SENT, VERIFIED, FAILED }

    private final SaslMechanism mechanism;
    private final String hmac;
    private final String digest;
    private final SaslCredentials credentials;
    private final String clientNonce;
    private State state = State.NEW;
    private String gs2Header;
    private String clientFirstBare;
    private byte[] serverSignature;
    private String error;

    ScramExchange(SaslMechanism mechanism, SaslCredentials credentials) {
        this(mechanism, credentials, newNonce());
    }

    /** With a given client nonce: for the RFC test vectors. */
    ScramExchange(SaslMechanism mechanism, SaslCredentials credentials, String clientNonce) {
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.clientNonce = clientNonce;
        switch (mechanism) {
            case SCRAM_SHA_1 -> {
                hmac = "HmacSHA1";
                digest = "SHA-1";
            }
            case SCRAM_SHA_256 -> {
                hmac = "HmacSHA256";
                digest = "SHA-256";
            }
            default -> throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        }
    }

    private static String newNonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        // base64 is printable and holds no ',' (RFC 5802 'printable').
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    public Optional<SaslResponse> initialResponse() throws SaslException {
        if (state != State.NEW) {
            throw new IllegalStateException(mechanism + ": the initial response is asked for twice");
        }
        String user = SaslPrep.prepare(credentials.requireUser(), "user name");
        gs2Header = "n," + credentials.authorizationId().map(a -> "a=" + saslName(a)).orElse("") + ",";
        clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
        state = State.FIRST_SENT;
        return Optional.of(SaslResponse.of((gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8), false));
    }

    @Override
    public SaslResponse respond(byte[] challenge) throws SaslException {
        return switch (state) {
            case NEW -> throw new IllegalStateException(mechanism + ": a challenge before the initial response was computed");
            case FIRST_SENT -> clientFinal(challenge);
            case FINAL_SENT -> {
                verify(challenge);
                yield SaslResponse.empty();
            }
            case VERIFIED, FAILED -> throw fail(new SaslException(mechanism + ": a challenge after the exchange ended: \""
                    + LoginExchange.printable(challenge) + "\""));
        };
    }

    private SaslResponse clientFinal(byte[] challenge) throws SaslException {
        String serverFirst = text(challenge, "server-first-message");
        Map<Character, String> attrs = attributes(serverFirst, "server-first-message");
        if (attrs.containsKey('m')) {
            throw fail(new SaslException(mechanism + ": the server requires an extension (m=) this client does not know"));
        }
        String nonce = require(attrs, 'r', serverFirst);
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw fail(new SaslException(mechanism + ": the server's nonce does not extend ours: " + nonce));
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(require(attrs, 's', serverFirst));
        } catch (IllegalArgumentException e) {
            throw fail(new SaslException(mechanism + ": the salt is not base64: " + attrs.get('s')));
        }
        if (salt.length == 0) {
            throw fail(new SaslException(mechanism + ": the server sent an empty salt"));
        }
        int iterations;
        try {
            iterations = Integer.parseInt(require(attrs, 'i', serverFirst));
        } catch (NumberFormatException e) {
            throw fail(new SaslException(mechanism + ": the iteration count is not a number: " + attrs.get('i')));
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw fail(new SaslException(mechanism + ": iteration count " + iterations + " outside 1.." + MAX_ITERATIONS));
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        char[] password = credentials.secret();
        byte[] salted = null;
        byte[] clientKey = null;
        byte[] storedKey = null;
        byte[] serverKey = null;
        byte[] proof = null;
        byte[] message = null;
        try {
            byte[] pw = SaslPrep.prepare(password, "password");
            try {
                salted = hi(pw, salt, iterations);
            } finally {
                Arrays.fill(pw, (byte) 0);
            }
            clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            storedKey = MessageDigest.getInstance(digest).digest(clientKey);
            proof = hmac(storedKey, authMessage);
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            serverSignature = hmac(serverKey, authMessage);
            message = (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
            state = State.FINAL_SENT;
            // The proof lets anyone who saw it guess the password offline: a secret.
            return SaslResponse.of(message, true);
        } catch (GeneralSecurityException e) {
            throw fail(new SaslException(mechanism + ": " + hmac + " or " + digest + " unavailable", e));
        } finally {
            Arrays.fill(password, '\0');
            for (byte[] b : new byte[][] {salted, clientKey, storedKey, serverKey, proof, message}) {
                if (b != null) {
                    Arrays.fill(b, (byte) 0);
                }
            }
        }
    }

    private void verify(byte[] serverFinal) throws SaslException {
        String text = text(serverFinal, "server-final-message");
        Map<Character, String> attrs = attributes(text, "server-final-message");
        if (attrs.containsKey('e')) {
            error = "e=" + attrs.get('e');
            throw fail(new AuthenticationException(mechanism + ": the server reports an error: " + error));
        }
        byte[] v;
        try {
            v = Base64.getDecoder().decode(require(attrs, 'v', text));
        } catch (IllegalArgumentException e) {
            throw fail(new SaslException(mechanism + ": the server signature is not base64: " + attrs.get('v')));
        }
        if (!MessageDigest.isEqual(v, serverSignature)) {
            throw fail(new AuthenticationException(mechanism
                    + ": the server's signature does not verify: it does not know the password (or the exchange was tampered with)"));
        }
        state = State.VERIFIED;
    }

    @Override
    public void complete(Optional<byte[]> additionalData) throws SaslException {
        if (state == State.FINAL_SENT && additionalData.isPresent()) {
            verify(additionalData.get());
        }
        if (state != State.VERIFIED) {
            throw fail(new AuthenticationException(mechanism + ": the server reported success without proving it knows the password"
                    + " (no valid server signature)"));
        }
    }

    @Override
    public Optional<String> serverError() {
        return Optional.ofNullable(error);
    }

    @Override
    public void close() {
        if (serverSignature != null) {
            Arrays.fill(serverSignature, (byte) 0);
        }
    }

    private <E extends SaslException> E fail(E e) {
        state = State.FAILED;
        return e;
    }

    private String text(byte[] b, String what) throws SaslException {
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0 || s.isEmpty()) {
            throw fail(new SaslException(mechanism + ": the " + what + " is empty or not UTF-8: \"" + LoginExchange.printable(b) + "\""));
        }
        return s;
    }

    private Map<Character, String> attributes(String message, String what) throws SaslException {
        Map<Character, String> attrs = new LinkedHashMap<>();
        for (String part : message.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=' || !Character.isLetter(part.charAt(0))) {
                throw fail(new SaslException(mechanism + ": malformed " + what + ": \"" + LoginExchange.printable(message.getBytes(StandardCharsets.UTF_8)) + "\""));
            }
            attrs.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return attrs;
    }

    private String require(Map<Character, String> attrs, char key, String message) throws SaslException {
        String v = attrs.get(key);
        if (v == null || v.isEmpty()) {
            throw fail(new SaslException(mechanism + ": " + key + "= missing from \"" + message + "\""));
        }
        return v;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data);
    }

    /** RFC 5802 Hi(): PBKDF2 with one block, written out so the password bytes are exactly SASLprep's UTF-8. */
    private byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        // An empty password is legal SASL but not a legal HMAC key spec; RFC 2104 pads keys with zeros, so one zero byte is the same key.
        mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hmac));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    /** RFC 5802 saslname: ',' and '=' escaped. */
    static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }
}
