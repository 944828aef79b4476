package org.sockets.protocol.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.sockets.protocol.sasl.SaslMechanism;
import org.sockets.protocol.sasl.SaslReply;
import org.sockets.protocol.sasl.SaslResponse;
import org.sockets.protocol.sasl.SaslTransport;

/**
 * The least POP3 that carries SASL (RFC 5034 AUTH) over a JDK socket, for the SASL tests against
 * dovecot until the POP3 client exists: greeting, CAPA, STLS, AUTH, one command, QUIT. It keeps a
 * transcript as a protocol client logs it, secret responses masked.
 */
final class Pop3Auth implements SaslTransport, AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final boolean initialResponse;
    final List<String> transcript = new ArrayList<>();
    final List<SaslResponse> sent = new ArrayList<>();

    private Pop3Auth(Socket socket, boolean initialResponse) throws IOException {
        this.initialResponse = initialResponse;
        use(socket);
        String greeting = line();
        if (!greeting.startsWith("+OK")) {
            close();
            throw new IOException("no POP3 greeting: " + greeting);
        }
    }

    /** Plain text, optionally upgraded with STLS. */
    static Pop3Auth connect(Dovecot d, SSLContext stls, boolean initialResponse) throws IOException {
        Pop3Auth p = new Pop3Auth(socket(d.pop3Port()), initialResponse);
        try {
            if (stls != null) {
                p.command("STLS");
                SSLSocket tls = (SSLSocket) stls.getSocketFactory().createSocket(p.socket, "localhost", d.pop3Port(), true);
                tls.startHandshake();
                p.use(tls);
            }
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Implicit TLS (the 995-style port). */
    static Pop3Auth connectTls(Dovecot d, SSLContext tls, boolean initialResponse) throws IOException {
        Socket raw = socket(d.pop3sPort());
        try {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", d.pop3sPort(), true);
            s.startHandshake();
            return new Pop3Auth(s, initialResponse);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static Socket socket(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** The SASL mechanisms CAPA lists. */
    List<String> saslMechanisms() throws IOException {
        command("CAPA");
        List<String> mechs = new ArrayList<>();
        // Bounded: CAPA lists a few dozen lines at most.
        for (int i = 0; i < 100; i++) {
            String l = line();
            if (l.equals(".")) {
                return mechs;
            }
            if (l.startsWith("SASL ")) {
                mechs.addAll(List.of(l.substring(5).trim().split(" +")));
            }
        }
        throw new IOException("CAPA without end");
    }

    /** Sends a command, returns its +OK line or throws with the -ERR line. */
    String command(String command) throws IOException {
        send(command, command);
        String reply = line();
        if (!reply.startsWith("+OK")) {
            throw new IOException(command + ": " + reply);
        }
        return reply;
    }

    @Override
    public boolean initialResponseAllowed() {
        return initialResponse;
    }

    @Override
    public SaslReply start(SaslMechanism mechanism, Optional<SaslResponse> ir) throws IOException {
        ir.ifPresent(sent::add);
        String wire = "AUTH " + mechanism.saslName() + ir.map(r -> " " + (r.length() == 0 ? "=" : b64(r))).orElse("");
        send(wire, "AUTH " + mechanism.saslName() + ir.map(r -> " " + (r.secret() ? "****" : r.length() == 0 ? "=" : b64(r))).orElse(""));
        return reply();
    }

    @Override
    public SaslReply respond(SaslResponse response) throws IOException {
        sent.add(response);
        send(b64(response), response.secret() ? "****" : b64(response));
        return reply();
    }

    @Override
    public SaslReply cancel() throws IOException {
        send("*", "*");
        return reply();
    }

    private SaslReply reply() throws IOException {
        String l = line();
        if (l.startsWith("+OK")) {
            return new SaslReply.Success(Optional.empty());
        }
        if (l.startsWith("-ERR")) {
            return new SaslReply.Failure("-ERR", l.substring(4).strip());
        }
        if (l.equals("+") || l.startsWith("+ ")) {
            return new SaslReply.Challenge(Base64.getDecoder().decode(l.length() > 2 ? l.substring(2).trim() : ""));
        }
        throw new IOException("not a POP3 AUTH reply: " + l);
    }

    private static String b64(SaslResponse r) {
        return Base64.getEncoder().encodeToString(r.bytes());
    }

    private void send(String wire, String shown) throws IOException {
        transcript.add("C: " + shown);
        out.write((wire + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // Bounded: 8 KiB per line.
        for (int i = 0; i < 8192; i++) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + b.size() + " bytes of a line; transcript " + transcript);
            }
            if (c == '\n') {
                String l = b.toString(StandardCharsets.UTF_8);
                l = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
                transcript.add("S: " + l);
                return l;
            }
            b.write(c);
        }
        throw new IOException("line longer than 8 KiB");
    }

    String transcriptText() {
        return String.join("\n", transcript);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
