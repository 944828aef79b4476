package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sockets.protocol.ClientOptions;
import org.sockets.xmlrpc.XmlRpcClient;
import org.sockets.xmlrpc.XmlRpcFaultException;

/**
 * {@code bin/sample xmlrpc-call URL METHOD [ARG...]}: one XML-RPC call, its value printed. An
 * argument that reads as an int, a double, {@code true}/{@code false} or {@code nil} (with
 * {@code --allow-none}) is sent as one, anything else as a string; a fault prints its code and
 * text and exits with status 3.
 */
final class XmlRpcSample {

    static final String USAGE_TEXT = """
            usage: bin/sample xmlrpc-call URL METHOD [ARG...] [--allow-none] [--cacert PEM]
                   [--unix-socket PATH] [--read-timeout S]
              each ARG is an int, a double, true/false, nil (with --allow-none) or else a string;
              --unix-socket connects to PATH, the URL still names the Host and the path""";

    private XmlRpcSample() {
    }

    /** The entry point of {@code bin/sample xmlrpc-call}. */
    static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Calls as the command line says.
     *
     * @return 0 on success, 2 for usage errors, 3 for a fault, 1 for other failures (one line on {@code err})
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        ClientOptions options = ClientOptions.defaults();
        boolean allowNone = false;
        Path unix = null;
        XmlRpcClient.Builder builder;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--allow-none" -> allowNone = true;
                    case "--cacert" -> options = options.withTrustedCertificates(Path.of(value(args, ++i, a)));
                    case "--unix-socket" -> unix = Path.of(value(args, ++i, a));
                    case "--read-timeout" -> options = options.withReadTimeout(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        positional.add(a);
                    }
                }
            }
            if (positional.size() < 2) {
                throw new IllegalArgumentException("URL and METHOD are required");
            }
            builder = XmlRpcClient.builder(URI.create(positional.get(0))).options(options).allowNone(allowNone);
            if (unix != null) {
                builder.unixSocket(unix);
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("xmlrpc-call: usage error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return 2;
        }
        String method = positional.get(1);
        Object[] params = positional.subList(2, positional.size()).stream().map(XmlRpcSample::parse).toArray();
        try (XmlRpcClient rpc = builder.build()) {
            out.println(show(rpc.call(method, params)));
            return 0;
        } catch (XmlRpcFaultException fault) {
            err.println("xmlrpc-call: fault " + fault.faultCode() + ": " + fault.faultString());
            return 3;
        } catch (IOException | RuntimeException e) {
            err.println("xmlrpc-call: " + e.getClass().getName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** A command-line word as the XML-RPC value it most plainly is. */
    static Object parse(String word) {
        if (word.equals("true") || word.equals("false")) {
            return Boolean.parseBoolean(word);
        }
        if (word.equals("nil")) {
            return null;
        }
        if (word.matches("[+-]?[0-9]{1,10}")) {
            long v = Long.parseLong(word);
            if (v == (int) v) {
                return (int) v;
            }
        }
        if (word.matches("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            return Double.parseDouble(word);
        }
        return word;
    }

    /** A value as a line of text: strings quoted, bytes in base64, dates in ISO form. */
    static String show(Object v) {
        return switch (v) {
            case null -> "nil";
            case String s -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
            case byte[] b -> "base64:" + Base64.getEncoder().encodeToString(b);
            case LocalDateTime t -> t.toString();
            case Map<?, ?> m -> m.entrySet().stream().map(e -> show(e.getKey()) + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case List<?> l -> l.stream().map(XmlRpcSample::show).collect(Collectors.joining(", ", "[", "]"));
            default -> v.toString();
        };
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
