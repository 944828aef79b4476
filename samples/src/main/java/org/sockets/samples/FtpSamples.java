package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sockets.ftp.DataMode;
import org.sockets.ftp.FtpClient;
import org.sockets.ftp.FtpEntry;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.TransferProgress;

/**
 * The FTP samples: {@code bin/sample ftp-list} lists a folder, {@code ftp-get} downloads with a
 * progress bar, {@code ftp-put} uploads; both resume a broken transfer with {@code --resume}.
 * Anonymous without {@code --user}; with one, the password comes from {@code $SOCKETS_PASSWORD}
 * and, FTP being clear text, {@code --plaintext-credentials} must say that is meant.
 */
final class FtpSamples {

    static final String USAGE_TEXT = """
            usage: bin/sample ftp-list --host HOST [common] [FOLDER]
                   bin/sample ftp-get  --host HOST [common] [--resume] REMOTE LOCAL
                   bin/sample ftp-put  --host HOST [common] [--resume] LOCAL REMOTE
              common: [--port N] [--user NAME --plaintext-credentials] [--active] [--read-timeout S]
              without --user the login is anonymous; the password comes from $SOCKETS_PASSWORD""";

    private FtpSamples() {
    }

    static void list(String[] args) {
        exit(run("ftp-list", List.of(args), System.getenv(), System.out, System.err));
    }

    static void get(String[] args) {
        exit(run("ftp-get", List.of(args), System.getenv(), System.out, System.err));
    }

    static void put(String[] args) {
        exit(run("ftp-put", List.of(args), System.getenv(), System.out, System.err));
    }

    private static void exit(int status) {
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one FTP sample.
     *
     * @param name {@code ftp-list}, {@code ftp-get} or {@code ftp-put}
     * @param args the arguments after the name
     * @param env  the environment (for {@code SOCKETS_PASSWORD})
     * @param out  where listings and the result go
     * @param err  where the progress bar and errors go
     * @return 0 on success, 2 for usage errors, 1 for failures (one line on {@code err})
     */
    static int run(String name, List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String host = null;
        String user = null;
        int port = FtpClient.PORT;
        boolean plain = false;
        boolean resume = false;
        DataMode mode = DataMode.PASSIVE;
        ClientOptions options = ClientOptions.defaults();
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--host" -> host = value(args, ++i, a);
                    case "--user" -> user = value(args, ++i, a);
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--plaintext-credentials" -> plain = true;
                    case "--resume" -> resume = true;
                    case "--active" -> mode = DataMode.ACTIVE;
                    case "--read-timeout" -> options = options.withReadTimeout(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        rest.add(a);
                    }
                }
            }
            if (host == null) {
                throw new IllegalArgumentException("--host is required");
            }
            int wanted = name.equals("ftp-list") ? 1 : 2;
            if (rest.size() > wanted || (wanted == 2 && rest.size() != 2)) {
                throw new IllegalArgumentException(name + " takes " + (wanted == 1 ? "at most one folder" : "two paths"));
            }
            if (user != null) {
                String password = env.get(Fetch.PASSWORD_VARIABLE);
                if (password == null) {
                    throw new IllegalArgumentException("set " + Fetch.PASSWORD_VARIABLE + " to the password");
                }
                if (!plain) {
                    throw new IllegalArgumentException("FTP sends the password in clear: add --plaintext-credentials to mean it");
                }
                options = options.withCredentials(user, password::toCharArray).withPlainTextCredentials();
            }
        } catch (IllegalArgumentException e) {
            err.println(name + ": usage error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return 2;
        }
        try (FtpClient ftp = FtpClient.builder(host).port(port).options(options).dataMode(mode).connect()) {
            switch (name) {
                case "ftp-list" -> {
                    for (FtpEntry e : ftp.list(rest.isEmpty() ? null : rest.getFirst())) {
                        out.printf("%-13s %12s  %s%s%n", e.kind(), e.size().isPresent() ? Long.toString(e.size().getAsLong()) : "-",
                                e.name(), e.linkTarget().map(t -> " -> " + t).orElse(""));
                    }
                }
                case "ftp-get" -> {
                    Path local = Path.of(rest.get(1));
                    long n = resume ? ftp.resumeDownload(rest.get(0), local, bar(err)) : ftp.download(rest.get(0), local, bar(err));
                    err.println();
                    out.printf("%d bytes received into %s%n", n, local);
                }
                default -> {
                    Path local = Path.of(rest.get(0));
                    long n = resume ? ftp.resumeUpload(local, rest.get(1), bar(err)) : ftp.upload(local, rest.get(1), bar(err));
                    err.println();
                    out.printf("%d bytes sent to %s%n", n, rest.get(1));
                }
            }
            ftp.quit();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println();
            err.println(name + ": " + e.getClass().getName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** A one-line progress bar, redrawn with CR when a whole percent (or, size unknown, a MiB) more has moved. */
    static TransferProgress bar(PrintStream err) {
        long[] shown = {-1};
        return (done, total) -> {
            long step = total > 0 ? done * 100 / total : done >> 20;
            if (step == shown[0]) {
                return;
            }
            shown[0] = step;
            if (total > 0) {
                int filled = (int) (step * 30 / 100);
                err.printf("\r[%s%s] %3d%% %d / %d bytes", "#".repeat(filled), " ".repeat(30 - filled), step, done, total);
            } else {
                err.printf("\r%d bytes", done);
            }
        };
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
