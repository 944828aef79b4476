package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sockets.http.Http1Client;
import org.sockets.http.Request;
import org.sockets.http.Response;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.HeaderField;

/**
 * {@code bin/sample http-get URL [--unix-socket PATH] [--head] [--cacert PEM]}: one request with
 * the HTTP/1.1 client, printing the status line, the headers, an empty line and the body (then
 * any trailers), as {@code curl -i} does. With {@code --unix-socket}, the request goes to that
 * socket and the URL still gives the {@code Host} header and the path, as curl's
 * {@code --unix-socket}: {@code bin/sample http-get --unix-socket /run/docker.sock http://localhost/version}.
 */
final class HttpGet {

    static final String USAGE_TEXT = """
            usage: bin/sample http-get URL [--unix-socket PATH] [--head] [--cacert PEM] [--read-timeout S]
              URL                 an http:// or https:// URL
              --unix-socket PATH  connect to this Unix socket; the URL still names the host (Host header) and path
              --head              send HEAD instead of GET
              --cacert PEM        trust only the certificate authorities in this PEM file (https)
              --read-timeout S    seconds an answer may take, or a body may pause (default 30)
            exit status: 0 for a 2xx answer read whole, 22 for another status (as curl -f), 2 usage, 1 failure""";

    private HttpGet() {
    }

    /** The entry point of {@code bin/sample http-get}. */
    static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Fetches as the command line says.
     *
     * @param args the arguments after {@code http-get}
     * @param out  where the status line, headers and body go
     * @param err  where errors go
     * @return 0 for 2xx, 22 for another status, 2 for usage errors, 1 for failures
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        URI uri = null;
        boolean head = false;
        ClientOptions options = ClientOptions.defaults();
        Request request;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--unix-socket" -> options = options.withConnector(Connector.unixPath(Path.of(value(args, ++i, a))));
                    case "--head" -> head = true;
                    case "--cacert" -> options = options.withTrustedCertificates(Path.of(value(args, ++i, a)));
                    case "--read-timeout" -> options = options.withReadTimeout(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    default -> {
                        if (a.startsWith("-") || uri != null) {
                            throw new IllegalArgumentException("unknown argument " + a);
                        }
                        uri = URI.create(a);
                    }
                }
            }
            if (uri == null) {
                throw new IllegalArgumentException("a URL is required");
            }
            request = head ? Request.head(uri) : Request.get(uri);
        } catch (IllegalArgumentException | IOException e) {
            err.println("http-get: usage error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return 2;
        }
        try (Http1Client client = Http1Client.create(options);
             Response r = client.send(request)) {
            out.println(r.version() + " " + r.status() + " " + r.reason());
            for (HeaderField f : r.headers().fields()) {
                out.println(f.name() + ": " + f.value());
            }
            out.println();
            r.body().transferTo(out);
            for (HeaderField f : r.trailers().fields()) {
                out.println(f.name() + ": " + f.value());
            }
            out.flush();
            return r.isSuccess() ? 0 : 22;
        } catch (IOException | RuntimeException e) {
            err.println("http-get: " + e.getClass().getName() + ": " + e.getMessage());
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
