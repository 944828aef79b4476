package org.sockets.protocol.testproviders;

import java.util.Set;

/** Loads, but names a scheme in upper case, which no lower-cased URL could match. */
public class UpperCaseProvider extends TestProvider {

    @Override
    public String name() {
        return "upper";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("Upper");
    }
}
