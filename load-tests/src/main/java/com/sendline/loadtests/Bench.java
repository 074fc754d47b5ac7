package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import com.zaxxer.hikari.HikariDataSource;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** What every benchmark shares: how it starts and ends, how it prints, how it settles the database. */
final class Bench {
    private static final PrintStream OUT = System.out;

    private Bench() {
    }

    /** One benchmark run: {@link #run()} returns the exit status; {@link #cleanup()} may be called twice. */
    interface Run {
        int run() throws Exception;

        void cleanup();
    }

    /**
     * Exit 2 on a bad setting, 1 on an error, else what the run returns; cleanup runs on every way out, SIGTERM
     * included.
     */
    static void main(String name, Function<BenchEnv, Run> create) {
        // Before anything creates a logger: the bench's own config, not the application's JSON one.
        System.setProperty("logback.configurationFile", "logback-bench.xml");
        Run bench;
        try {
            bench = create.apply(new BenchEnv(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("bench " + name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanup, "bench-cleanup"));
        int code;
        try {
            code = bench.run();
        } catch (Throwable e) {
            System.err.println("bench " + name + ": FAILED: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.cleanup();
        }
        System.exit(code);
    }

    /** Fresh planner statistics and no pending checkpoint work, so a timed phase starts from a known state. */
    static void quiesce(PostgresUrl databaseUrl, HikariDataSource ds, String table, Set<String> problems) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze " + table);
        } catch (SQLException e) {
            problems.add("analyze " + table + " failed: " + e.getMessage());
        }
        try {
            LocalServices.execute(databaseUrl, "checkpoint");
        } catch (SQLException e) {
            // Needs superuser or pg_checkpoint; without it the phase just starts with whatever is dirty.
        }
    }

    /** One cleanup step that may fail. */
    interface Step {
        void run() throws Exception;
    }

    /** Runs a cleanup step; a failure is reported on stderr and the rest of the cleanup goes on. */
    static void quietly(String bench, String what, Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            System.err.println("bench " + bench + ": cleanup: " + what + " failed: " + e);
        }
    }

    /** A percentile of a histogram of microseconds, in milliseconds with two decimals; "n/a" when empty. */
    static String ms(Histogram h, double percentile) {
        if (h == null || h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    static void say(String line) {
        OUT.println(line);
        OUT.flush();
    }

    static String secs(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.2f", s);
    }

    static String rate(double r) {
        return format(r, "%.0f");
    }

    static String ratio(double r) {
        return format(r, "%.2f");
    }

    static String pct(double p) {
        return format(p, "%.1f");
    }

    private static String format(double v, String pattern) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, pattern, v);
    }
}
