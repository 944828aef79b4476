package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The command writer refuses CR, LF and NUL in any part of a command before a byte is written.
 * Each CVE test sends what the original exploit put into an argument.
 */
@ExtendWith(NoDescriptorLeaks.class)
class CommandTest {

    /** Sends the command built by {@code make} and asserts it was refused with nothing written. */
    private static void refusedBeforeAnyByte(CommandMaker make) {
        MemoryEndpoint e = MemoryEndpoint.of();
        ProtocolConnection c = Inputs.connection(e);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> c.send(make.make()));
        assertEquals(0, e.sent.size(), "nothing written");
        assertTrue(x.getMessage().contains("CR") || x.getMessage().contains("LF") || x.getMessage().contains("NUL"), x.getMessage());
        assertTrue(c.isOpen(), "misuse does not break the connection");
    }

    interface CommandMaker {
        Command make();
    }

    @Test
    void crLfAndNulAreRefusedInTheVerbAndEveryArgument() {
        for (String bad : new String[] {"\r", "\n", "\0", "a\r\nb", "tail\r"}) {
            refusedBeforeAnyByte(() -> Command.of("RETR" + bad));
            refusedBeforeAnyByte(() -> Command.of("RETR", bad));
            refusedBeforeAnyByte(() -> Command.of("LIST", "ok", "fine" + bad));
            refusedBeforeAnyByte(() -> Command.line("GET /" + bad + " HTTP/1.1"));
        }
        assertThrows(IllegalArgumentException.class, () -> Command.of(""));
    }

    @Test
    void aValidCommandIsSentWithCrLf() throws IOException {
        MemoryEndpoint e = MemoryEndpoint.of();
        ProtocolConnection c = Inputs.connection(e);
        c.send(Command.of("RETR", "my file.txt"));
        c.send(Command.line("GET /é HTTP/1.1"));
        assertEquals("RETR my file.txt\r\nGET /é HTTP/1.1\r\n", e.sent.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> c.send(Command.none()));
    }

    /** CVE-2019-9740: CRLF in an http.client URL's query injected headers. */
    @Test
    void cve_2019_9740_crlfInAnHttpQuery() {
        refusedBeforeAnyByte(() -> Command.of("GET", "/?q=a HTTP/1.1\r\nX-Injected: header\r\nFoo:", "HTTP/1.1"));
    }

    /** CVE-2019-9947: CRLF in an http.client URL's path. */
    @Test
    void cve_2019_9947_crlfInAnHttpPath() {
        refusedBeforeAnyByte(() -> Command.of("GET", "/a\r\nHost: evil", "HTTP/1.1"));
    }

    /** CVE-2020-26116: CRLF in the HTTP method name. */
    @Test
    void cve_2020_26116_crlfInAnHttpMethod() {
        refusedBeforeAnyByte(() -> Command.of("GET / HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET", "/", "HTTP/1.1"));
    }

    /** bpo-30119: ftplib sent a newline in a path, so "RETR a\nDELE b" deleted a file. */
    @Test
    void bpo_30119_newlineInAnFtpPath() {
        refusedBeforeAnyByte(() -> Command.of("RETR", "a\nDELE b"));
        refusedBeforeAnyByte(() -> Command.of("CWD", "dir\r\nSITE CHMOD 777 x"));
    }

    /** bpo-43124: smtplib sent CRLF inside a command argument (an address), starting another command. */
    @Test
    void bpo_43124_crlfInAnSmtpArgument() {
        refusedBeforeAnyByte(() -> Command.of("MAIL", "FROM:<a@x>\r\nRCPT TO:<victim@y>"));
    }

    /** CVE-2025-15366: imaplib let CRLF in an argument inject a second IMAP command. */
    @Test
    void cve_2025_15366_crlfInAnImapArgument() {
        refusedBeforeAnyByte(() -> Command.of("a1 SELECT", "INBOX\r\na2 DELETE INBOX"));
    }

    /** CVE-2025-15367: poplib let CRLF in an argument inject a second POP3 command. */
    @Test
    void cve_2025_15367_crlfInAPop3Argument() {
        refusedBeforeAnyByte(() -> Command.of("USER", "alice\r\nDELE 1"));
        refusedBeforeAnyByte(() -> Command.of("RETR", "1\nDELE 2"));
    }

    @Test
    void aPasswordWithCrLfIsRefusedWithoutShowingIt() {
        char[] pw = "hunter2\r\nDELE 1".toCharArray();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Secret.password(Credentials.of("alice", () -> pw)));
        assertFalse(x.getMessage().contains("hunter2"), x.getMessage());
        assertEquals("\0".repeat(pw.length), new String(pw), "the supplier's array is zeroed");
        assertThrows(IllegalArgumentException.class, () -> Credentials.of("alice\r\nDELE 1", () -> new char[0]));
    }
}
