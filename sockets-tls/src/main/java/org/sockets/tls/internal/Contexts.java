package org.sockets.tls.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.sockets.tls.TlsOptions;
import org.sockets.tls.TlsVerificationException;
import org.sockets.tls.TlsVerificationException.Reason;

/** Which SSLContext options mean, and what a failed certificate check was. */
final class Contexts {

    private record Material(List<X509Certificate> trusted, List<X509Certificate> chain, java.security.PrivateKey key) {
    }

    /**
     * Contexts built from PEM material, kept so that endpoints made from equal options share one
     * (and with it the JDK's session cache, as endpoints on {@code SSLContext.getDefault()} do).
     */
    private static final Map<Material, SSLContext> BUILT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Material, SSLContext> eldest) {
            return size() > 32;
        }
    };

    private Contexts() {
    }

    static boolean hasMaterial(TlsOptions o) {
        return !o.trustedCertificates().isEmpty() || o.privateKey() != null;
    }

    static SSLContext resolve(TlsOptions o) {
        if (o.sslContext() != null) {
            if (hasMaterial(o)) {
                throw new IllegalArgumentException("TlsOptions give both an SSLContext and PEM trust or a certificate; "
                        + "configure one of them: " + o);
            }
            return o.sslContext();
        }
        if (!hasMaterial(o)) {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no default SSLContext", e);
            }
        }
        Material m = new Material(o.trustedCertificates(), o.certificateChain(), o.privateKey());
        synchronized (BUILT) {
            SSLContext c = BUILT.get(m);
            if (c == null) {
                c = build(m);
                BUILT.put(m, c);
            }
            return c;
        }
    }

    private static SSLContext build(Material m) {
        try {
            char[] pw = "sockets".toCharArray();
            KeyManagerFactory kmf = null;
            if (m.key() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", m.key(), pw, m.chain().toArray(X509Certificate[]::new));
                kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(ks, pw);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (m.trusted().isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate c : m.trusted()) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                tmf.init(ts);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("could not build an SSLContext from the certificates and key given: " + e, e);
        }
    }

    /**
     * The typed form of a handshake failure caused by certificate verification, or the failure
     * itself when it is something else.
     */
    static SSLHandshakeException classify(SSLHandshakeException e, String who) {
        if (e instanceof TlsVerificationException) {
            return e;
        }
        Reason reason = null;
        Throwable found = null;
        for (Throwable t = e.getCause(); t != null && reason == null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                reason = Reason.EXPIRED;
            } else if (t instanceof CertificateNotYetValidException) {
                reason = Reason.NOT_YET_VALID;
            } else if (t instanceof CertPathValidatorException v) {
                if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    reason = Reason.EXPIRED;
                } else if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    reason = Reason.NOT_YET_VALID;
                } else if (v.getCause() == null) {
                    reason = Reason.OTHER;
                }
            } else if (t instanceof CertPathBuilderException) {
                reason = Reason.UNTRUSTED;
            } else if (t instanceof CertificateException c && t.getCause() == null) {
                String msg = String.valueOf(c.getMessage());
                reason = msg.startsWith("No subject alternative") || msg.startsWith("No name matching")
                        ? Reason.HOST_NAME : Reason.OTHER;
            }
            found = t;
        }
        if (reason == null) {
            return e;
        }
        String what = switch (reason) {
            case HOST_NAME -> "does not name the host";
            case EXPIRED -> "has expired";
            case NOT_YET_VALID -> "is not valid yet";
            case UNTRUSTED -> "is not issued by a trusted authority";
            case OTHER -> "failed verification";
        };
        TlsVerificationException typed = new TlsVerificationException(reason,
                who + ": the peer's certificate " + what + " (" + found.getMessage() + ")", e);
        return typed;
    }
}
