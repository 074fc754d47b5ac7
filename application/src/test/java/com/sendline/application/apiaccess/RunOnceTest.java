package com.sendline.application.apiaccess;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.IdempotencyKey;
import com.sendline.domain.apiaccess.IdempotencyRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOnceTest {
    /** The port's contract in memory: enough to check what RunOnce does with its answers. */
    private static final class Records implements IdempotencyRecords {
        final Map<IdempotencyKey, StoredResponse> rows = new HashMap<>();
        final List<Instant> expiries = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Claim claim(IdempotencyKey key, String fingerprint, Instant stale, UUID reserve) {
            StoredResponse existing = rows.get(key);
            if (existing != null) {
                return existing;
            }
            rows.put(key, new StoredResponse(fingerprint, true, 0, null));
            return new Claimed(reserve);
        }

        @Override
        public synchronized void complete(IdempotencyKey key, int status, String body) {
            rows.put(key, new StoredResponse(rows.get(key).fingerprint(), false, status, body));
        }

        @Override
        public synchronized void release(IdempotencyKey key) {
            rows.remove(key);
        }

        @Override
        public int expire(Instant before) {
            expiries.add(before);
            return 0;
        }
    }

    private final Records records = new Records();
    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");
    private final RunOnce runOnce = new RunOnce(records, Clock.fixed(now, ZoneOffset.UTC));
    private final IdempotencyKey key = new IdempotencyKey(new ApiKeyId(UUID.randomUUID()), "order-1");

    @Test
    void the_request_runs_once_and_retries_get_its_answer() {
        AtomicInteger runs = new AtomicInteger();

        RunOnce.Answer first = runOnce.run(key, "fp", () -> new RunOnce.Answer(201, "{\"n\":" + runs.incrementAndGet() + "}"));
        RunOnce.Answer again = runOnce.run(key, "fp", () -> new RunOnce.Answer(201, "{\"n\":" + runs.incrementAndGet() + "}"));

        assertThat(runs).hasValue(1);
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> runOnce.run(key, "other", () -> new RunOnce.Answer(201, "{}")))
                .isInstanceOf(RunOnce.KeyReused.class);
    }

    @Test
    void a_failed_request_leaves_the_key_free_and_a_running_one_makes_retries_wait() {
        assertThatThrownBy(() -> runOnce.run(key, "fp", () -> {
            throw new IllegalArgumentException("bad body");
        })).hasMessage("bad body");
        assertThat(records.rows).isEmpty();

        runOnce.run(key, "fp", () -> {
            assertThatThrownBy(() -> runOnce.run(key, "fp", () -> new RunOnce.Answer(201, "{}")))
                    .isInstanceOf(RunOnce.StillRunning.class);
            return new RunOnce.Answer(201, "{}");
        });
    }

    @Test
    void answers_older_than_a_day_are_swept_at_most_once_an_hour() throws Exception {
        runOnce.run(key, "fp", () -> new RunOnce.Answer(201, "{}"));
        runOnce.run(new IdempotencyKey(key.apiKey(), "order-2"), "fp", () -> new RunOnce.Answer(201, "{}"));

        for (int i = 0; i < 50 && records.expiries.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(records.expiries).containsExactly(now.minus(RunOnce.KEPT_FOR));
    }
}
