import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS 1.3 server for the KeyUpdate test, run in its own JVM with a tiny
 * jdk.tls.keyLimits, so it updates its keys (asking the peer to update too) every few KiB.
 * Args: pkcs12 password megabytes. Prints "PORT p"; sends the bytes 0..255 repeated, then reads
 * the client's echo of the count, then closes with close_notify.
 */
public class KeyUpdatePeer {
    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(a[0])) {
            ks.load(in, a[1].toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, a[1].toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        int total = Integer.parseInt(a[2]) << 20;
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ss.setEnabledProtocols(new String[] {"TLSv1.3"});
            System.out.println("PORT " + ss.getLocalPort());
            try (SSLSocket s = (SSLSocket) ss.accept()) {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[1000];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) i;
                }
                int sent = 0;
                while (sent < total) {
                    int n = Math.min(chunk.length, total - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
                out.flush();
                // the client answers with a line once it has everything: reading it takes our
                // key updates' answers too
                InputStream in = s.getInputStream();
                StringBuilder sb = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    sb.append((char) c);
                }
                System.out.println("CLIENT SAYS " + sb);
            }
            System.out.println("CLOSED");
        }
    }
}
