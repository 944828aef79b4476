/** Fixtures shared by the test suites: descriptor counts, peer processes, the peers-required rule. */
module org.sockets.testkit {
    requires transitive org.opentest4j;

    exports org.sockets.testkit;
}
