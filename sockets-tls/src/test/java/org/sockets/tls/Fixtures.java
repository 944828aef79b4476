package org.sockets.tls;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;

/** What the TLS tests share: the certificates, client options that trust them, peers in Python. */
final class Fixtures {

    static final Duration WAIT = Duration.ofSeconds(15);

    private Fixtures() {
    }

    static TestCertificates certs() {
        return TestCertificates.get();
    }

    static TlsOptions clientOptions(String host) throws IOException {
        return TlsOptions.defaults().withTrustedCertificates(certs().caPem()).withPeerHost(host);
    }

    static TlsOptions serverOptions(TestCertificates.Identity id) throws IOException {
        return TlsOptions.defaults().withServerCertificate(id.chainPem(), id.keyPem());
    }

    static Path script() {
        try {
            return Path.of(Fixtures.class.getResource("tls_peer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running Python ssl server and its ports. */
    record PyServer(PeerProcess process, List<Integer> ports) implements AutoCloseable {
        int port() {
            return ports.getFirst();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    static PyServer pythonServer(TestCertificates.Identity id, String... extra) throws IOException {
        Path python = Peers.program("python3");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", script().toString(), "server",
                "--cert", id.chainPem().toString(), "--key", id.keyPem().toString()));
        cmd.addAll(List.of(extra));
        int ports = 1;
        for (int i = 0; i < extra.length - 1; i++) {
            if (extra[i].equals("--ports")) {
                ports = Integer.parseInt(extra[i + 1]);
            }
        }
        PeerProcess p = PeerProcess.start(cmd.toArray(String[]::new));
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            found.add(Integer.parseInt(p.awaitLine(l -> l.startsWith("PORT "), WAIT).substring(5).trim()));
        }
        return new PyServer(p, List.copyOf(found));
    }

    static PeerProcess pythonClient(int port, String host, String... extra) throws IOException {
        Path python = Peers.program("python3");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", script().toString(), "client",
                "--ca", certs().caPem().toString(), "--port", Integer.toString(port), "--host", host));
        cmd.addAll(List.of(extra));
        return PeerProcess.start(cmd.toArray(String[]::new));
    }

    static Endpoint tcp(String host, int port) throws IOException {
        return Sockets.connect(Address.of(host, port));
    }

    static Endpoint tcp(int port) throws IOException {
        return tcp("127.0.0.1", port);
    }
}
