package com.sendline.bootstrap.config;

import java.time.Duration;

/**
 * Outbound partner webhooks.
 *
 * @param maxAttempts    tries before a delivery is dead-lettered (WEBHOOK_MAX_ATTEMPTS)
 * @param connectTimeout how long connecting to a receiver may take (WEBHOOK_CONNECT_TIMEOUT)
 * @param timeout        how long one whole try may take, answer included (WEBHOOK_TIMEOUT)
 * @param concurrency    deliveries in flight at once per instance (WEBHOOK_CONCURRENCY)
 * @param retryFirst     the longest wait after the first failed try; each later one waits up to three times longer
 *                       (WEBHOOK_RETRY_FIRST)
 * @param retryCap       the longest wait between two tries (WEBHOOK_RETRY_CAP)
 * @param poll           how often an instance looks for due deliveries (WEBHOOK_POLL)
 * @param privateTargets whether deliveries may go to loopback, private, link-local or other internal addresses
 *                       (WEBHOOK_PRIVATE_TARGETS): refused by default, allowed by default on an embedded trial
 * @param keepEvents     how long Meta's processed webhook events are kept (RETENTION_WEBHOOK_EVENTS)
 * @param keepDeliveries how long finished partner webhook deliveries are kept (RETENTION_WEBHOOK_DELIVERIES)
 */
public record WebhookSettings(int maxAttempts, Duration connectTimeout, Duration timeout, int concurrency,
                              Duration retryFirst, Duration retryCap, Duration poll, boolean privateTargets,
                              Duration keepEvents, Duration keepDeliveries) {

    static WebhookSettings from(Env env, boolean embedded) {
        int attempts = env.integer("WEBHOOK_MAX_ATTEMPTS", 8, 1, "a whole number of at least 1");
        Duration connect = env.duration("WEBHOOK_CONNECT_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(100));
        Duration timeout = env.duration("WEBHOOK_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100));
        int concurrency = env.integer("WEBHOOK_CONCURRENCY", 32, 1, "a whole number of at least 1");
        Duration first = env.duration("WEBHOOK_RETRY_FIRST", Duration.ofSeconds(10), Duration.ofMillis(10));
        Duration cap = env.duration("WEBHOOK_RETRY_CAP", Duration.ofHours(1), Duration.ofMillis(10));
        if (cap.compareTo(first) < 0) {
            throw new ConfigurationError("WEBHOOK_RETRY_CAP must be at least WEBHOOK_RETRY_FIRST");
        }
        Duration poll = env.duration("WEBHOOK_POLL", Duration.ofSeconds(1), Duration.ofMillis(10));
        String targets = env.text("WEBHOOK_PRIVATE_TARGETS", embedded ? "allow" : "refuse")
                .toLowerCase(java.util.Locale.ROOT);
        if (!targets.equals("allow") && !targets.equals("refuse")) {
            throw new ConfigurationError("WEBHOOK_PRIVATE_TARGETS must be allow or refuse (got \"" + targets + "\")");
        }
        Duration keepEvents = env.duration("RETENTION_WEBHOOK_EVENTS", Duration.ofDays(8),
                Duration.ofDays(7).plusHours(1));
        Duration keepDeliveries = env.duration("RETENTION_WEBHOOK_DELIVERIES", Duration.ofDays(30),
                Duration.ofHours(1));
        return new WebhookSettings(attempts, connect, timeout, concurrency, first, cap, poll,
                targets.equals("allow"), keepEvents, keepDeliveries);
    }

    /** How long a claimed delivery stays this instance's: one whole try, with room to record its outcome. */
    public Duration lease() {
        return connectTimeout.plus(timeout).plusSeconds(30);
    }
}
