package org.sockets.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.sockets.api.Address;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.DotBlock;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Secret;
import org.sockets.protocol.TlsPolicy;

/**
 * The smallest POP3 session the core allows, as the pilot client will write it: greeting, CAPA,
 * STLS when the policy requires it (CAPA again after), USER/PASS through the credential path,
 * RETR streamed, QUIT. Only for the kit's tests; the real client is issue #16's.
 */
final class MiniPop3 {

    private MiniPop3() {
    }

    static byte[] retrieveFirst(Address server, ClientOptions options) throws IOException {
        return retrieveFirst(server, options, () -> { });
    }

    /** As above; {@code beforeClose} runs once QUIT was answered, before the connection closes. */
    static byte[] retrieveFirst(Address server, ClientOptions options, Runnable beforeClose) throws IOException {
        ProtocolConnection c = ProtocolConnection.open("pop3", server, options);
        try {
            Replies.pop3(c).expectOk("greeting");
            List<String> capa = capa(c);
            TlsPolicy policy = TlsPolicy.of(options);
            if (policy.upgradeNeeded(c)) {
                c = policy.startTls(c, capa.contains("STLS"), "STLS", plain -> {
                    plain.send(Command.of("STLS"));
                    Replies.pop3(plain).expectOk("STLS");
                });
                capa(c);
            }
            Credentials cred = options.credentials().orElseThrow();
            policy.beforeCredentials(c);
            c.send(Command.of("USER", cred.user()));
            Replies.pop3(c).expectOk("USER");
            c.sendCredential(Command.of("PASS"), Secret.password(cred));
            Replies.pop3(c).expectOk("PASS");
            c.send(Command.of("RETR", "1"));
            Replies.pop3(c).expectOk("RETR 1");
            byte[] body;
            try (InputStream in = DotBlock.stream(c)) {
                body = in.readAllBytes();
            }
            c.send(Command.of("QUIT"));
            Replies.pop3(c).expectOk("QUIT");
            beforeClose.run();
            return body;
        } finally {
            c.close();
        }
    }

    static List<String> capa(ProtocolConnection c) throws IOException {
        c.send(Command.of("CAPA"));
        Replies.pop3(c).expectOk("CAPA");
        return DotBlock.lines(c);
    }
}
