package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.fakes.graphapi.MetaWebhooks;
import io.lettuce.core.RedisURI;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import static com.sendline.loadtests.Bench.ms;
import static com.sendline.loadtests.Bench.rate;
import static com.sendline.loadtests.Bench.say;
import static com.sendline.loadtests.Bench.secs;
import static com.sendline.loadtests.Bench.sleep;

/**
 * {@code load-tests/bench webhook}: Meta's webhooks posted, signed, to a real Sendline instance (the application
 * exactly as {@code ./sendline} runs it, in this JVM, on 127.0.0.1, with its worker processing what it takes in).
 *
 * <p>The load is open-loop: request i is due at {@code start + i / rate}, and its latency is measured from that
 * instant, not from when the client got round to it, so a server that falls behind shows it in the percentiles
 * instead of quietly slowing the client down. Bodies are Meta's shapes ({@link MetaWebhooks}): 60 % delivery
 * statuses, 40 % customers' text messages, over BENCH_NUMBERS Cloud numbers of two Meta apps (two app secrets).
 * BENCH_REPLAY_PCT of the posts are a copy of a body already posted a moment before — Meta redelivering — and must
 * not be stored twice. Bodies are built and signed before the clock starts.
 *
 * <p>After the timed run the benchmark waits for processing to catch up, then counts what the database kept:
 * {@code duplicates_stored} is rows beyond one per distinct event acknowledged; {@code lost} is distinct events
 * acknowledged but not kept.
 */
public final class WebhookBenchmark implements Bench.Run {
    private static final String[] SECRETS = {"bench-app-secret-a", "bench-app-secret-b"};

    private final int rate;
    private final int seconds;
    private final int warmup;
    private final int replayPct;
    private final int numbers;
    private final int connections;
    private final Duration timeout;
    private final PostgresUrl databaseUrl;
    private final RedisURI redisUri;
    private final String commit;
    private final boolean workerEnabled;

    private final Instant began = Instant.now();
    private final BenchApplication instance;
    private final String schema;
    private final Set<String> problems = new LinkedHashSet<>();


    /** One post: its body, signature, and which distinct event it carries (replays share the index). */
    private record Post(byte[] body, String signature, int event, String wamid) {
    }

    WebhookBenchmark(BenchEnv env) {
        rate = env.integer("BENCH_RATE", 2_000, 1, 50_000);
        seconds = env.integer("BENCH_SECONDS", 30, 1, 3_600);
        warmup = env.integer("BENCH_WARMUP_SECONDS", 15, 0, 600);
        replayPct = env.integer("BENCH_REPLAY_PCT", 5, 0, 50);
        numbers = env.integer("BENCH_NUMBERS", 10, 1, 1_000);
        connections = env.integer("BENCH_CONNECTIONS", 64, 1, 4_000);
        timeout = env.seconds("BENCH_TIMEOUT", 600, 60, 86_400);
        commit = env.text("BENCH_COMMIT", "unknown");
        workerEnabled = !"false".equals(env.text("BENCH_WORKER", "true"));
        if ((long) rate * (warmup + seconds) > 2_000_000) {
            throw new IllegalArgumentException("BENCH_RATE × (BENCH_WARMUP_SECONDS + BENCH_SECONDS) is at most"
                    + " 2,000,000 posts (they are built in memory before the run)");
        }
        databaseUrl = env.databaseUrl();
        redisUri = env.redisUri();
        instance = new BenchApplication("webhook", databaseUrl, redisUri);
        schema = instance.schema();
    }

    public static void main(String[] args) {
        Bench.main("webhook", WebhookBenchmark::new);
    }

    @Override
    public int run() throws Exception {
        say(instance.machine(commit));
        say("settings: rate=" + rate + "/s warmup=" + warmup + "s seconds=" + seconds + " replay=" + replayPct
                + "% numbers=" + numbers + " connections=" + connections + " schema=" + schema);

        SendlineApplication app = instance.start(Map.of("WORKER_ENABLED", String.valueOf(workerEnabled)));
        URI target = URI.create("http://127.0.0.1:" + app.url().getPort() + "/webhooks/whatsapp-cloud");
        SchedulingEngine engine = app.context().getBean(SchedulingEngine.class);
        BusinessId business = app.seededNow().orElseThrow().businessId();
        List<String> numberIds = new ArrayList<>();
        for (int i = 0; i < numbers; i++) {
            String id = String.valueOf(100_000_000_000_000L + i);
            engine.addCloudNumber().add(new AddCloudNumber.Request(business, "Bench " + i,
                    "+4930" + (5_000_000 + i), id, "bench-token-" + i, SECRETS[i % SECRETS.length],
                    "bench-verify-" + i));
            numberIds.add(id);
        }

        int total = rate * (warmup + seconds);
        Post[] posts = build(total, numberIds);
        int distinct = posts.length == 0 ? 0 : 1 + maxEvent(posts);
        say("built " + total + " signed posts carrying " + distinct + " distinct events; sending");
        // The posts (~75 MB, the generator's, not the application's) would otherwise sit in the young generation's
        // survivor space and be copied at every young collection of the run: 12-14 ms pauses instead of ~4 ms,
        // charged to the intake's latency. One full collection now moves them to the old generation for good.
        System.gc();

        Recorder recorder = new Recorder(3);
        Recorder service = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong inWindow = new AtomicLong();
        AtomicLong lastAnswered = new AtomicLong();
        AtomicLongArray acked = new AtomicLongArray(distinct);
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
        long interval = 1_000_000_000L / rate;
        long stopBy = System.nanoTime() + Duration.between(Instant.now(), began.plus(timeout).minusSeconds(90)).toNanos();
        String path = target.getRawPath();
        // `connections` senders, each with one keep-alive connection, take posts in due order. Post i is due at
        // start + i / rate whatever the others are doing; one that finds every connection busy waits, and its
        // latency still counts from its due instant.
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            senders.add(Thread.ofPlatform().name("bench-sender-" + c).start(() -> {
                try (LoopbackHttp http = new LoopbackHttp("127.0.0.1", target.getPort())) {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        long due = start + i * interval;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() > stopBy) {
                            break;
                        }
                        Post post = posts[i];
                        long sentAt = System.nanoTime();
                        int code;
                        try {
                            code = http.post(path, new String[] {"Content-Type", "application/json",
                                    "X-Hub-Signature-256", post.signature()}, post.body());
                        } catch (IOException | RuntimeException e) {
                            code = -1;
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.toString());
                            }
                        }
                        long done = System.nanoTime();
                        if (code == 200) {
                            acked.incrementAndGet(post.event());
                        } else {
                            errors.incrementAndGet();
                            if (code > 0 && firstErrors.size() < 5) {
                                firstErrors.add("HTTP " + code);
                            }
                        }
                        if (due >= windowStart) {
                            recorder.recordValue(Math.max(1, (done - due) / 1_000));
                            service.recordValue(Math.max(1, (done - sentAt) / 1_000));
                            inWindow.incrementAndGet();
                            lastAnswered.accumulateAndGet(done, Math::max);
                        }
                    }
                }
            }));
        }
        long nextNote = start + TimeUnit.SECONDS.toNanos(5);
        long lastDueAt = start + (long) (total - 1) * interval;
        CpuSample cpu0 = null;
        CpuSample cpu1 = null;
        long cpuFrom = 0;
        long cpuTo = 0;
        while (senders.stream().anyMatch(Thread::isAlive)) {
            sleep(100);
            long now = System.nanoTime();
            if (cpu0 == null && now >= windowStart) {
                cpu0 = CpuSample.take();
                cpuFrom = now;
            }
            if (cpu0 != null && cpu1 == null && now >= lastDueAt) {
                cpu1 = CpuSample.take();
                cpuTo = now;
            }
            if (System.nanoTime() > nextNote) {
                say(String.format(Locale.ROOT, "[webhook] t=%ss taken=%d errors=%d", secs((System.nanoTime() - start)
                        / 1e9), Math.min(next.get(), total), errors.get()));
                nextNote += TimeUnit.SECONDS.toNanos(5);
            }
        }
        if (cpu0 != null && cpu1 == null) {
            cpu1 = CpuSample.take();
            cpuTo = System.nanoTime();
        }
        if (next.get() < total) {
            problems.add("the run's time limit came before every post was sent (" + next.get() + " of " + total + ")");
        }
        long lastDue = Math.max(start + (long) (total - 1) * interval, lastAnswered.get());
        Histogram latency = recorder.getIntervalHistogram();
        Histogram serviceTime = service.getIntervalHistogram();
        double windowSecs = (lastDue - windowStart) / 1e9;

        // Processing is asynchronous: let it catch up before counting what was kept.
        PostgresUrl inSchema = LocalServices.inSchema(databaseUrl, schema);
        long backlog = -1;
        Instant drainBy = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(drainBy)) {
            backlog = Long.parseLong(LocalServices.queryOne(inSchema,
                    "select count(*) from webhook_events where processed_at is null"));
            if (backlog == 0) {
                break;
            }
            sleep(200);
        }
        if (backlog != 0) {
            problems.add(backlog + " events still unprocessed 120 s after the last post");
        }
        long stored = Long.parseLong(LocalServices.queryOne(inSchema, "select count(*) from webhook_events"));
        long storedMessages = Long.parseLong(LocalServices.queryOne(inSchema, "select count(*) from inbound_messages"));
        // Every distinct event has its own wamid: rows beyond one per wamid are duplicates, whatever the key says.
        long duplicates = Long.parseLong(LocalServices.queryOne(inSchema, "select coalesce(sum(c - 1), 0) from"
                + " (select count(*) c from webhook_events group by provider_message_id) x"))
                + Long.parseLong(LocalServices.queryOne(inSchema, "select coalesce(sum(c - 1), 0) from"
                + " (select count(*) c from inbound_messages group by device_id, provider_message_id) x"));
        Set<String> kept = LocalServices.column(inSchema, "select provider_message_id from webhook_events");
        long distinctAcked = 0;
        long lost = 0;
        for (Post p : posts) {
            if (p != null && acked.get(p.event()) > 0 && p.wamid() != null) {
                acked.set(p.event(), 0);
                distinctAcked++;
                if (!kept.contains(p.wamid())) {
                    lost++;
                }
            }
        }
        firstErrors.forEach(e -> problems.add("error: " + e));
        if (lost > 0) {
            problems.add(lost + " events were acknowledged with 200 but not kept");
        }
        if (LogCounter.errors() > 0) {
            problems.add(LogCounter.errors() + " errors logged");
        }

        double rps = inWindow.get() / windowSecs;
        say(String.format(Locale.ROOT, "measured window: %s s, %d posts answered; kept %d events (%d customers' "
                        + "messages) for %d distinct events acknowledged; lost=%d", secs(windowSecs), inWindow.get(),
                stored, storedMessages, distinctAcked, lost));
        say(String.format(Locale.ROOT, "latency from the intended send instant: p50 %s ms, p95 %s ms, p99 %s ms,"
                + " p99.9 %s ms, max %s ms", ms(latency, 50), ms(latency, 95), ms(latency, 99), ms(latency, 99.9),
                ms(latency, 100)));
        say(String.format(Locale.ROOT, "service time (request written → answer read, no waiting for a connection):"
                + " p50 %s ms, p95 %s ms, p99 %s ms", ms(serviceTime, 50), ms(serviceTime, 95), ms(serviceTime, 99)));
        if (cpu0 != null && cpuTo > cpuFrom) {
            say(cpu0.describe(cpu1, (cpuTo - cpuFrom) / 1e9, "application and load generator"));
            say(cpu0.describeGc(cpu1, (cpuTo - cpuFrom) / 1e9));
        }
        problems.forEach(p -> say("problem: " + p));
        say(String.format(Locale.ROOT, "RESULT webhook rps=%s p50_ms=%s p95_ms=%s p99_ms=%s errors=%d "
                        + "duplicates_stored=%d", rate(rps), ms(latency, 50), ms(latency, 95), ms(latency, 99),
                errors.get(), duplicates));
        return problems.stream().anyMatch(p -> p.startsWith("the run's time limit") || p.contains("unprocessed"))
                ? 3 : 0;
    }

    /** Fresh events, with replays of a recent one mixed in; each a complete, signed webhook body. */
    private Post[] build(int total, List<String> numberIds) {
        SplittableRandom random = new SplittableRandom(42);
        Post[] posts = new Post[total];
        int event = 0;
        Instant now = Instant.now();
        String[] statuses = {"sent", "delivered", "read"};
        for (int i = 0; i < total; i++) {
            if (i > 10 && random.nextInt(100) < replayPct) {
                // Meta redelivers when it did not see our 200 in time: a copy of something posted shortly before.
                posts[i] = posts[i - 1 - random.nextInt(Math.min(i, 200))];
                continue;
            }
            int n = random.nextInt(numberIds.size());
            String numberId = numberIds.get(n);
            String customer = "49151" + (10_000_000 + random.nextInt(5_000));
            String wamid = "wamid.HBgM" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            String body = random.nextInt(100) < 60
                    ? MetaWebhooks.status(numberId, "49305000000", wamid, statuses[random.nextInt(3)], customer,
                    UUID.randomUUID().toString(), now)
                    : MetaWebhooks.incomingText(numberId, "49305000000", customer, "Customer " + customer, wamid,
                    "Hello, is my order " + random.nextInt(100_000) + " ready?", now);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            posts[i] = new Post(bytes, MetaWebhooks.signature(bytes, SECRETS[n % SECRETS.length]), event++, wamid);
        }
        return posts;
    }

    private static int maxEvent(Post[] posts) {
        int max = -1;
        for (Post p : posts) {
            max = Math.max(max, p.event());
        }
        return max;
    }

    @Override
    public void cleanup() {
        instance.close();
    }
}
