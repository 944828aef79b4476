package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sockets.pop3.MessageInfo;
import org.sockets.pop3.MessageUid;
import org.sockets.pop3.Pop3Client;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.TlsMode;

/**
 * {@code bin/sample pop3-list --host H --user NAME [options]}: logs in to a POP3 server and
 * prints each message's number, size and unique id, then the total. TLS by default: with a user,
 * the client upgrades with STLS and refuses to send the password if it cannot;
 * {@code --implicit-tls} uses port 995's TLS from the first byte. The password comes from
 * {@code $SOCKETS_PASSWORD}, never the command line. Nothing is deleted.
 */
final class Pop3List {

    static final String USAGE_TEXT = """
            usage: bin/sample pop3-list --host HOST --user NAME [--port N] [--implicit-tls] [--cacert PEM]
                   [--plaintext-credentials] [--unix-socket PATH] [--read-timeout S]
              the password comes from $SOCKETS_PASSWORD; TLS (STLS) is required unless
              --plaintext-credentials is given; --unix-socket connects to PATH, the host still names the server""";

    private Pop3List() {
    }

    /** The entry point of {@code bin/sample pop3-list}. */
    static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Lists as the command line says.
     *
     * @param args the arguments after {@code pop3-list}
     * @param env  the environment (for {@code SOCKETS_PASSWORD})
     * @param out  where the listing goes
     * @param err  where errors go
     * @return 0 on success, 2 for usage errors, 1 for failures (one line on {@code err})
     */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String host = null;
        String user = null;
        int port = -1;
        ClientOptions options = ClientOptions.defaults();
        boolean plain = false;
        boolean implicit = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--host" -> host = value(args, ++i, a);
                    case "--user" -> user = value(args, ++i, a);
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--implicit-tls" -> implicit = true;
                    case "--plaintext-credentials" -> plain = true;
                    case "--cacert" -> options = options.withTrustedCertificates(Path.of(value(args, ++i, a)));
                    case "--unix-socket" -> options = options.withConnector(Connector.unixPath(Path.of(value(args, ++i, a))));
                    case "--read-timeout" -> options = options.withReadTimeout(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (host == null || user == null) {
                throw new IllegalArgumentException("--host and --user are required");
            }
            String password = env.get(Fetch.PASSWORD_VARIABLE);
            if (password == null) {
                throw new IllegalArgumentException("set " + Fetch.PASSWORD_VARIABLE + " to the password");
            }
            options = options.withCredentials(user, password::toCharArray);
            if (plain) {
                options = options.withPlainTextCredentials();
            }
            if (implicit) {
                options = options.withTlsMode(TlsMode.IMPLICIT);
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("pop3-list: usage error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return 2;
        }
        Pop3Client.Builder b = Pop3Client.builder(host).options(options);
        if (port > 0) {
            b.port(port);
        }
        try (Pop3Client pop = b.connect()) {
            List<MessageInfo> list = pop.list();
            List<MessageUid> uids = pop.capabilities().has("UIDL") ? pop.uidl() : List.of();
            long total = 0;
            for (MessageInfo m : list) {
                String uid = uids.stream().filter(u -> u.number() == m.number()).map(MessageUid::uid).findFirst().orElse("-");
                out.printf("%d %d %s%n", m.number(), m.size(), uid);
                total += m.size();
            }
            out.printf("%d messages, %d bytes (%s)%n", list.size(), total, pop.isSecure() ? "TLS" : "no TLS");
            pop.quit();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("pop3-list: " + e.getClass().getName() + ": " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
