package com.sendline.adapters.redis;

import com.sendline.adapters.redis.RedisGcra.Grant;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admissions of a busy key taken from Redis a few at a time. One script call per call made Redis the API's
 * second-largest cost at 5,000 calls a second (a round trip, an event-loop hand-over and ~20 µs of Redis per
 * call); a key this instance sees often now takes up to an eighth of its burst in one call and hands those out
 * locally for at most {@link #LEASE}. A key seen now and then still asks once per call, exactly as before. A refusal
 * is remembered for the wait Redis gave, so a runaway client over its limit costs Redis nothing more.
 *
 * <p>Every admission is still one Redis granted, so instances together never admit more than the key's budget;
 * admissions leased and not used within {@link #LEASE} are lost (the limit errs on the strict side by what a lease
 * left over), and a leased admission may be used up to {@link #LEASE} after Redis counted it.
 */
final class AdmissionLeases {
    static final Duration LEASE = Duration.ofMillis(50);
    private static final long LEASE_NANOS = LEASE.toNanos();
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final CompletableFuture<Duration> ADMITTED = CompletableFuture.completedFuture(Duration.ZERO);

    private final RedisGcra gcra;
    private final int most;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, KeyLease> keys = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    AdmissionLeases(RedisGcra gcra, LongSupplier nanoTime) {
        this.gcra = gcra;
        this.most = Math.max(1, gcra.burst() / 8);
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** @return zero when admitted (already complete when a lease had one left), else how long to wait */
    CompletionStage<Duration> admit(String redisKey) {
        long now = nanoTime.getAsLong();
        sweep(now);
        return keys.computeIfAbsent(redisKey, key -> new KeyLease(key, now)).admit(now);
    }

    /** Script calls made so far, for tests and diagnostics. */
    long asked() {
        return keys.values().stream().mapToLong(k -> k.asked).sum();
    }

    /** Keys quiet for a while are forgotten, so the map holds only the keys in use. */
    private void sweep(long now) {
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        keys.values().removeIf(k -> now - k.lastUsed > IDLE_NANOS && k.idle());
    }

    private final class KeyLease {
        private final String redisKey;
        private final ArrayDeque<CompletableFuture<Duration>> waiting = new ArrayDeque<>();
        private int left;
        private long expires;
        private boolean asking;
        private long refusedUntil;
        private long windowStart;
        private int calls;
        private int callsBefore;
        private volatile long lastUsed;
        private volatile long asked;

        KeyLease(String redisKey, long now) {
            this.redisKey = redisKey;
            this.windowStart = now;
            // Nothing refused yet; nanoTime has no fixed origin, so not 0, which may lie ahead of it.
            this.refusedUntil = now;
        }

        CompletionStage<Duration> admit(long now) {
            CompletableFuture<Duration> waiter;
            int wanted;
            synchronized (this) {
                lastUsed = now;
                count(now);
                if (left > 0 && now - expires < 0) {
                    left--;
                    return ADMITTED;
                }
                if (now - refusedUntil < 0) {
                    return CompletableFuture.completedFuture(Duration.ofNanos(refusedUntil - now));
                }
                left = 0;
                waiter = new CompletableFuture<>();
                waiting.add(waiter);
                if (asking) {
                    return waiter;
                }
                asking = true;
                wanted = wanted();
            }
            ask(wanted);
            return waiter;
        }

        synchronized boolean idle() {
            return !asking && waiting.isEmpty();
        }

        private void ask(int wanted) {
            asked++;
            CompletionStage<Grant> answer;
            try {
                answer = gcra.admit(redisKey, wanted);
            } catch (RuntimeException e) {
                answered(null, e);
                return;
            }
            answer.whenComplete(this::answered);
        }

        private void answered(Grant grant, Throwable error) {
            List<CompletableFuture<Duration>> served = new ArrayList<>();
            int again = 0;
            synchronized (this) {
                if (error != null || grant.admitted() == 0) {
                    served.addAll(waiting);
                    waiting.clear();
                    asking = false;
                    if (error == null) {
                        // Redis's budget only ever moves forward: nothing is admitted before then, anywhere.
                        refusedUntil = nanoTime.getAsLong() + grant.retryAfter().toNanos();
                    }
                } else {
                    left = grant.admitted();
                    expires = nanoTime.getAsLong() + LEASE_NANOS;
                    while (left > 0 && !waiting.isEmpty()) {
                        served.add(waiting.poll());
                        left--;
                    }
                    if (waiting.isEmpty()) {
                        asking = false;
                    } else {
                        again = wanted();
                    }
                }
            }
            // Completed outside the lock: each completion runs the rest of that caller's request.
            for (CompletableFuture<Duration> waiter : served) {
                if (error != null) {
                    waiter.completeExceptionally(error);
                } else {
                    waiter.complete(grant.retryAfter());
                }
            }
            if (again > 0) {
                ask(again);
            }
        }

        /** Calls seen in the last lease period (halved) say how many to ask for; those already waiting at least. */
        private int wanted() {
            return Math.min(most, Math.max(Math.max(1, waiting.size()), callsBefore / 2));
        }

        private void count(long now) {
            if (now - windowStart >= LEASE_NANOS) {
                callsBefore = now - windowStart < 2 * LEASE_NANOS ? calls : 0;
                calls = 0;
                windowStart = now;
            }
            calls++;
        }
    }
}
