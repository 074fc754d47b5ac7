package com.sendline.loadtests;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Machine-wide CPU from /proc/stat, this JVM's own CPU time, and every process's CPU time by command name from
 * /proc/[pid]/stat (read only), to tell where the cores went: this JVM, PostgreSQL, Redis or something else.
 */
record CpuSample(long busy, long total, long jvmNanos, Map<String, Long> byCommand, long gcCount, long gcMillis) {
    private static final long SELF = ProcessHandle.current().pid();

    static CpuSample take() {
        long jvm = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        Map<String, Long> byCommand = new HashMap<>();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String command = Long.parseLong(dir.getFileName().toString()) == SELF ? "(this JVM)"
                            : stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // after the command: state(0) ... utime(11) stime(12), in clock ticks
                    byCommand.merge(command, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            byCommand.clear();
        }
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int k = 1; k < f.length; k++) {
                total += Long.parseLong(f[k]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0); // idle + iowait
            return new CpuSample(total - idle, total, jvm, byCommand, collections(), pausedMillis());
        } catch (IOException | RuntimeException e) {
            return new CpuSample(-1, -1, jvm, byCommand, collections(), pausedMillis());
        }
    }

    /** @param jvmDoes what this JVM's CPU time covers, for the reader */
    String describe(CpuSample end, double wallSeconds, String jvmDoes) {
        int cpus = Runtime.getRuntime().availableProcessors();
        String machine = total < 0 || end.total <= total ? "n/a" : String.format(Locale.ROOT, "%.0f %%",
                100.0 * (end.busy - busy) / (end.total - total));
        String jvm = jvmNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (end.jvmNanos - jvmNanos) / 1e9
                / wallSeconds);
        // Clock ticks are USER_HZ, 100 on Linux.
        Map<String, Double> cores = new HashMap<>();
        end.byCommand.forEach((command, ticks) -> {
            double used = (ticks - byCommand.getOrDefault(command, 0L)) / 100.0 / wallSeconds;
            if (used >= 0.01) {
                cores.put(command, used);
            }
        });
        StringBuilder others = new StringBuilder();
        cores.entrySet().stream().filter(e -> !e.getKey().equals("(this JVM)"))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(e -> others.append(String.format(Locale.ROOT, ", %s %.2f", e.getKey(), e.getValue())));
        return "[cpu] over the window: machine busy " + machine + " of " + cpus + " cores; cores used: this JVM "
                + "(" + jvmDoes + ") " + jvm + others;
    }

    /** This JVM's collections between the two samples: a latency tail often lines up with them. */
    String describeGc(CpuSample end, double wallSeconds) {
        return String.format(Locale.ROOT, "[gc] over the window: %d collections, %d ms paused (%.1f %%)",
                end.gcCount - gcCount, end.gcMillis - gcMillis, 100.0 * (end.gcMillis - gcMillis) / 1000 / wallSeconds);
    }

    private static long pausedMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t >= 0).sum();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(t -> t >= 0).sum();
    }
}
