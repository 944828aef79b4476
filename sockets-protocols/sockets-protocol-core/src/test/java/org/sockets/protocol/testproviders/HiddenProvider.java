package org.sockets.protocol.testproviders;

import java.util.Set;

/** A negative priority: serves {@code hidden} only when the override property names it. */
public class HiddenProvider extends TestProvider {

    @Override
    public String name() {
        return "hidden";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("hidden");
    }

    @Override
    public int defaultPort(String scheme) {
        return 7003;
    }

    @Override
    public int priority() {
        return -1;
    }
}
