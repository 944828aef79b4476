package org.sockets.pop3;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** What the JDK opens once per process, opened before a test class's first descriptor count. */
final class Once {

    private Once() {
    }

    /** /dev/random and /dev/urandom, which the first SCRAM nonce or TLS handshake would open. */
    static void jdk() throws NoSuchAlgorithmException {
        SecureRandom.getInstance("NativePRNG").nextBytes(new byte[8]);
        new SecureRandom().nextBytes(new byte[8]);
    }
}
