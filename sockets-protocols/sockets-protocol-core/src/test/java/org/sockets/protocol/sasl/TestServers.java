package org.sockets.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * In-memory SASL servers for the exchange tests: the JDK's own SaslServer where it has one
 * (CRAM-MD5, DIGEST-MD5), and small servers written from the RFCs for the rest. Independent of
 * the client code: SCRAM here derives keys with the JDK's PBKDF2, not the client's Hi().
 */
final class TestServers {

    static final String USER = "alice";
    static final String PASSWORD = "pencil-Secret-42";
    static final String TOKEN = "ya29.tokenSecretValue-123";

    private TestServers() {
    }

    /**
     * Opens what the JDK keeps open for the whole process once it has been used: SecureRandom's
     * /dev/random and /dev/urandom, the SASL providers. Test classes call it in {@code @BeforeAll},
     * so NoDescriptorLeaks does not count them against the first test.
     */
    static void warmUp() throws SaslException {
        new java.security.SecureRandom().nextBytes(new byte[8]);
        SaslAuthenticator.of(SaslCredentials.password("u", "p"::toCharArray)).start(SaslMechanism.PLAIN, "pop", "localhost").close();
        new JdkServer(SaslMechanism.DIGEST_MD5, "x").start(Optional.empty());
    }

    /** One server side: answers the start (with the initial response, if any) and each response. */
    interface Server {
        SaslReply start(Optional<byte[]> initialResponse) throws SaslException;

        SaslReply next(byte[] response) throws SaslException;
    }

    static Server forMechanism(SaslMechanism m, String password) {
        return switch (m) {
            case CRAM_MD5, DIGEST_MD5 -> new JdkServer(m, password);
            case PLAIN -> new OneShot(m, ("\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8));
            case EXTERNAL -> new OneShot(m, new byte[0]);
            case XOAUTH2 -> new OAuth(m, ("user=" + USER + "\u0001auth=Bearer " + password + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
            case OAUTHBEARER -> new OAuth(m, ("n,a=" + USER + ",\u0001host=localhost\u0001auth=Bearer " + password + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
            case LOGIN -> new Login(password);
            case SCRAM_SHA_1, SCRAM_SHA_256 -> new Scram(m, password, 4096);
            default -> throw new IllegalArgumentException(m.toString());
        };
    }

    /** The JDK's SaslServer, with the user's password. */
    static final class JdkServer implements Server {
        private final SaslServer server;
        private boolean done;

        JdkServer(SaslMechanism m, String password) {
            try {
                server = Sasl.createSaslServer(m.saslName(), "pop", "localhost", Map.of(), callbacks -> {
                    for (Callback c : callbacks) {
                        switch (c) {
                            case NameCallback n -> n.setName(n.getDefaultName());
                            case PasswordCallback p -> p.setPassword(password.toCharArray());
                            case RealmCallback r -> r.setText(r.getDefaultText());
                            case AuthorizeCallback a -> a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID())
                                    && a.getAuthenticationID().equals(USER));
                            default -> throw new javax.security.auth.callback.UnsupportedCallbackException(c);
                        }
                    }
                });
            } catch (SaslException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public SaslReply start(Optional<byte[]> ir) {
            return step(ir.orElse(new byte[0]));
        }

        @Override
        public SaslReply next(byte[] response) {
            return step(response);
        }

        private SaslReply step(byte[] response) {
            if (done) {
                return response.length == 0 ? SaslReply.success() : SaslReply.failure("-ERR", "expected an empty response");
            }
            try {
                byte[] challenge = server.evaluateResponse(response);
                if (server.isComplete()) {
                    done = true;
                    // DIGEST-MD5's rspauth comes as a last challenge the client must take.
                    return challenge == null || challenge.length == 0 ? SaslReply.success() : SaslReply.challenge(challenge);
                }
                return SaslReply.challenge(challenge);
            } catch (SaslException e) {
                return SaslReply.failure("-ERR", e.getMessage());
            }
        }
    }

    /** A one-message mechanism (PLAIN, EXTERNAL): the expected client message or failure. */
    static final class OneShot implements Server {
        private final SaslMechanism m;
        private final byte[] expected;

        OneShot(SaslMechanism m, byte[] expected) {
            this.m = m;
            this.expected = expected;
        }

        @Override
        public SaslReply start(Optional<byte[]> ir) {
            return ir.map(this::next).orElse(SaslReply.challenge(new byte[0]));
        }

        @Override
        public SaslReply next(byte[] response) {
            return Arrays.equals(response, expected) ? SaslReply.success() : SaslReply.failure("-ERR", "[AUTH] " + m + " failed");
        }
    }

    /** XOAUTH2 / OAUTHBEARER as dovecot does it: a wrong token gets a JSON challenge, then failure. */
    static final class OAuth implements Server {
        private final SaslMechanism m;
        private final byte[] expected;
        private boolean errorSent;

        OAuth(SaslMechanism m, byte[] expected) {
            this.m = m;
            this.expected = expected;
        }

        @Override
        public SaslReply start(Optional<byte[]> ir) {
            return ir.map(this::next).orElse(SaslReply.challenge(new byte[0]));
        }

        @Override
        public SaslReply next(byte[] response) {
            if (errorSent) {
                byte[] dummy = m == SaslMechanism.OAUTHBEARER ? new byte[] {1} : new byte[0];
                return SaslReply.failure("-ERR", Arrays.equals(response, dummy) ? "[AUTH] Authentication failed." : "bad dummy response");
            }
            if (Arrays.equals(response, expected)) {
                return SaslReply.success();
            }
            errorSent = true;
            return SaslReply.challenge("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** LOGIN: two prompts. */
    static final class Login implements Server {
        private final String password;
        private int step;

        Login(String password) {
            this.password = password;
        }

        @Override
        public SaslReply start(Optional<byte[]> ir) {
            if (ir.isPresent()) {
                return SaslReply.failure("-ERR", "LOGIN takes no initial response here");
            }
            return SaslReply.challenge("Username:".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public SaslReply next(byte[] response) {
            step++;
            if (step == 1) {
                return new String(response, StandardCharsets.UTF_8).equals(USER)
                        ? SaslReply.challenge("Password:".getBytes(StandardCharsets.US_ASCII)) : SaslReply.failure("-ERR", "no such user");
            }
            return new String(response, StandardCharsets.UTF_8).equals(password) ? SaslReply.success() : SaslReply.failure("-ERR", "[AUTH] wrong password");
        }
    }

    /** A SCRAM server (RFC 5802 section 5) on the JDK's PBKDF2; {@code forge} makes it send a wrong v=. */
    static final class Scram implements Server {
        private final String hmac;
        private final String pbkdf2;
        private final String digest;
        private final String password;
        private final int iterations;
        private final byte[] salt = "NaCl-salt-1234".getBytes(StandardCharsets.US_ASCII);
        boolean forge;
        boolean skipFinal;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private boolean finalSent;

        Scram(SaslMechanism m, String password, int iterations) {
            boolean sha1 = m == SaslMechanism.SCRAM_SHA_1;
            hmac = sha1 ? "HmacSHA1" : "HmacSHA256";
            pbkdf2 = sha1 ? "PBKDF2WithHmacSHA1" : "PBKDF2WithHmacSHA256";
            digest = sha1 ? "SHA-1" : "SHA-256";
            this.password = password;
            this.iterations = iterations;
        }

        @Override
        public SaslReply start(Optional<byte[]> ir) {
            return ir.map(this::next).orElse(SaslReply.challenge(new byte[0]));
        }

        @Override
        public SaslReply next(byte[] response) {
            String msg = new String(response, StandardCharsets.UTF_8);
            try {
                if (clientFirstBare == null) {
                    if (!msg.startsWith("n,,n=" + USER + ",r=")) {
                        return SaslReply.failure("-ERR", "bad client-first " + msg);
                    }
                    clientFirstBare = msg.substring(3);
                    nonce = clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2) + "srvNonce42";
                    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
                    return SaslReply.challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
                }
                if (finalSent) {
                    return msg.isEmpty() ? SaslReply.success() : SaslReply.failure("-ERR", "expected an empty response");
                }
                String withoutProof = msg.substring(0, msg.lastIndexOf(",p="));
                if (!withoutProof.equals("c=biws,r=" + nonce)) {
                    return SaslReply.failure("-ERR", "bad client-final " + msg);
                }
                byte[] proof = Base64.getDecoder().decode(msg.substring(msg.lastIndexOf(",p=") + 3));
                byte[] salted = SecretKeyFactory.getInstance(pbkdf2)
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, digest.equals("SHA-1") ? 160 : 256)).getEncoded();
                byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
                byte[] clientKey = mac(salted, "Client Key");
                byte[] signature = mac(MessageDigest.getInstance(digest).digest(clientKey), authMessage);
                byte[] recovered = new byte[proof.length];
                for (int i = 0; i < proof.length; i++) {
                    recovered[i] = (byte) (proof[i] ^ signature[i]);
                }
                if (!Arrays.equals(MessageDigest.getInstance(digest).digest(recovered), MessageDigest.getInstance(digest).digest(clientKey))) {
                    return SaslReply.failure("-ERR", "[AUTH] Authentication failed.");
                }
                byte[] serverSig = mac(mac(salted, "Server Key"), authMessage);
                if (forge) {
                    serverSig[0] ^= 1;
                }
                finalSent = true;
                if (skipFinal) {
                    return SaslReply.success();
                }
                return SaslReply.challenge(("v=" + Base64.getEncoder().encodeToString(serverSig)).getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        private byte[] mac(byte[] key, String data) throws GeneralSecurityException {
            return mac(key, data.getBytes(StandardCharsets.UTF_8));
        }

        private byte[] mac(byte[] key, byte[] data) throws GeneralSecurityException {
            Mac m = Mac.getInstance(hmac);
            m.init(new SecretKeySpec(key, hmac));
            return m.doFinal(data);
        }
    }

}
