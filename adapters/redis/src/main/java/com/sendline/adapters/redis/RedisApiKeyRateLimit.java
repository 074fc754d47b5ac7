package com.sendline.adapters.redis;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyRateLimit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key rate limits in Redis, asked without blocking (the HTTP filter stays on the event loop), with a GCRA script
 * ({@code lua/rate_limit.lua}) keyed {@code ratelimit:{key id}}. The key expires when the key has been quiet for its
 * burst's worth of time.
 *
 * <p>Calls of one key that arrive while this instance's script call for that key is under way wait for it and then
 * ask together, in one call, in the order they came: a busy key costs a script call per Redis round trip rather than
 * per API call (the partner API benchmark's keys asked about half as often), and the limit is the same as asking one
 * by one.
 */
public final class RedisApiKeyRateLimit implements ApiKeyRateLimit, AutoCloseable {
    private static final LuaScript SCRIPT = LuaScript.load("rate_limit");
    private final String prefix;
    private final String intervalMicros;
    private final String burst;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final ConcurrentHashMap<ApiKeyId, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param perSecond steady calls per second per key
     * @param burst     calls a quiet key may make at once
     */
    public RedisApiKeyRateLimit(RedisClient client, String keyPrefix, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.prefix = keyPrefix;
        this.intervalMicros = Long.toString(Math.max(1, Math.round(1_000_000 / perSecond)));
        this.burst = Integer.toString(burst);
        this.connection = client.connect();
        this.redis = connection.async();
    }

    @Override
    public CompletionStage<Duration> admit(ApiKeyId key) {
        CompletableFuture<Duration> answer = new CompletableFuture<>();
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            List<CompletableFuture<Duration>> ask;
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                lane.waiting.add(answer);
                if (lane.asking) {
                    return answer;
                }
                lane.asking = true;
                ask = lane.takeWaiting();
            }
            ask(lane, ask);
            return answer;
        }
    }

    private void ask(Lane lane, List<CompletableFuture<Duration>> callers) {
        SCRIPT.<List<Long>>runAsync(redis, ScriptOutputType.MULTI, new String[] {prefix + "ratelimit:{" + lane.key + "}"},
                        intervalMicros, burst, Integer.toString(callers.size()))
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        callers.forEach(c -> c.completeExceptionally(error));
                    } else {
                        long admitted = answer.get(0);
                        Duration wait = Duration.ofNanos(Math.max(1, answer.get(1)) * 1_000);
                        for (int i = 0; i < callers.size(); i++) {
                            callers.get(i).complete(i < admitted ? Duration.ZERO : wait);
                        }
                    }
                    List<CompletableFuture<Duration>> next;
                    synchronized (lane) {
                        if (lane.waiting.isEmpty()) {
                            lane.asking = false;
                            lane.retired = true;
                            lanes.remove(lane.key, lane);
                            return;
                        }
                        next = lane.takeWaiting();
                    }
                    ask(lane, next);
                });
    }

    /** One key's calls on this instance: who waits for the next script call, and whether one is under way. */
    private static final class Lane {
        final ApiKeyId key;
        List<CompletableFuture<Duration>> waiting = new ArrayList<>();
        boolean asking;
        /** Removed from the map: a caller that still found it must take a new one. */
        boolean retired;

        Lane(ApiKeyId key) {
            this.key = key;
        }

        List<CompletableFuture<Duration>> takeWaiting() {
            List<CompletableFuture<Duration>> taken = waiting;
            waiting = new ArrayList<>();
            return taken;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
