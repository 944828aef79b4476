package org.sockets.protocol;

import java.util.List;
import java.util.ArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-scope slf4j provider that keeps every message at DEBUG and above, formatted, with its
 * logger's name: what the masking tests read.
 */
public final class CapturingLogs implements SLF4JServiceProvider {

    /** The most events kept; the huge-input tests log hundreds of thousands of lines. */
    private static final int MAX = 10_000;
    /** "logger|LEVEL|message" for each event since the last {@link #clear()}, the first {@link #MAX}. */
    private static final List<String> EVENTS = new ArrayList<>();

    private final ILoggerFactory factory = Capturing::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Made by slf4j's ServiceLoader. */
    public CapturingLogs() {
    }

    static void clear() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
    }

    static String all() {
        synchronized (EVENTS) {
            return String.join("\n", EVENTS);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Capturing extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Capturing(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
            synchronized (EVENTS) {
                if (EVENTS.size() < MAX) {
                    EVENTS.add(name + "|" + level + "|" + MessageFormatter.basicArrayFormat(msg, args));
                }
            }
        }
    }
}
