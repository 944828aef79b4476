package org.sockets.protocol.testkit;

/** Holds the package until the hostile server lands; removed then. */
final class Placeholder {
    private Placeholder() {
    }
}
