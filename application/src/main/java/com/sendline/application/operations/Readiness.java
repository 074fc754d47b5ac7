package com.sendline.application.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this instance should receive traffic: every dependency answers and it is not draining. Liveness is a
 * different question (is the process itself healthy?) and deliberately ignores dependencies, so a Redis outage
 * makes instances unready, not restarted.
 */
public final class Readiness {
    private final List<DependencyCheck> checks;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();

    public Readiness(List<DependencyCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Start-up (migrations, seeding, warm-up) is over: the instance may be given traffic. */
    public void markStarted() {
        started.set(true);
    }

    public void markDraining() {
        draining.set(true);
    }

    public boolean isDraining() {
        return draining.get();
    }

    public Report report() {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (DependencyCheck check : checks) {
            results.put(check.name(), check.check());
        }
        boolean up = started.get() && !draining.get() && results.values().stream().allMatch(CheckResult::up);
        return new Report(up, !started.get(), draining.get(), results);
    }

    public record Report(boolean up, boolean starting, boolean draining, Map<String, CheckResult> checks) {
        public Report {
            checks = Map.copyOf(checks);
        }
    }
}
