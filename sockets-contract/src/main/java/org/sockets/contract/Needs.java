package org.sockets.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a contract test that applies only to transports with these features: for a transport
 * that {@link Transport#lacking lacks} one, JUnit reports the test as skipped, naming what is
 * missing (see {@link NeedsCondition}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsCondition.class)
public @interface Needs {
    /**
     * The features the test uses.
     *
     * @return at least one feature
     */
    Feature[] value();
}
