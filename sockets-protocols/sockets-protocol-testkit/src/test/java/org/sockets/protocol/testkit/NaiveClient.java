package org.sockets.protocol.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately naive client, the kind the kit's scenarios exist to catch: readLine with no
 * limit, sizes trusted, a per-read socket timeout, no checks on what it writes, and a read buffer
 * kept across STARTTLS. Every scenario must break it first, so none passes for the wrong reason.
 */
final class NaiveClient implements AutoCloseable {

    private final Socket socket;
    private Socket current;
    private final BufferedReader reader;
    private OutputStream out;

    NaiveClient(int port, Duration soTimeout) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) soTimeout.toMillis());
        current = socket;
        reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    String readLine() throws IOException {
        return reader.readLine();
    }

    void command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads "+OK n octets", allocates n bytes and fills them, as a client trusting sizes does. */
    byte[] retrTrustingSize() throws IOException {
        String status = readLine();
        int n = Integer.parseInt(status.split(" ")[1]);
        byte[] body = new byte[n];
        InputStream in = current.getInputStream();
        int got = 0;
        while (got < n) {
            int r = in.read(body, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return body;
    }

    /** Lines up to "." or end of stream: a cut block comes back as a short success. */
    List<String> readDotBlock() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine()) != null && !line.equals(".")) {
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
        return lines;
    }

    /** An FTP reply the way a naive reader takes it: keep reading while the 4th character is '-'. */
    String ftpReply() throws IOException {
        String line = readLine();
        while (line.length() > 3 && line.charAt(3) == '-') {
            line = readLine();
        }
        return line;
    }

    /** Dot-stuffs only CRLF-dot, leaves bare LF alone. */
    void sendBody(String body) throws IOException {
        out.write((body.replace("\r\n.", "\r\n..") + "\r\n.\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Starts TLS but keeps reading through the buffered reader made before it. */
    void startTlsKeepingTheOldReader(SSLContext trusting) throws IOException {
        SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.startHandshake();
        current = tls;
        out = tls.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        current.close();
        socket.close();
    }
}
