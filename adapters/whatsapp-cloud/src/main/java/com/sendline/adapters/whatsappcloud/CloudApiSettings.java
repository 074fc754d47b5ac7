package com.sendline.adapters.whatsappcloud;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Sendline talks to Meta's Graph API.
 *
 * @param baseUrl           Meta's Graph API, or a fake's address in tests
 * @param version           the Graph API version in every path, e.g. {@code v21.0}
 * @param requestTimeout    how long one HTTP call may take before it counts as a timeout
 * @param rpsPerPhone       sends per second one number may make, across every worker (Meta's limit for the number
 *                          must be at least this, or Meta answers 130429)
 * @param maxThrottleWait   how long a send may wait for the throttle before it gives up as retryable
 * @param maxAttempts       HTTP tries of one send when Meta fails (5xx) or times out, first try included
 * @param backoffBase       wait before the first retry after a server error; doubles each retry, with jitter
 * @param backoffMax        longest wait between retries; a {@code Retry-After} beyond it is not waited out within
 *                          the call, the send fails as retryable instead so that the engine retries later
 * @param throughputRetries retries of one send after Meta's 130429 (throughput exceeded)
 * @param throughputBackoff about how long to hold a number back after a 130429, jittered
 */
public record CloudApiSettings(URI baseUrl, String version, Duration requestTimeout, int rpsPerPhone,
                               Duration maxThrottleWait, int maxAttempts, Duration backoffBase, Duration backoffMax,
                               int throughputRetries, Duration throughputBackoff) {
    public static final URI META_GRAPH_API = URI.create("https://graph.facebook.com");
    public static final String DEFAULT_VERSION = "v21.0";

    public CloudApiSettings {
        Objects.requireNonNull(baseUrl, "base URL");
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("base URL must be http(s): " + baseUrl);
        }
        if (version == null || !version.matches("v[0-9]+\\.[0-9]+")) {
            throw new IllegalArgumentException("Graph API version looks like v21.0: " + version);
        }
        requirePositive(requestTimeout, "request timeout");
        if (rpsPerPhone < 1) {
            throw new IllegalArgumentException("rps per phone must be at least 1: " + rpsPerPhone);
        }
        requireNotNegative(maxThrottleWait, "max throttle wait");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
        }
        requireNotNegative(backoffBase, "backoff base");
        requireNotNegative(backoffMax, "backoff max");
        if (throughputRetries < 0) {
            throw new IllegalArgumentException("throughput retries must not be negative: " + throughputRetries);
        }
        requireNotNegative(throughputBackoff, "throughput backoff");
    }

    /** Meta's Graph API, 250 sends per second per number, three tries on server errors. */
    public static CloudApiSettings defaults() {
        return new CloudApiSettings(META_GRAPH_API, DEFAULT_VERSION, Duration.ofSeconds(10), 250,
                Duration.ofSeconds(5), 3, Duration.ofMillis(250), Duration.ofSeconds(5), 2, Duration.ofSeconds(1));
    }

    public CloudApiSettings withBaseUrl(URI value) {
        return new CloudApiSettings(value, version, requestTimeout, rpsPerPhone, maxThrottleWait, maxAttempts,
                backoffBase, backoffMax, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withVersion(String value) {
        return new CloudApiSettings(baseUrl, value, requestTimeout, rpsPerPhone, maxThrottleWait, maxAttempts,
                backoffBase, backoffMax, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withRequestTimeout(Duration value) {
        return new CloudApiSettings(baseUrl, version, value, rpsPerPhone, maxThrottleWait, maxAttempts,
                backoffBase, backoffMax, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withRpsPerPhone(int value) {
        return new CloudApiSettings(baseUrl, version, requestTimeout, value, maxThrottleWait, maxAttempts,
                backoffBase, backoffMax, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withMaxThrottleWait(Duration value) {
        return new CloudApiSettings(baseUrl, version, requestTimeout, rpsPerPhone, value, maxAttempts,
                backoffBase, backoffMax, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withRetries(int attempts, Duration base, Duration max) {
        return new CloudApiSettings(baseUrl, version, requestTimeout, rpsPerPhone, maxThrottleWait, attempts,
                base, max, throughputRetries, throughputBackoff);
    }

    public CloudApiSettings withThroughputRetries(int retries, Duration backoff) {
        return new CloudApiSettings(baseUrl, version, requestTimeout, rpsPerPhone, maxThrottleWait, maxAttempts,
                backoffBase, backoffMax, retries, backoff);
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
