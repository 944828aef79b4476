package org.sockets.protocol.testproviders;

/** Fails in its constructor, as a provider with a missing dependency does: ServiceLoader reports a ServiceConfigurationError. */
public class BrokenProvider extends TestProvider {

    /** Always throws. */
    public BrokenProvider() {
        throw new IllegalStateException("broken on purpose");
    }
}
