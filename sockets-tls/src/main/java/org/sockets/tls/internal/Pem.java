package org.sockets.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM files with JDK code only: X.509 certificates and PKCS#8 private keys (RSA, EC). */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    /**
     * Every certificate in a PEM file, in file order.
     *
     * @param file the file
     * @return at least one certificate
     * @throws IOException if unreadable, or holding no certificate or a broken one
     */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        for (Block b : blocks(file)) {
            if (!b.label.equals("CERTIFICATE") && !b.label.equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
            } catch (CertificateException e) {
                throw new IOException("broken certificate in " + file + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no BEGIN CERTIFICATE block in " + file);
        }
        return List.copyOf(out);
    }

    /**
     * The PKCS#8 private key in a PEM file, checked against the first certificate of a chain file.
     *
     * @param file      the key file ({@code BEGIN PRIVATE KEY})
     * @param chainFile the certificate file it belongs to, for the check and messages
     * @return the key
     * @throws IOException if unreadable, not PKCS#8 RSA or EC, or not the certificate's key
     */
    public static PrivateKey privateKey(Path file, Path chainFile) throws IOException {
        PrivateKey key = privateKey(file);
        PublicKey pub = certificates(chainFile).getFirst().getPublicKey();
        if (!matches(key, pub)) {
            throw new IOException("the key in " + file + " does not belong to the first certificate in " + chainFile);
        }
        return key;
    }

    /**
     * The PKCS#8 private key in a PEM file.
     *
     * @param file the file
     * @return the key
     * @throws IOException if unreadable or not a PKCS#8 RSA or EC key
     */
    public static PrivateKey privateKey(Path file) throws IOException {
        for (Block b : blocks(file)) {
            switch (b.label) {
                case "PRIVATE KEY" -> {
                    for (String alg : List.of("EC", "RSA", "RSASSA-PSS", "Ed25519", "Ed448")) {
                        try {
                            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(b.der));
                        } catch (GeneralSecurityException notThisOne) {
                            // try the next algorithm
                        }
                    }
                    throw new IOException("the PRIVATE KEY in " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException("the key in " + file + " is "
                        + b.label + " (PKCS#1/SEC1); convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file);
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException("the key in " + file
                        + " is encrypted; give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)");
                default -> {
                    // certificates or parameters beside the key: skip
                }
            }
        }
        throw new IOException("no BEGIN PRIVATE KEY block in " + file);
    }

    private static boolean matches(PrivateKey key, PublicKey pub) {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (alg == null) {
            return key.getAlgorithm().equals(pub.getAlgorithm());
        }
        try {
            byte[] probe = "sockets-tls key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private record Block(String label, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("broken base64 in the " + m.group(1) + " block of " + file, e);
            }
        }
        return out;
    }
}
