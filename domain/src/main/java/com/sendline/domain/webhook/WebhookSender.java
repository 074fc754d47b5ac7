package com.sendline.domain.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Posts one signed event to a receiver and says how it answered; never throws for the receiver's faults. */
public interface WebhookSender {
    /**
     * How a receiver answered.
     *
     * @param statusCode the HTTP status, or null when there was no answer (refused, timed out, reset)
     * @param retryAfter the receiver's {@code Retry-After}, if it sent one
     * @param error      what went wrong, for the deliveries list; null on success
     */
    record Answer(Integer statusCode, Optional<Duration> retryAfter, String error) {
        public boolean successful() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    Answer post(URI url, Map<String, String> headers, byte[] body);
}
