package com.sendline.bootstrap.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed values out of the environment, failing with a message that names the variable. */
final class Env {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = values;
    }

    Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    int positiveInt(String name, int fallback) {
        return integer(name, fallback, 1, "a positive whole number");
    }

    int integer(String name, int fallback, int min, String what) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationError(name + " must be " + what + " (got \"" + raw.get() + "\")");
    }

    int port(String name, int fallback) {
        int port = integer(name, fallback, 0, "a port number between 0 and 65535");
        if (port > 65_535) {
            throw new ConfigurationError(name + " must be a port number between 0 and 65535 (got \"" + port + "\")");
        }
        return port;
    }

    Duration duration(String name, Duration fallback, Duration min) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
            if (d.compareTo(min) >= 0) {
                return d;
            }
            throw new ConfigurationError(name + " must be at least " + min.toMillis() + "ms (got \"" + raw.get() + "\")");
        }
        throw new ConfigurationError(name + " must be a duration such as 500ms, 5s, 2m or 7d (got \"" + raw.get() + "\")");
    }

    boolean flag(String name, boolean fallback) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigurationError(name + " must be true or false (got \"" + raw.get() + "\")");
        };
    }
}
