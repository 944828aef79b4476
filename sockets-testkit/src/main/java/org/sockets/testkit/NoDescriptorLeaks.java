package org.sockets.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that fails a test which leaves more file descriptors open than it found:
 * it takes {@link Fds#count()} before each test (before the class's own {@code @BeforeEach}
 * methods) and calls {@link Fds#assertBackTo(int)} after it (after its {@code @AfterEach}
 * methods), so set-up and tear-down are inside the count.
 *
 * {@snippet :
 * @ExtendWith(NoDescriptorLeaks.class)
 * class MyTest { ... }
 * }
 *
 * <p>Descriptors the JDK opens once per process are opened by {@link Fds} itself before the
 * first count; anything else a suite opens once and keeps (a transport's own poller, resolver
 * state) must be opened in a {@code @BeforeAll} of the test class.
 */
public final class NoDescriptorLeaks implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoDescriptorLeaks.class);
    private static final String BEFORE = "descriptors before";

    /** Created by JUnit, from {@code @ExtendWith}. */
    public NoDescriptorLeaks() {
    }

    /**
     * Counts the open descriptors before the test.
     *
     * @param context the test's context, which keeps the count until {@link #afterEach}
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(BEFORE, Fds.count());
    }

    /**
     * Asserts the count is back to what it was before the test.
     *
     * @param context the test's context, holding the count taken before it
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Integer before = context.getStore(NAMESPACE).get(BEFORE, Integer.class);
        if (before != null) { // null only if beforeEach never ran, which JUnit has reported already
            Fds.assertBackTo(before);
        }
    }
}
