package com.sendline.fakes.graphapi;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the fake does to a request instead of (or before) handling it normally, to let a test play a Graph API
 * that misbehaves in one exact way.
 *
 * @see FakeGraphApi#failNext(int, GraphFault)
 */
public sealed interface GraphFault {

    /**
     * Answers with Meta's error for {@code code}, in Meta's shape and HTTP status: 131048 spam rate limit, 80007
     * account rate limit, 131026 undeliverable, 100 invalid parameter, 130429 throughput, 131056 pair rate limit,
     * 190 expired token; any other code gets a generic "(#code)" error with HTTP 400.
     */
    static GraphFault error(int code) {
        return new Error(code);
    }

    /** Answers with a bare server error (Meta's transient code 1 or 2) and no {@code Retry-After}. */
    static GraphFault httpStatus(int status) {
        return new HttpStatus(status, null);
    }

    /** Answers with a server error carrying {@code Retry-After}, rounded up to whole seconds as the header wants. */
    static GraphFault httpStatus(int status, Duration retryAfter) {
        return new HttpStatus(status, Objects.requireNonNull(retryAfter, "retry after"));
    }

    /** Holds the request this long, then handles it normally: a slow Meta, not a failing one. */
    static GraphFault delay(Duration latency) {
        return new Delay(latency);
    }

    record Error(int code) implements GraphFault {
    }

    /** @param retryAfter null for no {@code Retry-After} header */
    record HttpStatus(int status, Duration retryAfter) implements GraphFault {
        public HttpStatus {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an HTTP fault is a 4xx or 5xx status: " + status);
            }
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retry after must not be negative");
            }
        }
    }

    record Delay(Duration latency) implements GraphFault {
        public Delay {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
        }
    }
}
