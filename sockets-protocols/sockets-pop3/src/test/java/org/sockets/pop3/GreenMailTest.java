package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * GreenMail's POP3 server, a second implementation (Java, in this JVM): so the client is not
 * fitted to dovecot alone. GreenMail stores messages as jakarta.mail objects and writes them out
 * again, so what comes back is compared as MIME (and as bytes with GreenMail's own writeTo).
 */
@ExtendWith(NoDescriptorLeaks.class)
class GreenMailTest {

    static GreenMail greenMail;
    static GreenMailUser alice;

    @BeforeAll
    static void start() throws Exception {
        Once.jdk();
        // SMTP too: messages go in the way GreenMail is normally fed.
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        alice = greenMail.setUser("alice@localhost", "alice", "alice-pw");
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    static Pop3Client.Builder client() {
        ClientOptions o = ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                .withCredentials("alice", "alice-pw"::toCharArray).withPlainTextCredentials();
        return Pop3Client.builder("127.0.0.1").port(greenMail.getPop3().getPort()).options(o);
    }

    static void deliverTricky() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        Session session = Session.getInstance(p);
        for (byte[] raw : Messages.tricky().subList(0, 3)) { // not the empty body: see below
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
            Transport.send(m, new Address[] {new InternetAddress("alice@localhost")});
        }
    }

    @Test
    void aSizeOfMinusOneIsMalformedNotAllocatedOrTrusted() throws Exception {
        // GreenMail's own quirk: a message with an empty body has no size to it; LIST says "-1".
        alice.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Messages.tricky().get(3))));
        try (Pop3Client pop = client().connect()) {
            org.sockets.protocol.MalformedReplyException e = assertThrows(org.sockets.protocol.MalformedReplyException.class, pop::list);
            assertTrue(e.getMessage().contains("\"-1\""), e.getMessage());
        }
    }

    @Test
    void listUidlRetrieveTopDeleteQuit() throws Exception {
        deliverTricky();
        List<byte[]> sent = Messages.tricky().subList(0, 3);
        for (Pop3Login login : List.of(Pop3Login.userPass(), Pop3Login.auto())) {
            try (Pop3Client pop = client().login(login).connect()) {
                assertEquals(sent.size(), pop.stat().count());
                List<MessageInfo> list = pop.list();
                assertEquals(sent.size(), list.size());
                assertEquals(sent.size(), pop.uidl().size());
                for (int i = 0; i < sent.size(); i++) {
                    byte[] got;
                    try (InputStream in = pop.retrieve(i + 1)) {
                        got = in.readAllBytes();
                    }
                    MimeMessage back = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(got));
                    MimeMessage orig = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Messages.tricky().get(i)));
                    assertEquals(orig.getSubject(), back.getSubject());
                    assertArrayEquals(orig.getRawInputStream().readAllBytes(), back.getRawInputStream().readAllBytes(), "body " + (i + 1));
                    assertEquals(pop.uidl().get(i), pop.uidl(i + 1));
                    try (InputStream top = pop.top(i + 1, 0)) {
                        assertTrue(new String(top.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Subject: "));
                    }
                }
                pop.noop();
                pop.quit();
            }
        }
        try (Pop3Client pop = client().connect()) {
            pop.delete(2);
            pop.quit();
        }
        try (Pop3Client pop = client().connect()) {
            assertEquals(sent.size() - 1, pop.stat().count());
            assertThrows(Pop3ReplyException.class, () -> pop.list(99));
            pop.quit();
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        ClientOptions wrong = ClientOptions.defaults().withCredentials("alice", "nope"::toCharArray).withPlainTextCredentials();
        assertThrows(Pop3AuthenticationException.class, () -> client().options(wrong).login(Pop3Login.userPass()).connect());
    }
}
