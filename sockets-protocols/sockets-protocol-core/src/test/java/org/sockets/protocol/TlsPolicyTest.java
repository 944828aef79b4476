package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The credential TLS policy on its own, with scripted servers in memory: each failure closes the
 * connection and sends nothing after the upgrade command (CVE-2016-0772, curl CVE-2021-22946,
 * Thunderbird CVE-2020-12398). The kit's TLS server covers the successful upgrade.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TlsPolicyTest {

    private static final ClientOptions WITH_CREDENTIALS = Inputs.options().withCredentials("alice", "pw"::toCharArray);

    private static void stls(ProtocolConnection c) throws java.io.IOException {
        c.send(Command.of("STLS"));
        Replies.pop3(c).expectOk("STLS");
    }

    @Test
    void credentialsMakeTlsRequiredUnlessPlainTextIsChosen() {
        assertEquals(TlsMode.NONE, ClientOptions.defaults().effectiveTlsMode());
        assertEquals(TlsMode.STARTTLS, WITH_CREDENTIALS.effectiveTlsMode());
        assertEquals(TlsMode.NONE, WITH_CREDENTIALS.withPlainTextCredentials().effectiveTlsMode());
        assertEquals(TlsMode.STARTTLS, WITH_CREDENTIALS.withPlainTextCredentials().withTlsMode(TlsMode.STARTTLS).effectiveTlsMode());
        assertEquals(TlsMode.IMPLICIT, WITH_CREDENTIALS.withTlsMode(TlsMode.IMPLICIT).effectiveTlsMode());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> WITH_CREDENTIALS.withTlsMode(TlsMode.NONE));
        assertTrue(x.getMessage().contains("withPlainTextCredentials"), x.getMessage());
        assertEquals(TlsMode.NONE, WITH_CREDENTIALS.withPlainTextCredentials().withTlsMode(TlsMode.NONE).effectiveTlsMode());
    }

    /** CVE-2016-0772 (smtplib went on in clear when STARTTLS was missing): not offered → error, nothing sent. */
    @Test
    void cve_2016_0772_anUpgradeNotOfferedFailsBeforeAnyByte() {
        MemoryEndpoint e = MemoryEndpoint.of();
        ProtocolConnection c = Inputs.connection(e, WITH_CREDENTIALS);
        TlsPolicy p = TlsPolicy.of(WITH_CREDENTIALS);
        assertTrue(p.upgradeNeeded(c));
        StartTlsException x = assertThrows(StartTlsException.class, () -> p.startTls(c, false, "STLS", TlsPolicyTest::stls));
        assertTrue(x.getMessage().contains("does not offer STLS"), x.getMessage());
        assertEquals(0, e.sent.size());
        assertFalse(e.isOpen());
    }

    /** curl CVE-2021-22946: a refused upgrade with --ssl-reqd went on in clear; here it fails and closes. */
    @Test
    void cve_2021_22946_aRefusedUpgradeFailsAndSendsNothingMore() {
        MemoryEndpoint e = MemoryEndpoint.of(ascii("-ERR not now\r\n"));
        ProtocolConnection c = Inputs.connection(e, WITH_CREDENTIALS);
        StartTlsException x = assertThrows(StartTlsException.class,
                () -> TlsPolicy.of(WITH_CREDENTIALS).startTls(c, true, "STLS", TlsPolicyTest::stls));
        assertTrue(x.getMessage().contains("refused STLS: -ERR not now"), x.getMessage());
        assertEquals("STLS\r\n", e.sent.toString(StandardCharsets.US_ASCII));
        assertFalse(e.isOpen());
    }

    /** Thunderbird CVE-2020-12398: a server that skips ahead (IMAP PREAUTH) must not get the session in clear. */
    @Test
    void cve_2020_12398_aServerThatSkipsAheadIsAnError() {
        MemoryEndpoint e = MemoryEndpoint.of(ascii("* PREAUTH welcome\r\n"));
        ProtocolConnection c = Inputs.connection(e, WITH_CREDENTIALS);
        TlsPolicy p = TlsPolicy.of(WITH_CREDENTIALS);
        StartTlsException x = p.skippedAhead(c, "greeted with * PREAUTH");
        assertTrue(x.getMessage().contains("PREAUTH"), x.getMessage());
        assertFalse(e.isOpen());
        assertEquals(0, e.sent.size());
    }

    /** Bytes that follow the go-ahead in clear (curl CVE-2021-22947) are refused, not read after TLS. */
    @Test
    void bytesAfterTheGoAheadAreRefused() {
        MemoryEndpoint e = MemoryEndpoint.of(ascii("+OK begin TLS\r\n+OK injected\r\n"));
        ProtocolConnection c = Inputs.connection(e, WITH_CREDENTIALS);
        StartTlsException x = assertThrows(StartTlsException.class,
                () -> TlsPolicy.of(WITH_CREDENTIALS).startTls(c, true, "STLS", TlsPolicyTest::stls));
        assertTrue(x.getMessage().contains("14 bytes in clear"), x.getMessage());
        assertEquals("STLS\r\n", e.sent.toString(StandardCharsets.US_ASCII));
        assertFalse(e.isOpen());
        assertThrows(IllegalStateException.class, () -> c.send(Command.of("USER", "alice")), "the old connection is retired");
    }

    @Test
    void noUpgradeIsNeededWithoutCredentialsOrWithThePlainTextOptIn() {
        ProtocolConnection c = Inputs.connection(MemoryEndpoint.of());
        assertFalse(TlsPolicy.of(Inputs.options()).upgradeNeeded(c));
        assertFalse(TlsPolicy.of(WITH_CREDENTIALS.withPlainTextCredentials()).upgradeNeeded(c));
        c.close();
    }
}
