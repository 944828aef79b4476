package org.sockets.contract;

/** The two kinds of thread every blocking call must serve. */
public enum ThreadKind {
    /** A platform thread: blocks in the system call, or parks on its own. */
    PLATFORM,
    /** A virtual thread: parks, freeing its carrier. */
    VIRTUAL
}
