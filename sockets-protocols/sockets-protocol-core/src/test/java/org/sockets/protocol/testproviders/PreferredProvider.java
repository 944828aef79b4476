package org.sockets.protocol.testproviders;

import java.util.Set;

/** Serves {@code test} too, at a higher priority: chosen unless the override property names another. */
public class PreferredProvider extends TestProvider {

    @Override
    public String name() {
        return "preferred";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("test");
    }

    @Override
    public int priority() {
        return 5;
    }
}
