package org.sockets.ftp;

import java.io.IOException;
import java.time.Duration;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;

/** Scripts of the hostile server that play an FTP server up to the point a test cares about. */
final class Kit {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Kit() {
    }

    static ClientOptions options() {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(3)).withConnectTimeout(Duration.ofSeconds(3));
    }

    /** Greeting, FEAT (EPSV, SIZE; no UTF8), anonymous login, TYPE I. */
    static Script login() {
        return Script.of().send("220 kit ftp\r\n")
                .expect("FEAT").send("211-Features:\r\n EPSV\r\n SIZE\r\n211 End\r\n")
                .expect("USER anonymous").send("331 password please\r\n")
                .expect("PASS anonymous@").send("230 in\r\n")
                .expect("TYPE I").send("200 binary\r\n");
    }

    /** The login's lines as the client sends them. */
    static final String LOGIN_LINES = "FEAT\r\nUSER anonymous\r\nPASS anonymous@\r\nTYPE I\r\n";

    /** {@code script}, then EPSV answered with the session's data port. */
    static Script epsv(Script script) {
        return script.expect("EPSV").then("announce the data port", s -> s.send("229 Entering Extended Passive Mode (|||" + s.dataPort() + "|)\r\n"));
    }

    static FtpClient connect(HostileServer s) throws IOException {
        return connect(s, FtpClient.builder("127.0.0.1"));
    }

    static FtpClient connect(HostileServer s, FtpClientBuilder b) throws IOException {
        return b.port(s.port()).options(options()).connect();
    }
}
