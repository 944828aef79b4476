package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.protocol.spi.ProtocolProvider;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #15 must show 1 on the class path: the front door finds the test providers through
 * META-INF/services, picks by priority or the override property, names the module for a scheme
 * nobody serves, and lists the providers that failed to load without losing the others. The
 * module-path half is {@link ProtocolsModulePathTest}.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ProtocolsTest {

    private static final ClientOptions ALICE = ClientOptions.defaults().withCredentials("alice", "pw"::toCharArray);

    private static String fetch(String url, ClientOptions options) throws IOException {
        try (Retrieval r = Protocols.open(URI.create(url), options)) {
            return new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void runsOnTheClassPath() {
        assertFalse(Protocols.class.getModule().isNamed(), "the core's tests run on the class path (see its pom)");
    }

    @Test
    void findsTheTestProviderThroughTheServicesFile() throws IOException {
        try (Retrieval r = Protocols.open(URI.create("tests://alice@127.0.0.1/inbox/1"), ALICE)) {
            String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("test served "), body);
            assertTrue(body.contains("7002") && body.endsWith("path /inbox/1 user alice"), body);
            assertEquals(body.length(), r.length().orElseThrow());
            assertEquals("text/plain", r.contentType().orElseThrow());
        }
        assertTrue(fetch("tests://127.0.0.1:9/x", ClientOptions.defaults()).endsWith("path /x user -"));
        assertTrue(fetch("tests://127.0.0.1:9/x", ClientOptions.defaults()).contains(":9"));
        assertTrue(fetch("tests://[::1]/x", ClientOptions.defaults()).contains("::1"), "an IPv6 literal's brackets are dropped");
    }

    @Test
    void theHighestPriorityWinsUnlessThePropertyNamesAnother() throws IOException {
        assertTrue(fetch("test://localhost/", ALICE).startsWith("preferred served"));
        System.setProperty("org.sockets.protocol.test", "test");
        try {
            assertTrue(fetch("test://localhost/", ALICE).startsWith("test served"));
            System.setProperty("org.sockets.protocol.test", "nosuch");
            var e = assertThrows(ProtocolNotFoundException.class, () -> fetch("test://localhost/", ALICE));
            assertTrue(e.getMessage().contains("no protocol provider named 'nosuch'"), e.getMessage());
            System.setProperty("org.sockets.protocol.test", "hidden");
            e = assertThrows(ProtocolNotFoundException.class, () -> fetch("test://localhost/", ALICE));
            assertTrue(e.getMessage().contains("'hidden'") && e.getMessage().contains("does not serve scheme 'test'"), e.getMessage());
        } finally {
            System.clearProperty("org.sockets.protocol.test");
        }
    }

    @Test
    void aNegativePriorityServesOnlyWhenNamed() throws IOException {
        var e = assertThrows(ProtocolNotFoundException.class, () -> fetch("hidden://localhost/", ALICE));
        assertEquals("hidden", e.scheme());
        System.setProperty("org.sockets.protocol.hidden", "hidden");
        try {
            assertTrue(fetch("hidden://localhost/", ALICE).startsWith("hidden served localhost"), "default port 7003");
        } finally {
            System.clearProperty("org.sockets.protocol.hidden");
        }
    }

    @Test
    void anUnknownSchemeNamesTheModuleToAddAndWhatWasFound() {
        var e = assertThrows(ProtocolNotFoundException.class, () -> Protocols.open(URI.create("pop3s://mail.example.org/1")));
        String m = e.getMessage();
        assertTrue(m.startsWith("no protocol provider for scheme 'pop3s': add org.sockets:sockets-pop3 (module org.sockets.pop3)"), m);
        assertTrue(m.contains("providers found: [preferred [test] (priority 5), test [test, tests] (priority 0), hidden [hidden] (priority -1)]"), m);
        assertEquals("pop3s", e.scheme());
        for (String scheme : List.of("https", "ftps", "imap", "news", "gophers", "smtp", "telnet", "nntp")) {
            var x = assertThrows(ProtocolNotFoundException.class, () -> Protocols.open(URI.create(scheme + "://h/")));
            assertTrue(x.getMessage().matches("no protocol provider for scheme '" + scheme + "': add org\\.sockets:sockets-[a-z0-9]+ .*"), x.getMessage());
        }
        var other = assertThrows(ProtocolNotFoundException.class, () -> Protocols.open(URI.create("Kitx://h/")));
        assertTrue(other.getMessage().contains("scheme 'kitx': no module of this library serves it"), other.getMessage());
    }

    @Test
    void providersThatFailToLoadAreReportedNotFatal() {
        List<String> names = Protocols.providers().stream().map(ProtocolProvider::name).toList();
        assertEquals(List.of("preferred", "test", "hidden"), names);
        var e = assertThrows(ProtocolNotFoundException.class, () -> Protocols.open(URI.create("pop3://h/")));
        String m = e.getMessage();
        int failed = m.indexOf("; providers that failed to load: ");
        assertTrue(failed > 0, m);
        String list = m.substring(failed);
        assertTrue(list.contains("BrokenProvider") && list.contains("broken on purpose"), list);
        assertTrue(list.contains("NoSuchProvider") && list.contains("not found"), list);
        assertTrue(list.contains("UpperCaseProvider: scheme 'Upper' is not a lower-case URL scheme"), list);
        assertEquals(3, ProtocolProviders.broken().size(), ProtocolProviders.broken().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"test://alice:hunter2@localhost/", "test://alice:hunter2%40x@localhost/", "test://alice:@localhost/",
        "test://:hunter2@localhost/", "test://alice%3Ahunter2@localhost/", "TEST://alice:hunter2@[::1]:7/x"})
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt(String url) {
        var e = assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create(url), ALICE));
        assertTrue(e.getMessage().startsWith("a password in the URL is refused"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("alice"), e.getMessage());
    }

    @Test
    void theUrlUserMustHaveThePasswordSupplierOfTheOptions() throws IOException {
        var none = assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("test://alice@localhost/")));
        assertTrue(none.getMessage().contains("URL names user 'alice' but the options give no password supplier"), none.getMessage());
        var other = assertThrows(IllegalArgumentException.class,
                () -> Protocols.open(URI.create("test://bob@localhost/"), ALICE));
        assertTrue(other.getMessage().contains("URL names user 'bob' but the options' credentials are for 'alice'"), other.getMessage());
        assertTrue(fetch("test://localhost/", ALICE).endsWith("user alice"), "the options' user when the URL names none");
        assertTrue(fetch("test://al%69ce@localhost/", ALICE).endsWith("user alice"), "the user is percent-decoded");
        // RFC 2384 (POP) and RFC 5092 (IMAP) put ";AUTH=<mechanism>" after the user; found by the POP3 pilot.
        assertTrue(fetch("test://alice;auth=SCRAM-SHA-256@localhost/", ALICE).endsWith("user alice"), "the user before ;auth=");
        assertTrue(fetch("test://alice;AUTH=*@localhost/", ALICE).endsWith("user alice"), "the user before ;AUTH=");
        assertTrue(fetch("test://;auth=+APOP@localhost/", ALICE).endsWith("user alice"), "only ;auth=: the options' user");
        var empty = assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("test://@localhost/"), ALICE));
        assertTrue(empty.getMessage().contains("empty user"), empty.getMessage());
    }

    @Test
    void theSchemeIsMatchedWithoutCaseAndMustBeThere() throws IOException {
        assertTrue(fetch("TeSts://localhost/A%20b", ALICE).endsWith("path /A b user alice"));
        var e = assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("//localhost/x")));
        assertTrue(e.getMessage().contains("URL has no scheme: //localhost/x"), e.getMessage());
        var noHost = assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("tests:/x")));
        assertTrue(noHost.getMessage().contains("URL names no host"), noHost.getMessage());
    }

    @Test
    void aRetrievalClosesBodyAndResourceOnce() throws IOException {
        AtomicInteger resource = new AtomicInteger();
        AtomicInteger body = new AtomicInteger();
        var in = new ByteArrayInputStream(new byte[3]) {
            @Override
            public void close() {
                body.incrementAndGet();
            }
        };
        Retrieval r = Retrieval.of(in, resource::incrementAndGet);
        Retrieval typed = r.withLength(3).withContentType("message/rfc822");
        assertTrue(r.length().isEmpty() && r.contentType().isEmpty());
        assertEquals("Retrieval[length=3, contentType=message/rfc822]", typed.toString());
        typed.close();
        r.close();
        typed.close();
        assertEquals(1, body.get());
        assertEquals(1, resource.get());
        assertTrue(r.toString().endsWith(", closed]"), r.toString());
        assertThrows(IllegalArgumentException.class, () -> r.withLength(-1));
        var bad = assertThrows(IllegalArgumentException.class, () -> r.withContentType("text/plain\r\nX: y"));
        assertTrue(bad.getMessage().contains("text/plain\\r\\nX: y"), bad.getMessage());
    }
}
