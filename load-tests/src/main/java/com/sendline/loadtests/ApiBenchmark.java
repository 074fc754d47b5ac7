package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.tenancy.SeedDemo;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import io.lettuce.core.RedisURI;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.sendline.loadtests.Bench.ms;
import static com.sendline.loadtests.Bench.rate;
import static com.sendline.loadtests.Bench.say;
import static com.sendline.loadtests.Bench.secs;
import static com.sendline.loadtests.Bench.sleep;

/**
 * {@code load-tests/bench api}: {@code POST /api/v1/messages} against a real Sendline instance (the application as
 * {@code ./sendline} runs it, worker on, in this JVM, on 127.0.0.1), with bearer tokens of BENCH_API_KEYS API keys
 * of the seeded demo business, obtained through {@code POST /api/v1/auth/token} as a partner would.
 *
 * <p>Every call goes the whole way: JWT check, the per-key rate limit in Redis (set high enough here that it never
 * refuses, but still asked on every call), body binding and validation, the device lookup, the insert into
 * {@code messages} and the due queue in Redis. The messages are due 30 days ahead, so the worker does not also send
 * them during the run (BENCH_API_SEND_NOW=true: due now, sent to the demo's simulator device while the load runs).
 *
 * <p>The load is open-loop, as in {@link WebhookBenchmark}: request i has a due instant fixed before the run and
 * its latency runs from that instant, so a server that falls behind shows it in the percentiles. The warm-up ramps
 * from a fifth of the rate to the full rate (the JIT compiles meanwhile); then the full rate for BENCH_API_SECONDS,
 * which alone is measured. Afterwards the rows in {@code messages} are counted: as many as 201s, or the difference
 * counts as errors.
 */
public final class ApiBenchmark implements Bench.Run {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final int rate;
    private final int seconds;
    private final int warmup;
    private final int keys;
    private final int connections;
    private final int requestTimeoutMs;
    private final boolean sendNow;
    private final Duration timeout;
    private final PostgresUrl databaseUrl;
    private final RedisURI redisUri;
    private final String commit;

    private final Instant began = Instant.now();
    private final BenchApplication instance;
    private final String schema;
    private final Set<String> problems = new LinkedHashSet<>();


    ApiBenchmark(BenchEnv env) {
        rate = env.integer("BENCH_API_RPS", 5_000, 1, 50_000);
        seconds = env.integer("BENCH_API_SECONDS", 20, 1, 3_600);
        warmup = env.integer("BENCH_API_WARMUP_SECONDS", 60, 0, 600);
        keys = env.integer("BENCH_API_KEYS", 8, 1, 1_000);
        connections = env.integer("BENCH_API_CONNECTIONS", 64, 1, 4_000);
        requestTimeoutMs = env.integer("BENCH_API_REQUEST_TIMEOUT_MS", 5_000, 100, 60_000);
        String now = env.text("BENCH_API_SEND_NOW", "false");
        if (!now.equals("true") && !now.equals("false")) {
            throw new IllegalArgumentException("BENCH_API_SEND_NOW must be true or false (got \"" + now + "\")");
        }
        sendNow = now.equals("true");
        timeout = env.seconds("BENCH_TIMEOUT", 600, 60, 86_400);
        commit = env.text("BENCH_COMMIT", "unknown");
        if ((long) rate * (warmup + seconds) > 2_000_000) {
            throw new IllegalArgumentException("BENCH_API_RPS × (BENCH_API_WARMUP_SECONDS + BENCH_API_SECONDS) is at"
                    + " most 2,000,000 requests (they are built in memory before the run)");
        }
        databaseUrl = env.databaseUrl();
        redisUri = env.redisUri();
        instance = new BenchApplication("api", databaseUrl, redisUri);
        schema = instance.schema();
    }

    public static void main(String[] args) {
        Bench.main("api", ApiBenchmark::new);
    }

    @Override
    public int run() throws Exception {
        say(instance.machine(commit));
        say("settings: rps=" + rate + " warmup=" + warmup + "s (ramp) seconds=" + seconds + " keys=" + keys
                + " connections=" + connections + " request_timeout=" + requestTimeoutMs + "ms send_now=" + sendNow
                + " schema=" + schema);

        // The per-key limit is real (one Redis script call per request) but must not refuse the benchmark's own
        // traffic: each key may take the whole target rate, and a second of it at once.
        String keyLimit = String.valueOf(Math.max(rate, 100));
        SendlineApplication app = instance.start(Map.of("WORKER_ENABLED", "true", "API_RATE_LIMIT", keyLimit,
                "API_RATE_BURST", keyLimit));
        int port = app.url().getPort();
        SeedDemo.DemoTenancy demo = app.seededNow().orElseThrow();
        String deviceId = demo.deviceId();

        // API keys as a business creates them, tokens as a partner gets them.
        CreateApiKey createKey = app.context().getBean(CreateApiKey.class);
        List<String[]> headers = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int k = 0; k < keys; k++) {
            String plaintext = createKey.create(new ApiKeyOwner.OfBusiness(demo.businessId()), "Bench key " + k,
                    EnumSet.of(Scope.MESSAGES_WRITE, Scope.MESSAGES_READ)).plaintext();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/auth/token")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + plaintext + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(answer.body());
            if (answer.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("POST /api/v1/auth/token answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            headers.add(new String[] {"Content-Type", "application/json", "Authorization", "Bearer " + token.group(1)});
        }
        String sendAt = sendNow ? null : Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                .toString();

        // One request through the same path first: a wrong setting fails here, with the answer, not 100,000 times.
        HttpResponse<String> check = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/messages")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", headers.getFirst()[3])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(deviceId, -1, sendAt))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (check.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/messages answered " + check.statusCode() + ": "
                    + check.body());
        }
        PostgresUrl inSchema = LocalServices.inSchema(databaseUrl, schema);
        long storedBefore = Long.parseLong(LocalServices.queryOne(inSchema, "select count(*) from messages"));

        // Due instants: the warm-up ramps linearly from rate/5 to rate, then the full rate. Bodies built up front.
        int warmupCount = (int) Math.round(0.6 * rate * warmup);
        int total = warmupCount + rate * seconds;
        long[] due = new long[total];
        double r0 = rate / 5.0;
        double a = (rate - r0) / (2.0 * Math.max(warmup, 1));
        for (int i = 0; i < total; i++) {
            double t = i < warmupCount ? (-r0 + Math.sqrt(r0 * r0 + 4 * a * i)) / (2 * a)
                    : warmup + (double) (i - warmupCount) / rate;
            due[i] = (long) (t * 1e9);
        }
        byte[][] bodies = new byte[total][];
        for (int i = 0; i < total; i++) {
            bodies[i] = body(deviceId, i, sendAt);
        }
        say("demo business " + demo.businessId() + ", device " + deviceId + "; " + keys + " keys with tokens; "
                + total + " requests (" + warmupCount + " in the warm-up); sendAt " + (sendNow ? "now" : sendAt));

        Recorder recorder = new Recorder(3);
        Recorder service = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong created201 = new AtomicLong();
        AtomicLong okInWindow = new AtomicLong();
        AtomicLong lastAnswered = new AtomicLong();
        Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
        long stopBy = System.nanoTime() + Duration.between(Instant.now(), began.plus(timeout).minusSeconds(90))
                .toNanos();
        // `connections` senders, each with one keep-alive connection and one key's token, take requests in due
        // order; a request that finds every connection busy waits, and its latency still counts from its due instant.
        List<Thread> senders = new ArrayList<>();
        // The worst latency of the requests due in each second of the run: where a tail comes from shows as a run
        // of bad seconds (a stall the server then catches up on) or as a spread (too little headroom all along).
        int runSeconds = (int) (due[total - 1] / 1_000_000_000L) + 1;
        java.util.concurrent.atomic.AtomicLongArray worstBySecond = new java.util.concurrent.atomic.AtomicLongArray(
                runSeconds);
        for (int c = 0; c < connections; c++) {
            String[] auth = headers.get(c % keys);
            senders.add(Thread.ofPlatform().name("bench-sender-" + c).start(() -> {
                try (LoopbackHttp http = new LoopbackHttp("127.0.0.1", port, requestTimeoutMs)) {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        long dueAt = start + due[i];
                        long wait;
                        while ((wait = dueAt - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() > stopBy) {
                            break;
                        }
                        long sentAt = System.nanoTime();
                        int code;
                        try {
                            code = http.post("/api/v1/messages", auth, bodies[i]);
                        } catch (IOException | RuntimeException e) {
                            code = -1;
                            if (e instanceof java.net.SocketTimeoutException) {
                                timeouts.incrementAndGet();
                            }
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.toString());
                            }
                        }
                        long done = System.nanoTime();
                        if (code == 201) {
                            created201.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            if (code > 0) {
                                byStatus.computeIfAbsent(code, x -> new AtomicLong()).incrementAndGet();
                            }
                        }
                        worstBySecond.accumulateAndGet((int) (due[i] / 1_000_000_000L), done - dueAt, Math::max);
                        if (dueAt >= windowStart) {
                            recorder.recordValue(Math.max(1, (done - dueAt) / 1_000));
                            service.recordValue(Math.max(1, (done - sentAt) / 1_000));
                            if (code == 201) {
                                okInWindow.incrementAndGet();
                            }
                            lastAnswered.accumulateAndGet(done, Math::max);
                        }
                    }
                }
            }));
        }
        long nextNote = start + TimeUnit.SECONDS.toNanos(5);
        long lastDueAt = start + due[total - 1];
        CpuSample cpu0 = null;
        CpuSample cpu1 = null;
        long cpuFrom = 0;
        long cpuTo = 0;
        while (senders.stream().anyMatch(Thread::isAlive)) {
            sleep(50);
            long now = System.nanoTime();
            if (cpu0 == null && now >= windowStart) {
                cpu0 = CpuSample.take();
                cpuFrom = now;
            }
            if (cpu0 != null && cpu1 == null && now >= lastDueAt) {
                cpu1 = CpuSample.take();
                cpuTo = now;
            }
            if (now > nextNote) {
                say(String.format(Locale.ROOT, "[api] t=%ss taken=%d created=%d errors=%d", secs((now - start) / 1e9),
                        Math.min(next.get(), total), created201.get(), errors.get()));
                nextNote += TimeUnit.SECONDS.toNanos(5);
            }
        }
        if (cpu0 != null && cpu1 == null) {
            cpu1 = CpuSample.take();
            cpuTo = System.nanoTime();
        }
        if (next.get() < total) {
            problems.add("the run's time limit came before every request was sent (" + Math.min(next.get(), total)
                    + " of " + total + ")");
        }
        long windowEnd = Math.max(lastDueAt, lastAnswered.get());
        Histogram latency = recorder.getIntervalHistogram();
        Histogram serviceTime = service.getIntervalHistogram();
        double windowSecs = (windowEnd - windowStart) / 1e9;

        // A request that timed out may still be finishing on the server: a moment before counting.
        sleep(timeouts.get() > 0 ? requestTimeoutMs + 1_000L : 500);
        long stored = Long.parseLong(LocalServices.queryOne(inSchema, "select count(*) from messages"))
                - storedBefore;
        long mismatch = Math.abs(stored - created201.get());
        String statuses = LocalServices.queryOne(inSchema, "select string_agg(status || '=' || n, ' ') from"
                + " (select status, count(*) n from messages group by status order by status) x");
        firstErrors.forEach(e -> problems.add("error: " + e));
        byStatus.forEach((code, n) -> problems.add(n.get() + " answers HTTP " + code));
        if (mismatch > 0) {
            problems.add(stored + " messages stored for " + created201.get() + " answers 201");
        }
        if (LogCounter.errors() > 0) {
            problems.add(LogCounter.errors() + " errors logged");
        }

        double rps = okInWindow.get() / windowSecs;
        say(String.format(Locale.ROOT, "measured window: %s s, %d answered 201 (%d requests in the whole run, %d"
                        + " answered 201, %d errors of which %d timeouts)", secs(windowSecs), okInWindow.get(),
                Math.min(next.get(), total), created201.get(), errors.get(), timeouts.get()));
        say(String.format(Locale.ROOT, "latency from the intended send instant: p50 %s ms, p95 %s ms, p99 %s ms,"
                        + " p99.9 %s ms, max %s ms", ms(latency, 50), ms(latency, 95), ms(latency, 99),
                ms(latency, 99.9), ms(latency, 100)));
        say(String.format(Locale.ROOT, "service time (request written → answer read, no waiting for a connection):"
                + " p50 %s ms, p95 %s ms, p99 %s ms", ms(serviceTime, 50), ms(serviceTime, 95), ms(serviceTime, 99)));
        StringBuilder worst = new StringBuilder("worst latency of the requests due in each second (ms; the window"
                + " starts at second " + warmup + "):");
        for (int sec = 0; sec < runSeconds; sec++) {
            worst.append(' ').append(worstBySecond.get(sec) / 1_000_000);
        }
        say(worst.toString());
        if (cpu0 != null && cpu1 != null && cpuTo > cpuFrom) {
            double cpuSecs = (cpuTo - cpuFrom) / 1e9;
            say(cpu0.describe(cpu1, cpuSecs, "server and load generator"));
            say(cpu0.describeGc(cpu1, cpuSecs));
        }
        say("messages by status: " + statuses);
        problems.forEach(p -> say("problem: " + p));
        say("stored=" + stored);
        say(String.format(Locale.ROOT, "RESULT api rps=%s p50_ms=%s p95_ms=%s p99_ms=%s errors=%d", rate(rps),
                ms(latency, 50), ms(latency, 95), ms(latency, 99), errors.get() + mismatch));
        return problems.stream().anyMatch(p -> p.startsWith("the run's time limit")) ? 3 : 0;
    }

    /** Request i's body: a different recipient each time (German mobile numbers), the demo's simulator device. */
    private static byte[] body(String deviceId, int i, String sendAt) {
        String to = "+49151" + (10_000_000 + Math.floorMod(i, 90_000_000));
        return ("{\"deviceId\":\"" + deviceId + "\",\"to\":\"" + to + "\",\"body\":\"Bench message " + i
                + ": your order is ready for collection.\"" + (sendAt == null ? "" : ",\"sendAt\":\"" + sendAt + "\"")
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void cleanup() {
        instance.close();
    }
}
