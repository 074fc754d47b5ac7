package com.sendline.loadtests;

import java.time.Duration;
import java.util.Map;

/** Reads BENCH_* variables; a bad value stops the benchmark before it touches anything. */
final class BenchEnv {
    private final Map<String, String> env;

    BenchEnv(Map<String, String> env) {
        this.env = env;
    }

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number (got \"" + raw + "\")");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + " (got " + value + ")");
        }
        return value;
    }

    Duration seconds(String name, int fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }
}
