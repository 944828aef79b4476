/** Fixtures shared by the test suites: descriptor counts, peer processes, the peers-required rule. */
module org.sockets.testkit {
    requires transitive org.opentest4j;
    // For NoDescriptorLeaks (a JUnit extension). This module's own tests therefore run on the
    // class path: see the surefire configuration in its pom.
    requires transitive org.junit.jupiter.api;

    exports org.sockets.testkit;
}
