package org.sockets.ftp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sockets.protocol.AuthenticationFailedException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.Reply;
import org.sockets.protocol.Secret;

/** FEAT, OPTS UTF8 ON, then USER / PASS / ACCT (or anonymous), then TYPE I. */
final class Login {

    private Login() {
    }

    static FtpFeatures run(Control control, ClientOptions options, FtpClient.Settings settings) throws IOException {
        FtpFeatures features = askFeatures(control);
        if (features.has("UTF8")) {
            control.ask(Command.of("OPTS", "UTF8 ON")); // RFC 2640; refusals change nothing, paths are UTF-8 anyway
        } else {
            control.charset(settings.fallbackEncoding());
        }
        String user = options.credentials().map(Credentials::user).orElse("anonymous");
        Reply r = control.ask(Command.of("USER", user));
        if (r.code() == 331 || r.code() == 332) {
            control.connection().beginOperation();
            try {
                if (options.credentials().isPresent()) {
                    control.connection().sendCredential(Command.of("PASS"), Secret.password(options.credentials().get()));
                } else {
                    control.connection().send(Command.of("PASS", settings.anonymousPassword()));
                }
                r = control.reply();
            } finally {
                control.connection().endOperation();
            }
        }
        if (r.code() == 332) {
            if (settings.account() == null) {
                throw new AuthenticationFailedException("ACCT", "332", r.text() + " (the server wants an account: set FtpClientBuilder.account)");
            }
            r = control.ask(Command.of("ACCT", settings.account()));
        }
        if (r.code() != 230 && r.code() != 202) {
            throw new AuthenticationFailedException("login as " + user, Integer.toString(r.code()), r.text());
        }
        control.expect(Command.of("TYPE", "I"), 200, 200);
        return features;
    }

    private static FtpFeatures askFeatures(Control control) throws IOException {
        Reply r = control.ask(Command.of("FEAT"));
        if (r.code() != 211) {
            return new FtpFeatures(List.of());
        }
        List<String> lines = new ArrayList<>();
        // RFC 2389: the first and last lines are the frame; each feature line starts with a space.
        for (int i = 1; i < r.lines().size() - 1; i++) {
            String l = r.lines().get(i).strip();
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return new FtpFeatures(lines);
    }

}
