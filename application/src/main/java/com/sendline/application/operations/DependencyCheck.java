package com.sendline.application.operations;

/** Something this instance cannot work without (Postgres, each Redis), asked whether it answers right now. */
public interface DependencyCheck {
    /** A stable name for the report, e.g. {@code postgres} or {@code redis-queue}. */
    String name();

    /** Must return within its own short timeout and never throw. */
    CheckResult check();
}
