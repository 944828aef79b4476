package org.sockets.protocol.testproviders;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.spi.ProtocolProvider;

/** A test provider for {@code test} and {@code tests}: the body says who served what, no network. */
public class TestProvider implements ProtocolProvider {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("test", "tests");
    }

    @Override
    public int defaultPort(String scheme) {
        return switch (scheme) {
            case "test" -> 7001;
            case "tests" -> 7002;
            default -> throw new IllegalArgumentException("not served: " + scheme);
        };
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) {
        String body = name() + " served " + address(uri) + " path " + uri.getPath() + " user "
                + options.credentials().map(Credentials::user).orElse("-");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Retrieval.of(new ByteArrayInputStream(bytes), () -> { }).withLength(bytes.length).withContentType("text/plain");
    }
}
