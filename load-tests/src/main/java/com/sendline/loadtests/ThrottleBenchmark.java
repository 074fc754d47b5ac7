package com.sendline.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendline.adapters.phonenumbers.LibPhoneNumberRecipients;
import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PoolSettings;
import com.sendline.adapters.postgres.PostgresBusinesses;
import com.sendline.adapters.postgres.PostgresCloudNumbers;
import com.sendline.adapters.postgres.PostgresMigrations;
import com.sendline.adapters.postgres.PostgresPools;
import com.sendline.adapters.postgres.PostgresResellers;
import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.adapters.postgres.ReadRoute;
import com.sendline.adapters.recurrence.LibraryRecurrenceCalendar;
import com.sendline.adapters.redis.RedisConnections;
import com.sendline.adapters.whatsappcloud.CloudApiClient;
import com.sendline.adapters.whatsappcloud.CloudApiDriver;
import com.sendline.adapters.whatsappcloud.CloudApiSettings;
import com.sendline.adapters.whatsappcloud.CloudSender;
import com.sendline.adapters.whatsappcloud.RedisPhoneThrottle;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.dispatch.DispatchSettings;
import com.sendline.application.scheduling.UnlimitedQuota;
import com.sendline.application.sessions.SessionSettings;
import com.sendline.bootstrap.engine.EngineConfig;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SessionEvents;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Slug;
import com.sendline.fakes.graphapi.AcceptedMessage;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import static com.sendline.loadtests.Bench.ms;
import static com.sendline.loadtests.Bench.pct;
import static com.sendline.loadtests.Bench.quietly;
import static com.sendline.loadtests.Bench.rate;
import static com.sendline.loadtests.Bench.say;
import static com.sendline.loadtests.Bench.secs;
import static com.sendline.loadtests.Bench.sleep;

/**
 * {@code load-tests/bench throttle}: whether the per-number Cloud API throttle holds each number at its rate — and
 * below Meta's limit — when several worker instances send from the same numbers at once.
 *
 * <p>BENCH_PHONES Cloud numbers of one business, BENCH_WORKERS worker instances (default 2) and the fake Graph API
 * in this JVM. Each instance is a {@link SchedulingEngine} of its own, with its own Lettuce client, its own Postgres
 * pool and its own {@code RedisPhoneThrottle} + {@code CloudSender} + {@code CloudApiClient} + {@code
 * CloudApiDriver}, as separate processes would have; they share the Postgres schema, the Redis key prefix (so the
 * due queue, the hot set and the throttle buckets) and the fake. The fake answers 130429 when a number takes more
 * than BENCH_GRAPH_LIMIT messages in any one second, as Meta does.
 *
 * <p>Every number gets a backlog of messages due now, more than BENCH_RPS_PER_PHONE lets it send in the run; the
 * workers are started together and run for BENCH_WARMUP_SECONDS + BENCH_SECONDS; the rates come from what the fake
 * accepted inside the steady window (the last BENCH_SECONDS: on two saturated cores the JIT needs about half a
 * minute before the rate stops climbing). The largest one-second window and the 130429 count cover the whole run.
 * The workers are then closed: messages they had not begun stay scheduled, which is the point of a backlog. Setup
 * (rows straight into {@code messages}, entries into the due queue with {@code RedisDueQueue.enqueue}) is not timed.
 * The last line printed is the RESULT line.
 */
public final class ThrottleBenchmark implements Bench.Run {
    private static final int INSERT_CHUNK = 5_000;
    private static final int ENQUEUE_CHUNK = 1_000;
    private static final int GRAPH_THROUGHPUT = 130429;
    private static final double BACKLOG_MARGIN = 1.2;
    private static final ObjectMapper JSON = new ObjectMapper();

    // settings
    private final int phones;
    private final int workers;
    private final int rps;
    private final int graphLimit;
    private final int seconds;
    private final int warmup;
    private final int graphLatencyMs;
    private final int concurrency;
    private final int hotCap;
    private final int dbPool;
    private final Duration timeout;
    private final Duration stall;
    private final PostgresUrl databaseUrl;
    private final RedisURI redisUri;
    private final String commit;
    private final int perPhone;

    // this run
    private final Instant began = Instant.now();
    private final Instant deadline;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String schema = "bench_" + run;
    private final String prefix = "bench:" + run + ":";
    private final Set<String> problems = new LinkedHashSet<>();

    // resources, closed by cleanup()
    private final List<Instance> instances = new ArrayList<>();
    private FakeGraphApi graph;
    private boolean schemaCreated;
    private boolean cleanedUp;

    private BusinessId business;
    private final List<Device> devices = new ArrayList<>();
    private final List<String> numberIds = new ArrayList<>();

    /** One worker instance: everything a separate process would have of its own. */
    private static final class Instance {
        final String name;
        HikariDataSource pool;
        Database db;
        RedisClient redis;
        RedisPhoneThrottle throttle;
        MeasuredThrottle measured;
        CountingDriver driver;
        final CountingMetrics metrics = new CountingMetrics();
        SchedulingEngine engine;
        boolean closed;

        Instance(String name) {
            this.name = name;
        }
    }

    ThrottleBenchmark(BenchEnv env) {
        phones = env.integer("BENCH_PHONES", 20, 1, 1_000);
        workers = env.integer("BENCH_WORKERS", 2, 1, 16);
        rps = env.integer("BENCH_RPS_PER_PHONE", 250, 1, 10_000);
        graphLimit = env.integer("BENCH_GRAPH_LIMIT", rps, 0, 100_000);
        seconds = env.integer("BENCH_SECONDS", 20, 1, 3_600);
        warmup = env.integer("BENCH_WARMUP_SECONDS", 30, 0, 600);
        graphLatencyMs = env.integer("BENCH_GRAPH_LATENCY_MS", 0, 0, 10_000);
        concurrency = env.integer("BENCH_WORKER_CONCURRENCY", 40, 1, 10_000);
        hotCap = env.integer("BENCH_HOT_CAP", Math.max(2, phones), 2, 100_000);
        dbPool = env.integer("BENCH_DB_POOL", 25, 2, 1_000);
        timeout = env.seconds("BENCH_TIMEOUT", 600, 60, 86_400);
        stall = env.seconds("BENCH_STALL_SECONDS", 90, 5, 3_600);
        commit = env.text("BENCH_COMMIT", "unknown");
        if (hotCap < phones) {
            throw new IllegalArgumentException("BENCH_HOT_CAP must be at least BENCH_PHONES (" + phones + "): a "
                    + "Cloud session is cheap, and a smaller hot set would measure session churn, not the throttle");
        }
        long backlog = (long) Math.ceil((double) rps * (warmup + seconds) * BACKLOG_MARGIN);
        if (backlog * phones > 5_000_000) {
            throw new IllegalArgumentException("BENCH_PHONES × BENCH_RPS_PER_PHONE × (BENCH_WARMUP_SECONDS + "
                    + "BENCH_SECONDS) × 1.2 = " + backlog * phones + " messages; at most 5,000,000");
        }
        perPhone = (int) backlog;
        databaseUrl = env.databaseUrl();
        redisUri = env.redisUri();
        // Leave time to print what was measured and to clean up before the script's hard timeout.
        deadline = began.plus(timeout).minusSeconds(45);
    }

    public static void main(String[] args) {
        Bench.main("throttle", ThrottleBenchmark::new);
    }

    // ------------------------------------------------------------------------------------------------ the run

    @Override
    public int run() throws Exception {
        boolean created = LocalServices.ensureDatabase(databaseUrl);
        printHeader(created);
        setUp();
        load();

        // --- the timed part: every worker starts at once, runs warmup + seconds -----------------------------------
        CpuSample cpu0 = null;
        Instant start = Instant.now();
        instances.forEach(i -> i.engine.worker().start());
        Instant windowStart = start.plusSeconds(warmup);
        Instant windowEnd = windowStart.plusSeconds(seconds);
        Map<String, Long>[] grantedAtStart = null;
        boolean complete = true;
        long lastCount = -1;
        Instant progressAt = start;
        Instant nextNote = start.plusSeconds(5);
        long noteCount = 0;
        while (true) {
            sleep(10);
            Instant now = Instant.now();
            if (grantedAtStart == null && !now.isBefore(windowStart)) {
                grantedAtStart = granted();
                cpu0 = CpuSample.take();
                instances.forEach(i -> {
                    i.measured.interval();
                    i.metrics.sendMicros.getIntervalHistogram();
                });
            }
            if (!now.isBefore(windowEnd)) {
                break;
            }
            long c = graph.acceptedCount();
            if (c != lastCount) {
                lastCount = c;
                progressAt = now;
            }
            if (!now.isBefore(nextNote)) {
                double secs = Duration.between(nextNote.minusSeconds(5), now).toNanos() / 1e9;
                say(String.format(Locale.ROOT, "[throttle] t=%ss accepted=%d (%s/s over the last %s s) "
                                + "130429=%d", secs(Duration.between(start, now).toNanos() / 1e9), c,
                        rate((c - noteCount) / secs), secs(secs), graph.rejections(GRAPH_THROUGHPUT)));
                noteCount = c;
                nextNote = now.plusSeconds(5);
            }
            if (Duration.between(progressAt, now).compareTo(stall) > 0) {
                problems.add("stalled: the fake accepted nothing for " + stall.toSeconds() + " s");
                complete = false;
                break;
            }
            if (now.isAfter(deadline)) {
                problems.add("the run's time limit came before the end of the measuring window");
                complete = false;
                break;
            }
        }
        Instant measuredEnd = Instant.now().isBefore(windowEnd) ? Instant.now() : windowEnd;
        CpuSample cpu1 = CpuSample.take();
        Map<String, Long>[] grantedAtEnd = granted();
        List<Histogram[]> throttleTimes = new ArrayList<>();
        List<Histogram> sendTimes = new ArrayList<>();
        for (Instance i : instances) {
            throttleTimes.add(i.measured.interval());
            sendTimes.add(i.metrics.sendMicros.getIntervalHistogram());
        }
        long rejectedInWindow = graph.rejections(GRAPH_THROUGHPUT);

        // --- stop: running groups finish their sends, the rest stays scheduled ------------------------------------
        long t = System.nanoTime();
        List<Thread> closers = new ArrayList<>();
        for (Instance i : instances) {
            closers.add(Thread.ofPlatform().name("bench-close-" + i.name).start(() -> closeEngine(i)));
        }
        for (Thread c : closers) {
            c.join();
        }
        say(String.format(Locale.ROOT, "[throttle] workers stopped in %s s (the groups they had begun were sent; "
                + "the rest of the backlog stays scheduled)", secs((System.nanoTime() - t) / 1e9)));

        // --- what the fake saw --------------------------------------------------------------------------------------
        List<AcceptedMessage> accepted = graph.accepted();
        boolean measuredWindow = grantedAtStart != null && measuredEnd.isAfter(windowStart);
        double windowSecs = measuredWindow ? Duration.between(windowStart, measuredEnd).toNanos() / 1e9 : Double.NaN;
        Map<String, Integer> inWindow = new HashMap<>();
        Map<String, Integer> byPhoneAll = new HashMap<>();
        numberIds.forEach(id -> {
            inWindow.put(id, 0);
            byPhoneAll.put(id, 0);
        });
        long[] perSecond = new long[warmup + seconds + 1];
        for (AcceptedMessage a : accepted) {
            Instant at = a.receivedAt();
            if (!at.isAfter(measuredEnd)) {
                byPhoneAll.merge(a.phoneNumberId(), 1, Integer::sum);
                long s = Duration.between(start, at).toMillis() / 1_000;
                if (s >= 0 && s < perSecond.length) {
                    perSecond[(int) s]++;
                }
            }
            if (measuredWindow && !at.isBefore(windowStart) && at.isBefore(measuredEnd)) {
                inWindow.merge(a.phoneNumberId(), 1, Integer::sum);
            }
        }
        long windowTotal = inWindow.values().stream().mapToLong(Integer::longValue).sum();
        double totalPerSecond = measuredWindow ? windowTotal / windowSecs : Double.NaN;
        double utilisation = totalPerSecond / ((double) phones * rps) * 100;
        int maxWindow = 0;
        for (String id : numberIds) {
            maxWindow = Math.max(maxWindow, graph.maxAcceptedInAnySecond(id));
        }
        long rejected = graph.rejections(GRAPH_THROUGHPUT);

        say("");
        int shown = (int) Math.min(perSecond.length, Duration.between(start, measuredEnd).toSeconds());
        say("per second since the workers started (accepted by the fake, all numbers; the window is the last "
                + seconds + "): " + Arrays.toString(Arrays.copyOf(perSecond, shown)).replace("[", "")
                .replace("]", ""));
        if (measuredWindow) {
            printPerPhone(inWindow, windowSecs, grantedAtStart, grantedAtEnd);
            printTimes(throttleTimes, sendTimes);
            say(cpu0 == null || cpu1 == null ? "[cpu] n/a" : cpu0.describe(cpu1, windowSecs, "workers, fake Graph API, HTTP both ends"));
        }
        for (String id : numberIds) {
            if (byPhoneAll.get(id) >= perPhone) {
                problems.add("number " + id + " ran out of backlog before the window ended; its rate is a lower "
                        + "bound");
            }
        }
        accounting(accepted, rejectedInWindow);

        say("");
        say("summary");
        for (Instance i : instances) {
            say(String.format(Locale.ROOT, "  %s: %s connects=%d throttle_refused=%d throttle_late_leaves=%d "
                            + "throttle_given_up_instants=%d throttle_missed_instants=%d max_sessions_at_once=%d",
                    i.name, i.metrics.summaryByCode(), i.driver.connects.sum(), i.measured.refused(),
                    i.throttle.lateLeaves(), i.throttle.givenUpInstants(), i.throttle.missedInstants(),
                    i.engine.sessions().maxLiveAtOnce()));
        }
        say("  fake Graph API: requests=" + graph.requestCount() + " accepted=" + graph.acceptedCount()
                + " rejections=" + graph.rejectionsByCode());
        say("  log: warnings=" + LogCounter.warnings() + " errors=" + LogCounter.errors());
        LogCounter.first().forEach(l -> say("    " + l));
        problems.forEach(p -> say("  problem: " + p));
        say("  wall time: " + secs(Duration.between(began, Instant.now()).toNanos() / 1e9) + " s"
                + (complete ? "" : "  (INCOMPLETE: the window was cut short; see above)"));
        say(String.format(Locale.ROOT, "RESULT throttle phones=%d total_per_s=%s max_1s_window_per_phone=%d "
                        + "utilisation_pct=%s rejected_130429=%d", phones, rate(totalPerSecond), maxWindow,
                pct(utilisation), rejected));
        return complete ? 0 : 3;
    }

    private void printHeader(boolean createdDatabase) throws SQLException {
        String pg = LocalServices.queryOne(databaseUrl, "show server_version");
        double interval = ceilingInterval().toNanos() / 1e9;
        say("bench throttle: Cloud API numbers sent from by several worker instances at once, through the per-number "
                + "Redis throttle, to the fake Graph API");
        say(String.format(Locale.ROOT, "settings: phones=%d workers=%d rps_per_phone=%d graph_limit=%d/s "
                        + "graph_latency=%dms seconds=%d "
                        + "warmup=%ds backlog=%d/phone (%d in all) worker_concurrency=%d (per worker) hot_cap=%d "
                        + "batch=%d db_pool=%d (per worker) throttle_max_wait=%dms timeout=%ds stall=%ds",
                phones, workers, rps, graphLimit, graphLatencyMs, seconds, warmup, perPhone, (long) perPhone * phones,
                concurrency, hotCap, DispatchSettings.defaults().batchSize(), dbPool,
                CloudApiSettings.defaults().maxThrottleWait().toMillis(), timeout.toSeconds(), stall.toSeconds()));
        say(String.format(Locale.ROOT, "throttle: one send instant per number every %.3f ms, reserved in Redis (GCRA; "
                        + "jitter allowance %d ms, late allowance %d ms, burst %d), so at most %.1f/s per number = "
                        + "%.1f %% of rps_per_phone; target %d/s in all", interval * 1e3,
                RedisPhoneThrottle.DEFAULT_JITTER_ALLOWANCE.toMillis(),
                RedisPhoneThrottle.DEFAULT_LATE_ALLOWANCE.toMillis(), RedisPhoneThrottle.DEFAULT_BURST, 1 / interval,
                100 / interval / rps, phones * rps));
        say(String.format(Locale.ROOT, "machine: cpus=%d java=%s (%s) max_heap=%d MB postgres=%s redis=%s commit=%s",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vendor"),
                Runtime.getRuntime().maxMemory() >> 20, pg, LocalServices.redisVersion(redisUri), commit));
        say("services: " + databaseUrl.redacted() + (createdDatabase ? " (created now)" : "") + " schema " + schema
                + "; redis " + redisUri.getHost() + ":" + redisUri.getPort() + " prefix " + prefix
                + "; fake Graph API in this JVM");
    }

    // ------------------------------------------------------------------------------------------------ setup

    private void setUp() throws SQLException {
        PostgresUrl url = LocalServices.inSchema(databaseUrl, schema);
        LocalServices.execute(databaseUrl, "create schema " + schema);
        schemaCreated = true;
        PostgresMigrations.migrate(url);

        graph = FakeGraphApi.start();
        graph.throughputPerSecond(graphLimit);
        graph.latency(Duration.ofMillis(graphLatencyMs));

        // Each worker instance as its own process would be: pool, Redis client, throttle, HTTP client, engine.
        CloudApiSettings cloud = CloudApiSettings.defaults().withBaseUrl(graph.baseUrl()).withRpsPerPhone(rps);
        // One key for every worker, as every instance of an installation shares SENDLINE_MASTER_KEY.
        com.sendline.domain.crypto.SecretSealer sealer = com.sendline.adapters.crypto.TinkSecretSealer
                .fromKeysetJson(com.sendline.adapters.crypto.TinkSecretSealer.newKeysetJson());
        for (int w = 0; w < workers; w++) {
            Instance i = new Instance("worker-" + (w + 1));
            synchronized (instances) {
                instances.add(i);
            }
            i.pool = PostgresPools.open(new PoolSettings("bench-" + i.name, url, dbPool, Duration.ofSeconds(5),
                    Duration.ofSeconds(5)));
            i.db = Database.primaryOnly(i.pool);
            i.redis = RedisConnections.open(redisUri, Duration.ofSeconds(2));
            RedisConnections.probe(i.redis);
            // As SchedulingWiring does: CLOUD_API_RPS_PER_PHONE and the default 5 s longest wait.
            i.throttle = new RedisPhoneThrottle(i.redis, prefix, rps, cloud.maxThrottleWait());
            i.measured = new MeasuredThrottle(i.throttle);
            CloudSender sender = new CloudSender(new CloudApiClient(cloud), i.measured,
                    alert -> problems.add(i.name + ": Cloud alert " + alert));
            i.driver = new CountingDriver(new CloudApiDriver(new PostgresCloudNumbers(i.db, sealer), sender));
            String holder = "bench-" + run + "-" + i.name;
            // Production's EngineConfig.from with its defaults, but every partition and this run's hot cap.
            EngineConfig config = new EngineConfig(ShardRange.ALL, hotCap,
                    DispatchSettings.defaults().withConcurrency(concurrency), SessionSettings.defaults(holder),
                    Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
                    Duration.ofHours(1));
            i.engine = new SchedulingEngine(config, i.db, sealer, i.redis, prefix, List.of(i.driver),
                    new LibPhoneNumberRecipients(), new LibraryRecurrenceCalendar(), new UnlimitedQuota(), i.metrics,
                    Clock.systemUTC());
        }

        Database db = instances.getFirst().db;
        Reseller reseller = new Reseller(ResellerId.random(), "Bench reseller", new Slug("bench" + run),
                Set.of(new HostName("bench" + run + ".example")), new Branding("Bench", null,
                new Colour("#123456"), new EmailAddress("help@bench" + run + ".example")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(reseller);
        Business b = new Business(BusinessId.random(), reseller.id(), "Bench shop", ZoneId.of("Europe/Berlin"),
                BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
        // The numbers of one business account, added as the API does (device + credentials).
        AddCloudNumber add = instances.getFirst().engine.addCloudNumber();
        for (int n = 0; n < phones; n++) {
            String id = "1065403522" + String.format(Locale.ROOT, "%05d", n);
            String token = "EAAG-bench-" + run + "-" + n;
            graph.addNumber(id, token);
            devices.add(add.add(new AddCloudNumber.Request(business, "Bench number " + n,
                    "+49 151 2345" + String.format(Locale.ROOT, "%04d", n), id, token, "app-secret-" + n,
                    "verify-" + n)));
            numberIds.add(id);
        }
    }

    /** The backlog: every number gets {@code perPhone} messages due now, interleaved, in Postgres and the queue. */
    private void load() throws SQLException {
        long t = System.nanoTime();
        int count = perPhone * phones;
        long due = Instant.now().toEpochMilli();
        UUID[] ids = new UUID[count];
        for (int k = 0; k < count; k++) {
            ids[k] = UUID.randomUUID();
        }
        HikariDataSource pool = instances.getFirst().pool;
        short partition = (short) QueuePartition.of(business).index();
        String sql = """
                insert into messages (id, business_id, device_id, shard_partition, recipient, body, due_at, status)
                select t.id, ?, t.device, ?, t.recipient, t.body,
                       timestamptz 'epoch' + ? * interval '1 millisecond', 'scheduled'
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[]) as t(id, device, recipient, body)
                """;
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < count; from += INSERT_CHUNK) {
                int k = Math.min(INSERT_CHUNK, count - from);
                UUID[] chunk = new UUID[k];
                UUID[] devs = new UUID[k];
                String[] to = new String[k];
                String[] body = new String[k];
                for (int j = 0; j < k; j++) {
                    int m = from + j;
                    chunk[j] = ids[m];
                    devs[j] = devices.get(m % phones).id().value();
                    to[j] = "+4915123456" + String.format(Locale.ROOT, "%03d", m % 1_000);
                    body[j] = "Bench message " + m;
                }
                ps.setObject(1, business.value());
                ps.setShort(2, partition);
                ps.setLong(3, due);
                ps.setArray(4, c.createArrayOf("uuid", chunk));
                ps.setArray(5, c.createArrayOf("uuid", devs));
                ps.setArray(6, c.createArrayOf("text", to));
                ps.setArray(7, c.createArrayOf("text", body));
                ps.executeUpdate();
            }
        }
        // Each recipient wrote to each number a moment ago: free-form messages are inside the customer-service
        // window (the guard asks Postgres once per number and recipient, then remembers until the window closes).
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into customer_service_windows (device_id, contact, business_id, last_inbound_at)
                select d.id, '+4915123456' || lpad(n::text, 3, '0'), d.business_id, now()
                from devices d cross join generate_series(0, 999) n
                where d.business_id = ? and d.channel = 'cloud'
                on conflict do nothing
                """)) {
            ps.setObject(1, business.value());
            ps.executeUpdate();
        }
        // As ScheduleMessage would, a thousand per call; any engine's queue is the shared one.
        SchedulingEngine engine = instances.getFirst().engine;
        List<DueEntry> batch = new ArrayList<>(ENQUEUE_CHUNK);
        Instant dueAt = Instant.ofEpochMilli(due);
        for (int m = 0; m < count; m++) {
            batch.add(new DueEntry(new MessageId(ids[m]), business, devices.get(m % phones).id(), dueAt));
            if (batch.size() == ENQUEUE_CHUNK) {
                engine.queue().enqueue(batch);
                batch = new ArrayList<>(ENQUEUE_CHUNK);
            }
        }
        if (!batch.isEmpty()) {
            engine.queue().enqueue(batch);
        }
        Bench.quiesce(databaseUrl, pool, "messages", problems);
        say(String.format(Locale.ROOT, "[throttle] setup: %d numbers, %d rows and queue entries (%d per number) in "
                + "%s s (not timed)", phones, count, perPhone, secs((System.nanoTime() - t) / 1e9)));
    }

    // ------------------------------------------------------------------------------------------------ reporting

    @SuppressWarnings("unchecked")
    private Map<String, Long>[] granted() {
        Map<String, Long>[] out = new Map[instances.size()];
        for (int w = 0; w < instances.size(); w++) {
            out[w] = instances.get(w).measured.granted();
        }
        return out;
    }

    private void printPerPhone(Map<String, Integer> inWindow, double windowSecs, Map<String, Long>[] before,
                               Map<String, Long>[] after) {
        say(String.format(Locale.ROOT, "per number over the steady window (%s s): accepted/s by the fake, then each "
                + "worker's share of the throttle's tokens; max 1 s window over the whole run", secs(windowSecs)));
        double min = Double.MAX_VALUE;
        double max = 0;
        String minId = null;
        String maxId = null;
        StringBuilder line = new StringBuilder();
        int n = 0;
        for (String id : numberIds) {
            double r = inWindow.get(id) / windowSecs;
            if (r < min) {
                min = r;
                minId = id;
            }
            if (r > max) {
                max = r;
                maxId = id;
            }
            StringBuilder shares = new StringBuilder();
            long tokens = 0;
            long[] per = new long[instances.size()];
            for (int w = 0; w < instances.size(); w++) {
                per[w] = after[w].getOrDefault(id, 0L) - before[w].getOrDefault(id, 0L);
                tokens += per[w];
            }
            for (int w = 0; w < per.length; w++) {
                shares.append(w == 0 ? "" : "/").append(tokens == 0 ? "-" : Math.round(100.0 * per[w] / tokens));
            }
            line.append(String.format(Locale.ROOT, "  #%02d %s/s %s%% max1s=%d", n, rate(r), shares,
                    graph.maxAcceptedInAnySecond(id)));
            if (++n % 4 == 0) {
                say(line.toString().stripTrailing());
                line.setLength(0);
            }
        }
        if (!line.isEmpty()) {
            say(line.toString().stripTrailing());
        }
        say(String.format(Locale.ROOT, "per number: min %s/s (#%02d), max %s/s (#%02d); target %d/s, throttle "
                        + "ceiling %s/s", rate(min), numberIds.indexOf(minId), rate(max), numberIds.indexOf(maxId),
                rps, rate(1e9 / ceilingInterval().toNanos())));
    }

    /** The spacing the throttle gives one number's sends (every worker's throttle has the same settings). */
    private Duration ceilingInterval() {
        return RedisPhoneThrottle.intervalFor(rps, RedisPhoneThrottle.DEFAULT_JITTER_ALLOWANCE,
                RedisPhoneThrottle.DEFAULT_BURST);
    }

    private void printTimes(List<Histogram[]> throttle, List<Histogram> send) {
        for (int w = 0; w < instances.size(); w++) {
            Histogram acquire = throttle.get(w)[0];
            Histogram parked = throttle.get(w)[1];
            Histogram s = send.get(w);
            double redisMean = acquire.getMean() - parked.getMean();
            say(String.format(Locale.ROOT, "[%s] in the window: sends=%d; send (throttle + HTTP) p50=%s p99=%s "
                            + "mean=%s ms; throttle acquire p50=%s p99=%s mean=%s ms, of which parked mean=%s ms, "
                            + "Redis mean=%s ms; HTTP mean about %s ms", instances.get(w).name, s.getTotalCount(),
                    ms(s, 50), ms(s, 99), msMean(s.getMean()), ms(acquire, 50), ms(acquire, 99),
                    msMean(acquire.getMean()), msMean(parked.getMean()), msMean(redisMean),
                    msMean(s.getMean() - acquire.getMean())));
        }
        Histogram all = new Histogram(3);
        send.forEach(all::add);
        if (all.getTotalCount() > 0) {
            // Each worker has a few sends of a number in flight at once (the session's maxConcurrentSends): a number
            // cannot go faster than that many times one sender's pace, summed over the workers.
            say(String.format(Locale.ROOT, "one sender (of the few a worker runs per number at once) makes at most "
                    + "%s/s at the mean send time of %s ms", rate(1e6 / all.getMean()), msMean(all.getMean())));
        }
    }

    /**
     * Whole run: every message the fake took exactly once (by the message id it carries as callback data), and as
     * many rows 'sent' in Postgres as the fake took.
     */
    private void accounting(List<AcceptedMessage> accepted, long rejectedInWindow) {
        Map<String, Integer> seen = new HashMap<>(accepted.size() * 2);
        for (AcceptedMessage a : accepted) {
            String id;
            try {
                JsonNode data = JSON.readTree(a.requestBody()).path("biz_opaque_callback_data");
                id = data.isTextual() ? data.asText() : "?" + a.wamid();
            } catch (IOException e) {
                id = "?" + a.wamid();
            }
            seen.merge(id, 1, Integer::sum);
        }
        long duplicates = seen.values().stream().filter(c -> c > 1).count();
        Database db = instances.getFirst().db;
        Map<String, Long> byStatus = new LinkedHashMap<>();
        db.write().list("select status, count(*) from messages group by status order by status", ps -> { },
                rs -> byStatus.put(rs.getString(1), rs.getLong(2)));
        long sent = byStatus.getOrDefault("sent", 0L);
        say(String.format(Locale.ROOT, "[accounting] accepted_by_fake=%d sent_in_postgres=%d duplicates=%d "
                        + "130429_until_window_end=%d statuses=%s", accepted.size(), sent, duplicates, rejectedInWindow,
                byStatus));
        if (duplicates > 0) {
            problems.add(duplicates + " message(s) reached the fake more than once");
        }
        if (sent != accepted.size()) {
            problems.add("the fake accepted " + accepted.size() + " messages but " + sent + " are 'sent' in "
                    + "Postgres");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The Cloud driver, counting how often a worker opened a number's session. */
    static final class CountingDriver implements DeviceDriver {
        private final DeviceDriver delegate;
        final LongAdder connects = new LongAdder();

        CountingDriver(DeviceDriver delegate) {
            this.delegate = delegate;
        }

        @Override
        public Channel channel() {
            return delegate.channel();
        }

        // Without this the wrapper would put Cloud sessions back in the hot set and measure that instead.
        @Override
        public boolean holdsLiveSession() {
            return delegate.holdsLiveSession();
        }

        @Override
        public DeviceSession connect(Device device, SessionEvents events) throws ConnectFailure {
            connects.increment();
            return delegate.connect(device, events);
        }
    }

    private void closeEngine(Instance i) {
        synchronized (instances) {
            if (i.closed || i.engine == null) {
                return;
            }
            i.closed = true;
        }
        i.engine.close();
    }

    private static String msMean(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    // ------------------------------------------------------------------------------------------------ cleanup

    /** Stops everything and removes this run's schema and Redis keys; safe to call twice and from the hook. */
    @Override
    public synchronized void cleanup() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        List<Instance> all;
        synchronized (instances) {
            all = new ArrayList<>(instances);
        }
        for (Instance i : all) {
            quietly("throttle", "closing " + i.name + "'s engine", () -> closeEngine(i));
        }
        for (Instance i : all) {
            if (i.throttle != null) {
                quietly("throttle", "closing " + i.name + "'s throttle", i.throttle::close);
            }
            if (i.redis != null) {
                quietly("throttle", "closing " + i.name + "'s Redis client", i.redis::shutdown);
            }
            if (i.pool != null) {
                quietly("throttle", "closing " + i.name + "'s pool", i.pool::close);
            }
        }
        if (graph != null) {
            quietly("throttle", "stopping the fake Graph API", graph::close);
        }
        if (schemaCreated) {
            quietly("throttle", "dropping " + schema, () -> LocalServices.execute(databaseUrl,
                    "drop schema if exists " + schema + " cascade"));
        }
        quietly("throttle", "deleting Redis keys " + prefix + "*", () -> LocalServices.deleteKeys(redisUri, prefix));
        System.err.println("bench throttle: cleaned up (schema " + schema + ", Redis keys " + prefix + "*)");
    }

}
