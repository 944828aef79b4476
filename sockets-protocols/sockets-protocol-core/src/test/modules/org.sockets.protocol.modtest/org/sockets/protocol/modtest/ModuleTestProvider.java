package org.sockets.protocol.modtest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.spi.ProtocolProvider;

/** Serves {@code modtest}: the body names the URL's path and the module this class is in. */
public class ModuleTestProvider implements ProtocolProvider {

    @Override
    public String name() {
        return "modtest";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("modtest");
    }

    @Override
    public int defaultPort(String scheme) {
        return 7100;
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) {
        byte[] body = ("modtest served " + uri.getPath() + " from " + getClass().getModule().getName()).getBytes(StandardCharsets.UTF_8);
        return Retrieval.of(new ByteArrayInputStream(body), () -> { });
    }
}
