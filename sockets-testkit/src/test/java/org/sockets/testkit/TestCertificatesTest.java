package org.sockets.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoDescriptorLeaks.class)
class TestCertificatesTest {

    @BeforeAll
    static void make() {
        TestCertificates.get();
    }

    private static X509Certificate leaf(TestCertificates.Identity id) throws Exception {
        try (InputStream in = Files.newInputStream(id.chainPem())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
        }
    }

    @Test
    void everyLeafHasTheValidityAndNamesItsCaseNeeds() throws Exception {
        TestCertificates c = TestCertificates.get();
        X509Certificate good = leaf(c.good());
        good.checkValidity();
        assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"),
                good.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList());
        assertThrows(CertificateExpiredException.class, () -> leaf(c.expired()).checkValidity());
        assertThrows(CertificateNotYetValidException.class, () -> leaf(c.notYetValid()).checkValidity());
        assertEquals(List.of("wrong.example"),
                leaf(c.wrongHost()).getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList());
        assertTrue(leaf(c.ipOnly()).getSubjectAlternativeNames().stream().allMatch(l -> (Integer) l.get(0) == 7));
        assertEquals("EC", good.getPublicKey().getAlgorithm());
    }

    @Test
    void leavesAreSignedByTheirAuthorityAndTheStoreHoldsTheChain() throws Exception {
        TestCertificates c = TestCertificates.get();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(c.caPem())) {
            ca = (X509Certificate) cf.generateCertificate(in);
        }
        leaf(c.good()).verify(ca.getPublicKey());
        assertThrows(java.security.SignatureException.class, () -> leaf(c.untrusted()).verify(ca.getPublicKey()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(c.good().pkcs12())) {
            ks.load(in, c.good().password());
        }
        assertEquals(2, ks.getCertificateChain("leaf").length);
        assertTrue(Files.readString(c.good().keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }
}
