package com.sendline.adapters.whatsappcloud;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The cluster-wide pace of each phone number: every worker reserves its sends' instants from one key per number in
 * Redis ({@code <prefix>throttle:{<phoneNumberId>}:tat}, with {@code :floors} beside it; hash-tagged so a Redis
 * Cluster keeps them in one slot), so that all workers together stay within {@code perSecond} calls per second from
 * one number.
 *
 * <p>One call of the script {@code lua/throttle_reserve.lua} per send, or per several when a number's senders on
 * this worker ask at once ({@link Lane}): it reads the number's next free instant (a GCRA "theoretical arrival
 * time"), reserves it, moves it one interval on and answers how long to wait — atomically, so any number of
 * concurrent senders on any number of workers get distinct, ordered instants and nobody retries.
 * The caller then parks until its instant. A send whose instant is more than {@code maxWait} away reserves nothing
 * and is refused ({@link ThrottleRefused#BUSY}); without Redis a send is refused too ({@link
 * ThrottleRefused#UNAVAILABLE}) rather than let through unpaced.
 *
 * <p><b>What is guaranteed.</b> Meta counts a number's calls in any sliding second as they <em>arrive</em>, and a call
 * arrives later than the instant it was given. Instants are spaced {@code interval = (1 s + jitterAllowance) /
 * (perSecond - burst + 1)} apart, and at most {@code burst} of them may go back to back after a pause (GCRA tolerance
 * {@code (burst - 1) × interval}); then any {@code perSecond + 1} instants span at least {@code window = 1 s +
 * jitterAllowance}, so Meta never sees more than {@code perSecond} calls in a second as long as no call arrives more
 * than {@code jitterAllowance} after its instant. A caller never leaves before its instant: it parks until the instant
 * as mapped onto its own clock by {@link RedisClock}, which errs only late, and not before its own call's round trip
 * allows. A caller that is ready to leave more than {@code
 * lateAllowance} after its instant (Redis's answer was slow to come back, the thread waited for a CPU, a GC paused
 * it) first tells Redis ({@code lua/throttle_late.lua}): every instant from a window after its own on is then handed
 * out no earlier than a window, less the late allowance, after it actually leaves, so the calls after it keep their
 * distance from where it really is; when such an instant was already handed out (a wait of more than a window, or a
 * stall) it does not leave on its instant and reserves another. So the HTTP request's own way to Meta, after the
 * caller leaves, has {@code jitterAllowance - lateAllowance}. The rate a number can reach is {@code 1 / interval}:
 * with the defaults (40 ms, no burst) 240.4/s of 250/s, 96.2 %; each late leave costs the pace its lateness once, a
 * window later.
 *
 * <p>Times are Redis's ({@code TIME} inside the scripts): a worker is told a wait, not an instant, so workers' clocks
 * need not agree. Lateness is judged on Redis's clock too: each answer carries Redis's time, and {@link RedisClock}
 * keeps the offset of this worker's clock from it. A request that is slow on its way to Redis costs nothing (the
 * instant is reserved when it arrives); only the way back and the wake-up count as late. The keys expire a second
 * after the last instant reserved and the last floor; a missing key is an idle number.
 */
public final class RedisPhoneThrottle implements PhoneThrottle, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPhoneThrottle.class);
    /** How late after its instant a call may still arrive at Meta without risking one call too many in a second. */
    public static final Duration DEFAULT_JITTER_ALLOWANCE = Duration.ofMillis(40);
    /** How late after its instant a caller may leave unannounced; later, it must first move later instants back. */
    public static final Duration DEFAULT_LATE_ALLOWANCE = Duration.ofMillis(10);
    /** Sends that may go back to back after a pause: 1, none (each costs one send per second of the rate). */
    public static final int DEFAULT_BURST = 1;
    private static final Script RESERVE = Script.load("throttle_reserve");
    private static final Script LATE = Script.load("throttle_late");

    private final String keyPrefix;
    private final int perSecond;
    private final Duration maxWait;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final long windowMicros;
    private final long lateNanos;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final Duration timeout;
    private final LongAdder missed = new LongAdder();
    private final LongAdder givenUp = new LongAdder();
    private final LongAdder lateLeaves = new LongAdder();
    private final LongAdder reserveCalls = new LongAdder();
    private final RedisClock redisClock = new RedisClock();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    public RedisPhoneThrottle(RedisClient redis, String keyPrefix, int perSecond, Duration maxWait) {
        this(redis, keyPrefix, perSecond, maxWait, DEFAULT_JITTER_ALLOWANCE, DEFAULT_LATE_ALLOWANCE, DEFAULT_BURST);
    }

    /**
     * @param jitterAllowance how much later than its instant a call may arrive at Meta (see the class comment)
     * @param lateAllowance   how much later than its instant a caller may leave; less than {@code jitterAllowance}
     * @param burst           sends allowed back to back after a pause, at least 1 and less than {@code perSecond}
     */
    public RedisPhoneThrottle(RedisClient redis, String keyPrefix, int perSecond, Duration maxWait,
                              Duration jitterAllowance, Duration lateAllowance, int burst) {
        Objects.requireNonNull(redis, "redis");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "key prefix");
        if (perSecond < 1) {
            throw new IllegalArgumentException("per second must be at least 1: " + perSecond);
        }
        this.perSecond = perSecond;
        this.maxWait = Objects.requireNonNull(maxWait, "max wait");
        Objects.requireNonNull(jitterAllowance, "jitter allowance");
        Objects.requireNonNull(lateAllowance, "late allowance");
        if (maxWait.isNegative() || jitterAllowance.isNegative() || lateAllowance.isNegative()) {
            throw new IllegalArgumentException("max wait, jitter and late allowances must not be negative");
        }
        if (lateAllowance.compareTo(jitterAllowance) > 0) {
            throw new IllegalArgumentException("the late allowance (" + lateAllowance.toMillis() + " ms) is part of "
                    + "the jitter allowance (" + jitterAllowance.toMillis() + " ms) and cannot exceed it");
        }
        if (burst < 1 || (burst > 1 && burst >= perSecond)) {
            throw new IllegalArgumentException("burst must be at least 1 and below per second: " + burst);
        }
        this.intervalMicros = intervalFor(perSecond, jitterAllowance, burst).toNanos() / 1_000;
        this.windowMicros = (perSecond - burst + 1) * intervalMicros;
        this.toleranceMicros = (burst - 1) * intervalMicros;
        this.lateNanos = lateAllowance.toNanos();
        this.connection = redis.connect();
        this.redis = connection.async();
        this.timeout = connection.getTimeout();
        RESERVE.preload(connection.sync());
        LATE.preload(connection.sync());
    }

    /** The spacing of one number's sends at these settings (see the class comment), whole microseconds. */
    public static Duration intervalFor(int perSecond, Duration jitterAllowance, int burst) {
        long window = TimeUnit.SECONDS.toMicros(1) + jitterAllowance.toNanos() / 1_000;
        // Rounded up: a longer interval only ever sends less.
        return Duration.ofNanos(Math.ceilDiv(window, perSecond - burst + 1) * 1_000);
    }

    @Override
    public Duration acquire(String phoneNumberId) throws ThrottleRefused, InterruptedException {
        Objects.requireNonNull(phoneNumberId, "phone number id");
        Lane lane = lanes.computeIfAbsent(phoneNumberId, Lane::new);
        long giveUpAt = System.nanoTime() + maxWait.toNanos();
        long parked = 0;
        boolean mayGiveUp = true;
        while (true) {
            Ask ask = lane.reserve(giveUpAt);
            if (ask.failure != null) {
                throw ask.failure;
            }
            if (ask.wait < 0) {
                throw new ThrottleRefused(ThrottleRefused.BUSY, "number " + phoneNumberId + " has more sends queued "
                        + "than " + perSecond + "/s can take within " + maxWait.toMillis() + " ms");
            }
            long instant = ask.redisNow + ask.wait;
            // The instant on this worker's clock, never early (see RedisClock); and within what the round trip
            // allows: Redis computed it between the call leaving and the answer coming back.
            long due = Math.clamp(redisClock.local(instant), ask.asked + ask.wait * 1_000,
                    ask.answered + ask.wait * 1_000);
            parked += park(due);
            long late = System.nanoTime() - redisClock.local(instant);
            if (late <= lateNanos) {
                return Duration.ofNanos(parked);
            }
            // Too late to leave unannounced: the instants a window later must make room first.
            // Leaving late costs the number the floor's push a window later; giving the instant up costs it one
            // interval. The first time, the cheaper; after that, leave (a number whose answers are always slow would
            // otherwise give up instant after instant).
            String[] lateArgs = {Long.toString(instant), Long.toString(windowMicros),
                    Long.toString(windowMicros - lateNanos / 1_000), Long.toString(intervalMicros)};
            List<Object> leave = call(LATE, phoneNumberId, lane.keys,
                    mayGiveUp ? lateArgs : Arrays.copyOf(lateArgs, 3));
            long verdict = (Long) leave.get(1);
            if (verdict == 1) {
                lateLeaves.increment();
                LOG.debug("A send from number {} leaves {} µs after its instant; the instants a window later move "
                        + "back as much", phoneNumberId, late / 1_000);
                return Duration.ofNanos(parked);
            }
            if (verdict == 2) {
                mayGiveUp = false;
                givenUp.increment();
            } else {
                missed.increment();
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                throw new ThrottleRefused(ThrottleRefused.BUSY, "number " + phoneNumberId + ": this worker woke "
                        + "up too late for every send instant it got within " + maxWait.toMillis() + " ms");
            }
            LOG.debug("A send from number {} woke up {} µs after its instant, too late to leave on it; reserving "
                    + "another", phoneNumberId, late / 1_000);
        }
    }

    /** One sender's request for an instant, and Redis's answer to it. */
    private static final class Ask {
        final long giveUpAt;
        final Thread sender = Thread.currentThread();
        /** 0 waiting, 1 answered, 2 asked to ask Redis for everyone waiting. */
        volatile int state;
        long redisNow;
        /** µs from redisNow; -1: refused, its instant would have been too far away. */
        long wait;
        /** System.nanoTime() when the call for it left, and when the answer came. */
        long asked;
        long answered;
        ThrottleRefused failure;

        Ask(long giveUpAt) {
            this.giveUpAt = giveUpAt;
        }
    }

    /**
     * One number's senders on this worker. A sender that finds nobody asking Redis asks for every sender of the
     * number waiting at that moment, in one script call; those arriving meanwhile wait for the next call, which the
     * first of them makes. When Redis answers quickly each sender asks alone; the slower it answers (a busy machine),
     * the more senders share a call, so round trips do not pile up exactly when they cost most.
     */
    private final class Lane {
        private static final int MAX_PER_CALL = 64;
        final String number;
        final String[] keys;
        private final ArrayDeque<Ask> waiting = new ArrayDeque<>();
        private boolean asking;

        Lane(String number) {
            this.number = number;
            this.keys = keys(number);
        }

        Ask reserve(long giveUpAt) {
            Ask me = new Ask(giveUpAt);
            boolean lead;
            synchronized (this) {
                waiting.add(me);
                lead = !asking;
                asking = true;
            }
            if (!lead) {
                boolean interrupted = false;
                while (me.state == 0) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt(); // the instant's wait will notice
                }
                if (me.state == 1) {
                    return me;
                }
            }
            askForAll();
            return me;
        }

        /** Asks Redis for the senders waiting (this one first among them), answers them, passes the turn on. */
        private void askForAll() {
            List<Ask> batch = new ArrayList<>();
            synchronized (this) {
                while (!waiting.isEmpty() && batch.size() < MAX_PER_CALL) {
                    batch.add(waiting.poll());
                }
            }
            // The instants go out earliest first, so the sender that may wait least gets the first.
            batch.sort(Comparator.comparingLong(a -> a.giveUpAt));
            String[] args = new String[2 + batch.size()];
            args[0] = Long.toString(intervalMicros);
            args[1] = Long.toString(toleranceMicros);
            long now = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                args[2 + i] = Long.toString(Math.max(0, batch.get(i).giveUpAt - now) / 1_000);
            }
            try {
                reserveCalls.increment();
                long asked = System.nanoTime();
                List<Object> answer = call(RESERVE, number, keys, args);
                long answered = System.nanoTime();
                long redisNow = (Long) answer.getFirst();
                redisClock.observe(answered - redisNow * 1_000, answered);
                for (int i = 0; i < batch.size(); i++) {
                    Ask a = batch.get(i);
                    a.redisNow = redisNow;
                    a.wait = (Long) answer.get(1 + i);
                    a.asked = asked;
                    a.answered = answered;
                }
            } catch (ThrottleRefused e) {
                batch.forEach(a -> a.failure = e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(a -> a.failure = new ThrottleRefused(ThrottleRefused.UNAVAILABLE,
                        "interrupted while asking the send throttle"));
            } catch (RuntimeException | Error e) {
                batch.forEach(a -> a.failure = new ThrottleRefused(ThrottleRefused.UNAVAILABLE,
                        "the send throttle failed: " + e.getClass().getSimpleName()));
                throw e;
            } finally {
                Thread self = Thread.currentThread();
                for (Ask a : batch) {
                    a.state = 1;
                    if (a.sender != self) {
                        LockSupport.unpark(a.sender);
                    }
                }
                Ask next;
                synchronized (this) {
                    next = waiting.peek();
                    asking = next != null;
                }
                if (next != null) {
                    next.state = 2;
                    LockSupport.unpark(next.sender);
                }
            }
        }
    }

    private List<Object> call(Script script, String phoneNumberId, String[] keys, String... args)
            throws ThrottleRefused, InterruptedException {
        try {
            return script.run(redis, timeout, keys, args);
        } catch (RuntimeException e) {
            LOG.warn("The send throttle in Redis failed for number {}", phoneNumberId, e);
            // Without the shared state no worker can know the number's pace: hold the send back rather than risk
            // every worker sending at full speed into Meta's limit.
            throw new ThrottleRefused(ThrottleRefused.UNAVAILABLE,
                    "the send throttle in Redis could not be reached: " + e.getClass().getSimpleName());
        }
    }

    /** @return how long it parked, ns */
    private static long park(long until) throws InterruptedException {
        long from = System.nanoTime();
        long left = until - from;
        if (left <= 0) {
            return 0;
        }
        do {
            Thread.sleep(Duration.ofNanos(left));
        } while ((left = until - System.nanoTime()) > 0);
        return System.nanoTime() - from;
    }

    /**
     * Where an instant on Redis's clock falls on this worker's {@code System.nanoTime()}: through the smallest
     * (answer received, nanoTime) − (Redis's now in that answer) seen in the last 10 to 20 s. That is the true
     * offset plus the quickest answer's way back (well under a millisecond), never less: an instant mapped through
     * it is never early, and late by no more than that. A sender parks until then rather than until its own answer
     * came back plus the wait, which on a busy machine made it late by every millisecond its answer spent on the way
     * back (Lettuce's event loop, a carrier thread to run on) and cost the number that lateness a window later.
     * Redis's clock stepping back makes instants look later for a while (safe); the caller bounds the other way by
     * the round trip of its own answer.
     */
    static final class RedisClock {
        private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
        private final AtomicLong current = new AtomicLong(Long.MAX_VALUE);
        private volatile long previous = Long.MAX_VALUE;
        private volatile long rotateAt = System.nanoTime() + PERIOD_NANOS;

        /** @param offsetNanos the nanoTime an answer arrived minus Redis's now in it (µs × 1,000) */
        void observe(long offsetNanos, long nanoTime) {
            if (nanoTime - rotateAt >= 0) {
                synchronized (this) {
                    if (nanoTime - rotateAt >= 0) {
                        previous = current.getAndSet(Long.MAX_VALUE);
                        rotateAt = nanoTime + PERIOD_NANOS;
                    }
                }
            }
            current.accumulateAndGet(offsetNanos, Math::min);
        }

        /** The nanoTime by which an instant on Redis's clock (µs since the epoch) has surely come. */
        long local(long redisMicros) {
            return redisMicros * 1_000 + Math.min(current.get(), previous);
        }
    }

    /** Instants this throttle reserved and gave up because the caller woke up too late to leave on them. */
    public long missedInstants() {
        return missed.sum();
    }

    /** Instants given up by a sender that woke up late because that cost the pace less than leaving on them. */
    public long givenUpInstants() {
        return givenUp.sum();
    }

    /** Calls of the reservation script: fewer than sends when a number's senders share calls. */
    public long reserveCalls() {
        return reserveCalls.sum();
    }

    /** Sends that left later than the late allowance after their instant, having moved later instants back. */
    public long lateLeaves() {
        return lateLeaves.sum();
    }

    /** The spacing of one number's sends, as reserved. */
    public Duration interval() {
        return Duration.ofNanos(intervalMicros * 1_000);
    }

    /** The number's pace (its TAT) and its floors, one hash tag: a Redis Cluster keeps both in one slot. */
    String[] keys(String phoneNumberId) {
        String base = keyPrefix + "throttle:{" + phoneNumberId + "}:";
        return new String[]{base + "tat", base + "floors"};
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisPhoneThrottle[" + perSecond + "/s per number, one send per " + intervalMicros + " µs, max wait "
                + maxWait.toMillis() + " ms]";
    }

    /**
     * A Lua script from this package's {@code lua/} folder, run by its SHA1 and sent in full only when Redis does not
     * know it yet (after a restart or SCRIPT FLUSH). The same as the Redis adapter's {@code LuaScript}, which this
     * adapter does not depend on.
     */
    record Script(String name, String source, String sha) {
        static Script load(String name) {
            String source = source(name);
            try {
                return new Script(name, source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(source.getBytes(StandardCharsets.UTF_8))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The script as Redis runs it: the shared functions of {@code lua/floors.lua}, then its own text. */
        static String source(String name) {
            return read("floors") + "\n" + read(name);
        }

        private static String read(String name) {
            try (InputStream in = RedisPhoneThrottle.class.getResourceAsStream("lua/" + name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("missing Lua script " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read Lua script " + name, e);
            }
        }

        /** Sends the script now, so that the first send does not pay for it; best effort. */
        void preload(RedisCommands<String, String> redis) {
            try {
                redis.scriptLoad(source);
            } catch (RuntimeException e) {
                LOG.debug("Could not load the Lua script {} yet; the first call will", name, e);
            }
        }

        /**
         * Runs the script and waits for its answer, at most {@code timeout}. Through the asynchronous commands: the
         * synchronous ones are a reflective proxy around them, a cost paid on every send.
         */
        List<Object> run(RedisAsyncCommands<String, String> redis, Duration timeout, String[] keys, String... args)
                throws InterruptedException {
            try {
                try {
                    return await(redis.evalsha(sha, ScriptOutputType.MULTI, keys, args), timeout);
                } catch (RedisNoScriptException e) {
                    return await(redis.eval(source, ScriptOutputType.MULTI, keys, args), timeout);
                }
            } catch (TimeoutException e) {
                throw new RedisCommandTimeoutException("the throttle script took longer than " + timeout.toMillis()
                        + " ms");
            }
        }

        private static List<Object> await(RedisFuture<List<Object>> future, Duration timeout)
                throws InterruptedException, TimeoutException {
            try {
                return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new RedisException(e.getCause());
            } catch (TimeoutException | InterruptedException e) {
                future.cancel(false);
                throw e;
            }
        }
    }
}
