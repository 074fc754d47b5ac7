package com.sendline.domain.apiaccess;

import java.time.Instant;
import java.util.UUID;

/**
 * What was answered under each idempotency key. {@link #claim} is the gate: of two requests racing with one key,
 * exactly one gets to run; the other sees the first one's record.
 */
public interface IdempotencyRecords {
    /**
     * Records that a request with this fingerprint is running under the key, unless a record exists. A pending
     * record older than {@code staleBefore} is taken over (its request died before answering).
     *
     * @param reserve the id for the resource the request creates, should it create one; a takeover of a stale claim
     *                with the same fingerprint keeps the id reserved the first time instead, so that the retry finds
     *                what the dead request may already have created
     * @return {@link Claimed} when the caller may run the request; otherwise the existing record
     */
    Claim claim(IdempotencyKey key, String fingerprint, Instant staleBefore, UUID reserve);

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
    record StoredResponse(String fingerprint, boolean pending, int status, String body) implements Claim {
    }

    /** What a claim comes to: the go-ahead, or the record that stands. */
    sealed interface Claim permits Claimed, StoredResponse {
    }

    /** The caller runs the request; a resource it creates takes this id. */
    record Claimed(UUID resourceId) implements Claim {
        public Claimed {
            java.util.Objects.requireNonNull(resourceId, "resource id");
        }
    }
}
