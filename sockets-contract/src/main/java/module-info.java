/**
 * The endpoint contract suite: what every {@link org.sockets.api.Endpoint} must do, written once
 * as abstract JUnit classes ({@link org.sockets.contract.StreamContract},
 * {@link org.sockets.contract.DatagramContract}) that each transport's tests extend with a
 * {@link org.sockets.contract.Transport}: a factory of connected pairs, of a listener where it has
 * one, and what it lacks.
 *
 * <p>Test scope only, never shipped. It may depend on {@code org.sockets.api}, which
 * {@code org.sockets.testkit} cannot (the API's own tests use the testkit). In a transport's
 * module-path test run Surefire puts this jar on the class path, as it does the testkit, while the
 * transport under test and the API stay named modules.
 */
module org.sockets.contract {
    requires transitive org.sockets.api;
    requires transitive org.sockets.testkit;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;

    exports org.sockets.contract;
}
