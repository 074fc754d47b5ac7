package com.sendline.application.apiaccess;

import com.sendline.domain.apiaccess.IdempotencyKey;
import com.sendline.domain.apiaccess.IdempotencyRecords;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claim;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claimed;
import com.sendline.domain.apiaccess.IdempotencyRecords.StoredResponse;
import com.sendline.domain.scheduling.MessageId;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A partner retries a POST with the same {@code Idempotency-Key}: the request runs once, and every retry with the
 * same body gets the first answer back. The same key with a different body is a client bug and is refused, as is a
 * retry that arrives while the first request is still running.
 */
public final class RunOnce {
    /** A request still pending after this long is presumed dead (its instance stopped); the key may run again. */
    static final Duration PENDING_FOR_AT_MOST = Duration.ofMinutes(1);

    /** How long an answer is kept for replay. */
    public static final Duration KEPT_FOR = Duration.ofHours(24);
    /** How often an instance deletes answers older than {@link #KEPT_FOR} (on the way through a request). */
    static final Duration SWEEP_EVERY = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(RunOnce.class.getName());

    private final IdempotencyRecords records;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> nextSweep =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.MIN);

    /** The answer to a request, as the transport will send it. */
    public record Answer(int status, String body) {
    }

    public RunOnce(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * @param fingerprint what identifies the request's content (method, path and canonical body)
     * @param request     runs the request; its answer is kept when it returns, forgotten when it throws
     * @return the answer: fresh, or replayed from the first request under the key
     * @throws KeyReused      the key was used with a different request
     * @throws StillRunning   the first request under the key has not answered yet
     */
    public Answer run(IdempotencyKey key, String fingerprint, Supplier<Answer> request) {
        return run(key, fingerprint, reserved -> request.get());
    }

    /**
     * As {@link #run(IdempotencyKey, String, Supplier)}, for a request that creates a resource: it is given the id
     * to create it under, the same for a retry that takes over the claim of a request that died before answering
     * (an instance stopped between storing the resource and its answer). A create that is idempotent on that id
     * then finds the resource instead of making a second one. The id is time-ordered (UUIDv7), as message ids are.
     */
    public Answer run(IdempotencyKey key, String fingerprint, Function<UUID, Answer> request) {
        sweepIfDue();
        Claim claim = records.claim(key, fingerprint, clock.instant().minus(PENDING_FOR_AT_MOST),
                MessageId.random().value());
        return switch (claim) {
            case StoredResponse stored -> replay(stored, fingerprint);
            case Claimed claimed -> {
                Answer answer;
                try {
                    answer = request.apply(claimed.resourceId());
                } catch (RuntimeException e) {
                    records.release(key);
                    throw e;
                }
                records.complete(key, answer.status(), answer.body());
                yield answer;
            }
        };
    }

    private static Answer replay(StoredResponse stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new KeyReused();
        }
        if (stored.pending()) {
            throw new StillRunning();
        }
        return new Answer(stored.status(), stored.body());
    }

    /**
     * Forgets answers older than a day, at most once an hour per instance, on a virtual thread so the request that
     * happens to trigger it does not wait. Instances racing to do it is harmless: the delete is idempotent.
     */
    private void sweepIfDue() {
        java.time.Instant now = clock.instant();
        java.time.Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        Thread.ofVirtual().name("idempotency-sweep").start(() -> {
            try {
                records.expire(now.minus(KEPT_FOR));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not forget old idempotency records: " + e);
            }
        });
    }

    /** The key was first used for a different request. */
    public static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("this Idempotency-Key was used with a different request", null, false, false);
        }
    }

    /** The first request under the key is still running. */
    public static final class StillRunning extends RuntimeException {
        StillRunning() {
            super("a request with this Idempotency-Key is still being processed", null, false, false);
        }
    }
}
