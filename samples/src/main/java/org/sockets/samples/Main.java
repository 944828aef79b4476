package org.sockets.samples;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one sample by name: {@code bin/sample NAME [options]}; {@code bin/sample list} lists them. */
public final class Main {

    private interface Sample {
        void run(String[] args) throws Exception;
    }

    private record Entry(String summary, Sample sample) {
    }

    private static final Map<String, Entry> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("server", new Entry("the tutorial server: thanks every client for connecting", Server::main));
        SAMPLES.put("client", new Entry("the tutorial client: prints what the server says", Client::main));
        SAMPLES.put("memory", new Entry("server and client over a custom, in-memory transport", MemoryDemo::main));
        SAMPLES.put("udp-echo-server", new Entry("UDP echo server: sends every datagram back to its sender", UdpEchoServer::main));
        SAMPLES.put("udp-echo-client", new Entry("UDP echo client: sends one message, prints the echo", UdpEchoClient::main));
        SAMPLES.put("tls-echo-server", new Entry("TLS echo server over TCP or a Unix socket (--cert, --key, --port|--unix)", TlsEchoServer::main));
        SAMPLES.put("tls-echo-client", new Entry("TLS echo client: sends one message, prints the echo (--ca, --peer-host)", TlsEchoClient::main));
        SAMPLES.put("unix-echo", new Entry("echo over a Unix socket file (--role demo|server|client, --path)", UnixSamples::echo));
        SAMPLES.put("unix-abstract", new Entry("echo over a Linux abstract name (--role, --name)", UnixSamples::abstractEcho));
        SAMPLES.put("unix-credentials", new Entry("the server names each client's pid/uid/gid (SO_PEERCRED)", UnixSamples::credentials));
        SAMPLES.put("fetch", new Entry("fetch URL [-o FILE]: a URL's body by any protocol module present (--user, SOCKETS_PASSWORD, --verbose)", Fetch::main));
        SAMPLES.put("ftp-list", new Entry("lists an FTP folder (--host, [--user, SOCKETS_PASSWORD], [FOLDER])", FtpSamples::list));
        SAMPLES.put("ftp-get", new Entry("downloads a file over FTP with a progress bar (--resume continues a broken one)", FtpSamples::get));
        SAMPLES.put("ftp-put", new Entry("uploads a file over FTP with a progress bar (--resume continues a broken one)", FtpSamples::put));
        SAMPLES.put("pop3-list", new Entry("lists a POP3 mailbox over TLS (--host, --user, SOCKETS_PASSWORD, --unix-socket)", Pop3List::main));
        SAMPLES.put("http-get", new Entry("one HTTP/1.1 request: prints status, headers and body (--unix-socket PATH, --head, --cacert)", HttpGet::main));
        SAMPLES.put("xmlrpc-call", new Entry("one XML-RPC call: URL METHOD [ARG...], prints the value (--allow-none, --unix-socket)", XmlRpcSample::main));
        SAMPLES.put("unix-pass-file", new Entry("the client passes an open file; the server reads it (SCM_RIGHTS)", UnixSamples::passFile));
    }

    private Main() {
    }

    /**
     * Runs the sample named by the first argument. An expected failure (the server is not there,
     * the port is taken, a bad option) prints one line naming it and exits with status 1; only a
     * bug in a sample prints a stack trace.
     *
     * @param args the sample's name, then its options
     * @throws Exception what a sample throws that is not an I/O or usage failure (a bug)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("list") || !SAMPLES.containsKey(args[0])) {
            if (args.length > 0 && !args[0].equals("list")) {
                System.err.println("no sample named '" + args[0] + "'");
            }
            System.out.println("usage: bin/sample NAME [options]; the samples:");
            SAMPLES.forEach((name, e) -> System.out.printf("  %-17s %s%n", name, e.summary()));
            if (args.length > 0 && !args[0].equals("list")) {
                System.exit(2);
            }
            return;
        }
        try {
            SAMPLES.get(args[0]).sample().run(Arrays.copyOfRange(args, 1, args.length));
        } catch (Exception e) {
            String line = failure(e);
            if (line == null) {
                throw e;
            }
            System.err.println("bin/sample " + args[0] + ": " + line);
            System.exit(1);
        }
    }

    /** One line for an expected failure (I/O or usage, possibly wrapped); null for anything else. */
    static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof IllegalArgumentException) {
                String message = t.getMessage() == null ? "" : ": " + t.getMessage();
                return t.getClass().getSimpleName() + message;
            }
        }
        return null;
    }
}
