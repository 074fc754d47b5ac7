package com.sendline.domain.apiaccess;

import java.time.Instant;
import java.util.Optional;

/**
 * What was answered under each idempotency key. {@link #claim} is the gate: of two requests racing with one key,
 * exactly one gets to run; the other sees the first one's record.
 */
public interface IdempotencyRecords {
    /**
     * Records that a request with this fingerprint is running under the key, unless a record exists. A pending
     * record older than {@code staleBefore} is taken over (its request died before answering).
     *
     * @return empty when the caller may run the request; otherwise the existing record
     */
    Optional<StoredResponse> claim(IdempotencyKey key, String fingerprint, Instant staleBefore);

    /** The request finished: keep its answer for replay. */
    void complete(IdempotencyKey key, int status, String body);

    /** The request failed without a result worth replaying: the key may be used again. */
    void release(IdempotencyKey key);

    /** Forgets records created before {@code before}. @return how many */
    int expire(Instant before);

    /**
     * An existing record.
     *
     * @param pending true while the first request is still running (status and body are then absent)
     */
    record StoredResponse(String fingerprint, boolean pending, int status, String body) {
    }
}
