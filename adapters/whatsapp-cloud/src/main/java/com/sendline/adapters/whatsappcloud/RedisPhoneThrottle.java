package com.sendline.adapters.whatsappcloud;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster-wide pace of each phone number: one token bucket per number in Redis, shared by every worker, so that
 * all workers together send at most {@code perSecond} calls per second from one number. Built on bucket4j's Lettuce
 * integration (compare-and-swap of the bucket state in key {@code <prefix>throttle:{<phoneNumberId>}}, hash-tagged
 * so a Redis Cluster keeps it in one slot).
 *
 * <p>A send <em>waits</em> for its token: bucket4j reserves the next free slot in Redis and the caller sleeps until
 * it comes, so waiting senders are served in the order they asked, across workers, and none spin on Redis. A send
 * that would wait longer than {@code maxWait} takes no slot and is refused.
 *
 * <p>The bucket holds a single token, so there are no bursts: calls leave evenly spaced. They are spaced for
 * {@code perSecond} calls per (1 s + {@code jitterAllowance}): Meta counts calls when they arrive, and two calls
 * leaving 1/rate apart can arrive closer when the first one is held up on the way; the allowance (default 50 ms,
 * about 5 % of the rate) is how much a call may be held up before Meta could count one call too many in a second.
 *
 * <p>Times come from each worker's clock (bucket4j's client-side clock), so workers' clocks must agree to within a
 * few milliseconds (NTP).
 */
public final class RedisPhoneThrottle implements PhoneThrottle, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPhoneThrottle.class);
    public static final Duration DEFAULT_JITTER_ALLOWANCE = Duration.ofMillis(50);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private final String keyPrefix;
    private final int perSecond;
    private final Duration maxWait;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final ConcurrentHashMap<String, BucketProxy> byNumber = new ConcurrentHashMap<>();

    public RedisPhoneThrottle(RedisClient redis, String keyPrefix, int perSecond, Duration maxWait) {
        this(redis, keyPrefix, perSecond, maxWait, DEFAULT_JITTER_ALLOWANCE);
    }

    public RedisPhoneThrottle(RedisClient redis, String keyPrefix, int perSecond, Duration maxWait,
                              Duration jitterAllowance) {
        Objects.requireNonNull(redis, "redis");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "key prefix");
        if (perSecond < 1) {
            throw new IllegalArgumentException("per second must be at least 1: " + perSecond);
        }
        this.perSecond = perSecond;
        this.maxWait = Objects.requireNonNull(maxWait, "max wait");
        Objects.requireNonNull(jitterAllowance, "jitter allowance");
        if (maxWait.isNegative() || jitterAllowance.isNegative()) {
            throw new IllegalArgumentException("max wait and jitter allowance must not be negative");
        }
        Duration period = Duration.ofSeconds(1).plus(jitterAllowance);
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(perSecond, period))
                .build();
        this.connection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .requestTimeout(REDIS_TIMEOUT)
                // A number that stops sending leaves no key behind once its bucket would be full again anyway.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public Duration acquire(String phoneNumberId) throws ThrottleRefused, InterruptedException {
        Objects.requireNonNull(phoneNumberId, "phone number id");
        BucketProxy bucket = byNumber.computeIfAbsent(phoneNumberId,
                id -> buckets.builder().build(key(id), () -> configuration));
        long[] parked = new long[1];
        BlockingStrategy recording = nanos -> {
            parked[0] += nanos;
            BlockingStrategy.PARKING.park(nanos);
        };
        boolean granted;
        try {
            // bucket4j's blocking call wants a positive wait; "no wait" is the plain non-blocking try.
            granted = maxWait.isZero() ? bucket.tryConsume(1) : bucket.asBlocking().tryConsume(1, maxWait, recording);
        } catch (RuntimeException e) {
            LOG.warn("The send throttle in Redis failed for number {}", phoneNumberId, e);
            // Without the shared state no worker can know the number's pace: hold the send back rather than risk
            // every worker sending at full speed into Meta's limit.
            throw new ThrottleRefused(ThrottleRefused.UNAVAILABLE,
                    "the send throttle in Redis could not be reached: " + e.getClass().getSimpleName());
        }
        if (!granted) {
            throw new ThrottleRefused(ThrottleRefused.BUSY, "number " + phoneNumberId + " has more sends queued than "
                    + perSecond + "/s can take within " + maxWait.toMillis() + " ms");
        }
        return Duration.ofNanos(parked[0]);
    }

    String key(String phoneNumberId) {
        return keyPrefix + "throttle:{" + phoneNumberId + "}";
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisPhoneThrottle[" + perSecond + "/s per number, max wait " + maxWait.toMillis() + " ms]";
    }
}
