package com.sendline.loadtests;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the warnings and errors logged during a benchmark (the engine's own complaints: failed steps, reconcile
 * repairs, stuck sends), so the summary can say whether the run was clean. Installed by logback-bench.xml.
 */
public final class LogCounter extends Filter<ILoggingEvent> {
    private static final AtomicLong WARNINGS = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    private static final List<String> FIRST = new ArrayList<>();

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            (event.getLevel() == Level.ERROR ? ERRORS : WARNINGS).incrementAndGet();
            synchronized (FIRST) {
                if (FIRST.size() < 5) {
                    String msg = event.getFormattedMessage();
                    FIRST.add(event.getLevel() + " " + event.getLoggerName() + ": "
                            + (msg.length() > 300 ? msg.substring(0, 300) + "..." : msg));
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    static long warnings() {
        return WARNINGS.get();
    }

    static long errors() {
        return ERRORS.get();
    }

    static List<String> first() {
        synchronized (FIRST) {
            return List.copyOf(FIRST);
        }
    }
}
