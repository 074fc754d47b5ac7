package com.sendline.fakes.graphapi;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Meta's Graph API messages endpoint ({@code POST /{version}/{phone-number-id}/messages}) on 127.0.0.1, for adapter
 * tests and load tests: it checks tokens, ids and bodies as Meta does, enforces Meta's per-number throughput limit
 * (error 130429) and, when asked, the pair rate limit (131056), injects the faults a test scripts, and records every
 * message it accepts, so a test can judge a client by what "Meta" received rather than by what the client believes
 * it sent.
 *
 * <p>Thread-safe. Settings may change while requests are in flight; a request sees either the old or the new value.
 *
 * <p>Served by Netty on one or two event-loop threads of its own, rather than by the JDK's {@code HttpServer}:
 * in the throttle load test (5,000 requests a second on a 2-core machine) the JDK server was over a quarter of the
 * whole JVM's CPU, and the fake stands in for Meta's machines, so it should cost as little as it can on ours.
 * Latency and injected delays are timers on the event loop, not sleeping threads: hundreds of requests may wait at
 * once for the price of a timer each.
 */
public final class FakeGraphApi implements AutoCloseable {
    /** Meta's default throughput for a number, in messages per second. */
    public static final int META_DEFAULT_THROUGHPUT = 80;
    /** About how long Meta makes a number wait before messaging the same user again. */
    public static final Duration META_PAIR_WINDOW = Duration.ofSeconds(6);

    private final GraphHttpServer server;
    private final URI baseUrl;
    final InstantSource clock;

    final ConcurrentHashMap<String, RegisteredNumber> numbers = new ConcurrentHashMap<>();
    /** Every token some number accepts; a token Meta has never issued gets 401, a foreign one only 400. */
    final Map<String, Boolean> knownTokens = new ConcurrentHashMap<>();
    final ScriptedFaults faults = new ScriptedFaults();
    volatile int defaultThroughputPerSecond = META_DEFAULT_THROUGHPUT;
    volatile long pairWindowNanos;
    volatile Duration latency = Duration.ZERO;

    final ConcurrentLinkedQueue<AcceptedMessage> accepted = new ConcurrentLinkedQueue<>();
    final AtomicLong acceptedCount = new AtomicLong();
    final AtomicLong requestCount = new AtomicLong();
    final ConcurrentHashMap<Integer, LongAdder> rejections = new ConcurrentHashMap<>();

    private FakeGraphApi(InstantSource clock) {
        this.clock = clock;
        this.server = new GraphHttpServer(new MessagesHandler(this));
        this.baseUrl = URI.create("http://127.0.0.1:" + server.port());
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeGraphApi start() {
        return start(InstantSource.system());
    }

    /** @param clock stamps {@link AcceptedMessage#receivedAt()}; the rate limits always run on real time */
    public static FakeGraphApi start(InstantSource clock) {
        return new FakeGraphApi(Objects.requireNonNull(clock, "clock"));
    }

    /** Where to point a client instead of {@code https://graph.facebook.com}; no trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Lets {@code token} send from {@code phoneNumberId}. Several numbers may share a token, as the numbers of one
     * business account do in Meta; adding a number again replaces its token and forgets its own limit and faults.
     */
    public FakeGraphApi addNumber(String phoneNumberId, String token) {
        requireId(phoneNumberId);
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is empty");
        }
        knownTokens.put(token, Boolean.TRUE);
        numbers.put(phoneNumberId, new RegisteredNumber(phoneNumberId, token));
        return this;
    }

    /** Messages per second every number may send (sliding one-second window); 0 lifts the limit. Default 80. */
    public void throughputPerSecond(int perSecond) {
        requireNotNegative(perSecond, "throughput");
        defaultThroughputPerSecond = perSecond;
    }

    /** One number's own throughput, overriding the default; 0 goes back to the default. */
    public void throughputPerSecond(String phoneNumberId, int perSecond) {
        requireNotNegative(perSecond, "throughput");
        number(phoneNumberId).throughputPerSecond(perSecond);
    }

    /**
     * Turns on Meta's pair rate limit: a number may message the same recipient once per {@code window}
     * (Meta: about {@link #META_PAIR_WINDOW}); {@link Duration#ZERO}, the default, turns it off.
     */
    public void pairRateLimit(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
        pairWindowNanos = window.toNanos();
    }

    /** Holds every request this long before handling it. */
    public void latency(Duration value) {
        Objects.requireNonNull(value, "latency");
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latency = value;
    }

    /**
     * The next {@code times} requests, to any number, meet {@code fault}. Calls queue up in order. A number's own
     * faults ({@link #failNext(String, int, GraphFault)}) come first. Faults hit only requests that passed the
     * token check, as Meta's throttles and outages do.
     */
    public void failNext(int times, GraphFault fault) {
        requireNotNegative(times, "times");
        faults.add(times, Objects.requireNonNull(fault, "fault"));
    }

    /** The next {@code times} requests to this number meet {@code fault}. */
    public void failNext(String phoneNumberId, int times, GraphFault fault) {
        requireNotNegative(times, "times");
        number(phoneNumberId).faults.add(times, Objects.requireNonNull(fault, "fault"));
    }

    /** Every message accepted, in the order they were accepted. A copy: fine for tests, not for a hot loop. */
    public List<AcceptedMessage> accepted() {
        return List.copyOf(accepted);
    }

    public List<AcceptedMessage> accepted(String phoneNumberId) {
        return accepted.stream().filter(m -> m.phoneNumberId().equals(phoneNumberId)).toList();
    }

    public long acceptedCount() {
        return acceptedCount.get();
    }

    /** Every request that reached the fake, whatever the answer. */
    public long requestCount() {
        return requestCount.get();
    }

    /** How many requests were answered with Graph error {@code code} (e.g. 130429), injected ones included. */
    public long rejections(int code) {
        LongAdder n = rejections.get(code);
        return n == null ? 0 : n.sum();
    }

    /** Requests turned away by the per-number throughput limit (130429). */
    public long throughputRejections() {
        return rejections(GraphErrors.THROUGHPUT);
    }

    /** Rejections by Graph error code, in code order. */
    public Map<Integer, Long> rejectionsByCode() {
        Map<Integer, Long> out = new TreeMap<>();
        rejections.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    /** The most messages this number had accepted within any one second (a sliding window, not calendar seconds). */
    public int maxAcceptedInAnySecond(String phoneNumberId) {
        return number(phoneNumberId).maxInAnySecond();
    }

    /**
     * Forgets accepted messages, counters, throughput windows and scripted faults, so one fake can serve several
     * runs. Numbers, limits and latency stay as set.
     */
    public void reset() {
        accepted.clear();
        acceptedCount.set(0);
        requestCount.set(0);
        rejections.clear();
        faults.clear();
        numbers.values().forEach(RegisteredNumber::reset);
    }

    /** Stops serving at once; requests in flight get a closed connection. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FakeGraphApi[" + baseUrl + ", " + numbers.size() + " numbers]";
    }

    void rejected(int code) {
        rejections.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    private RegisteredNumber number(String phoneNumberId) {
        RegisteredNumber number = numbers.get(phoneNumberId);
        if (number == null) {
            throw new IllegalArgumentException("no number " + phoneNumberId + " was added");
        }
        return number;
    }

    private static void requireId(String phoneNumberId) {
        if (phoneNumberId == null || !phoneNumberId.matches("[0-9]{1,30}")) {
            throw new IllegalArgumentException("a phone number id is digits, as Meta's are: " + phoneNumberId);
        }
    }

    private static void requireNotNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
