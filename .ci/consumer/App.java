package demo;

import java.nio.charset.StandardCharsets;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * CI's consumer of the installed jars (README's POM): a TCP round trip through the transport
 * found at run time, and a Unix socket pair, which needs the native-access grant on the command
 * line. Prints one line per check; exits non-zero through an exception otherwise.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("consumer on the " + (App.class.getModule().isNamed() ? "module" : "class") + " path");
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
            server.bind(Address.of("127.0.0.1", 0)).listen(5);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM)) {
                client.connect(server.localAddress());
                try (Endpoint conn = server.accept()) {
                    conn.sendAll("Thank you for connecting\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                System.out.print("tcp: " + new String(client.recv(1024), StandardCharsets.US_ASCII));
            }
        }
        try (EndpointPair pair = Sockets.pair(Family.UNIX, SocketType.STREAM)) {
            pair.first().sendAll("over a Unix socket pair".getBytes(StandardCharsets.UTF_8));
            System.out.println("unix: " + new String(pair.second().recv(1024), StandardCharsets.UTF_8));
        }
    }
}
