package org.sockets.unix.internal;

import java.lang.ref.Cleaner;

/** The one {@link Cleaner} of this module, so that it runs one cleaner thread, not one per class. */
final class Cleaners {

    /**
     * Closes the descriptors of endpoints and {@link org.sockets.unix.Descriptor}s dropped without
     * {@code close()}: a caller's bug, mended late.
     */
    static final Cleaner CLEANER = Cleaner.create();

    private Cleaners() {
    }
}
