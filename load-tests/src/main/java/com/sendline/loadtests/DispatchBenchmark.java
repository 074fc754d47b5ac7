package com.sendline.loadtests;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.sendline.adapters.phonenumbers.LibPhoneNumberRecipients;
import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PoolSettings;
import com.sendline.adapters.postgres.PostgresBusinesses;
import com.sendline.adapters.postgres.PostgresDevices;
import com.sendline.adapters.postgres.PostgresMigrations;
import com.sendline.adapters.postgres.PostgresPools;
import com.sendline.adapters.postgres.PostgresResellers;
import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.adapters.postgres.ReadRoute;
import com.sendline.adapters.recurrence.LibraryRecurrenceCalendar;
import com.sendline.adapters.redis.RedisConnections;
import com.sendline.adapters.simulator.Registration;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSession;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.dispatch.DispatchSettings;
import com.sendline.application.scheduling.UnlimitedQuota;
import com.sendline.application.sessions.SessionSettings;
import com.sendline.bootstrap.engine.EngineConfig;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
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
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import static com.sendline.loadtests.Bench.ratio;
import static com.sendline.loadtests.Bench.quietly;
import static com.sendline.loadtests.Bench.rate;
import static com.sendline.loadtests.Bench.say;
import static com.sendline.loadtests.Bench.secs;
import static com.sendline.loadtests.Bench.sleep;

/**
 * {@code load-tests/bench dispatch}: how fast the scheduling engine sends a backlog, how late it sends a steady
 * stream, and the same backlog through db-scheduler (lock-and-fetch polling on the same Postgres) as the peer.
 *
 * <ol>
 *   <li>Warm-up (not reported): BENCH_WARMUP messages through a Sendline engine, then through db-scheduler.</li>
 *   <li>Throughput: BENCH_N messages, all due now, across BENCH_DEVICES simulator devices of one business, are in
 *       Postgres and the due queue; a fresh engine is started and the clock runs from {@code worker().start()} to
 *       the last delivery the simulator accepted.</li>
 *   <li>Lateness: with that engine running, BENCH_LATENESS_RATE messages a second for BENCH_LATENESS_SECONDS, due
 *       instants spread evenly; lateness is due instant → simulator {@code send} entered.</li>
 *   <li>Peer: BENCH_N db-scheduler one-time tasks due now, each doing one simulator send; the clock runs from
 *       {@code scheduler.start()} to the last delivery.</li>
 * </ol>
 *
 * Setup (rows written straight into {@code messages} and entries into the due queue, bypassing ScheduleMessage;
 * db-scheduler's tasks through its own {@code scheduleBatch}) is not timed. Everything lives in a schema and a
 * Redis key prefix of this run's own, removed at the end. The last line printed is the RESULT line.
 */
public final class DispatchBenchmark implements Bench.Run {
    private static final String TASK = "bench-send";
    private static final int INSERT_CHUNK = 5_000;
    private static final int ENQUEUE_CHUNK = 1_000;

    // settings
    private final int n;
    private final int deviceCount;
    private final int hotCap;
    private final int concurrency;
    private final int dbPool;
    private final int peerThreads;
    private final int latenessSeconds;
    private final int latenessRate;
    private final int warmup;
    private final Duration timeout;
    private final Duration stall;
    private final PostgresUrl databaseUrl;
    private final RedisURI redisUri;
    private final String commit;

    // this run
    private final Instant began = Instant.now();
    private final Instant deadline;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String schema = "bench_" + run;
    private final String peerSchema = "bench_dbs_" + run;
    private final String prefix = "bench:" + run + ":";
    private final SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());
    private final SimulatorDriver peerDriver = new SimulatorDriver(SimulatorSettings.instant());
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<UUID> sendlineIds = new ArrayList<>();
    private final Set<String> problems = new java.util.LinkedHashSet<>();

    // resources, closed by cleanup()
    private final List<SchedulingEngine> openEngines = new ArrayList<>();
    private HikariDataSource pool;
    private HikariDataSource peerPool;
    private Database db;
    private RedisClient redis;
    private Scheduler peerScheduler;
    private boolean schemasCreated;
    private boolean cleanedUp;

    private BusinessId business;
    private final List<Device> devices = new ArrayList<>();
    private SimulatorSession[] peerSessions;

    /** One message of a phase: its id, the index of its device, its due instant in epoch ms. */
    private record Msg(UUID id, int device, long dueMillis) {
    }

    /** What a timed phase measured. */
    private record Phase(String name, int count, Instant start, Instant lastSent, Instant settled, long delivered,
                         long repeats, boolean complete, Histogram lateness, long early) {
        double seconds() {
            return lastSent == null ? Double.NaN : Duration.between(start, lastSent).toNanos() / 1e9;
        }

        double perSecond() {
            return lastSent == null ? Double.NaN : delivered / seconds();
        }

        double settledSeconds() {
            return settled == null ? Double.NaN : Duration.between(start, settled).toNanos() / 1e9;
        }
    }

    DispatchBenchmark(BenchEnv env) {
        n = env.integer("BENCH_N", 100_000, 1, 10_000_000);
        deviceCount = env.integer("BENCH_DEVICES", 100, 1, 10_000);
        hotCap = env.integer("BENCH_HOT_CAP", deviceCount, 2, 100_000);
        concurrency = env.integer("BENCH_WORKER_CONCURRENCY", 20, 1, 10_000);
        dbPool = env.integer("BENCH_DB_POOL", 25, 2, 1_000);
        peerThreads = env.integer("BENCH_DBSCHEDULER_THREADS", 20, 1, 1_000);
        latenessSeconds = env.integer("BENCH_LATENESS_SECONDS", 20, 0, 3_600);
        latenessRate = env.integer("BENCH_LATENESS_RATE", 1_000, 1, 100_000);
        warmup = env.integer("BENCH_WARMUP", 2_000, 0, 1_000_000);
        timeout = env.seconds("BENCH_TIMEOUT", 600, 60, 86_400);
        stall = env.seconds("BENCH_STALL_SECONDS", 90, 5, 3_600);
        commit = env.text("BENCH_COMMIT", "unknown");
        databaseUrl = env.databaseUrl();
        redisUri = env.redisUri();
        // Leave time to print what was measured and to clean up before the script's hard timeout.
        deadline = began.plus(timeout).minusSeconds(45);
    }

    public static void main(String[] args) {
        Bench.main("dispatch", DispatchBenchmark::new);
    }

    // ------------------------------------------------------------------------------------------------ the run

    @Override
    public int run() throws Exception {
        boolean created = LocalServices.ensureDatabase(databaseUrl);
        printHeader(created);
        setUp();

        // Sendline
        Phase sendWarm = null;
        if (warmup > 0) {
            SchedulingEngine warm = newEngine("warmup");
            sendWarm = backlogPhase("sendline warm-up", warm, warmup);
            closeEngine(warm);
        }
        Phase throughput = null;
        Phase lateness = null;
        if (timeLeft()) {
            SchedulingEngine engine = newEngine("main");
            throughput = backlogPhase("sendline throughput", engine, n);
            if (latenessSeconds > 0 && timeLeft()) {
                lateness = latenessPhase(engine);
            }
            closeEngine(engine);
        }
        long[] sendlineAccount = sendlineAccounting();
        long duplicates = sendlineAccount[0];
        long lost = sendlineAccount[1];

        // db-scheduler
        Phase peer = null;
        if (timeLeft()) {
            setUpPeer();
            if (warmup > 0) {
                peerPhase("db-scheduler warm-up", warmup);
            }
            if (timeLeft()) {
                peer = peerPhase("db-scheduler throughput", n);
            }
        }

        boolean complete = sendWarm == null || sendWarm.complete();
        complete &= throughput != null && throughput.complete();
        complete &= latenessSeconds == 0 || (lateness != null && lateness.complete());
        complete &= peer != null && peer.complete();

        say("");
        say("summary");
        say("  engine metrics (whole run): " + metrics.summary());
        say("  simulator: connects=" + driver.connects() + " max_sessions_at_once=" + driver.maxConnectedAtOnce()
                + " violations=" + driver.violations().size());
        driver.violations().stream().limit(5).forEach(v -> say("    violation: " + v));
        say("  log: warnings=" + LogCounter.warnings() + " errors=" + LogCounter.errors());
        LogCounter.first().forEach(l -> say("    " + l));
        problems.forEach(p -> say("  problem: " + p));
        say("  wall time: " + secs(Duration.between(began, Instant.now()).toNanos() / 1e9) + " s"
                + (complete ? "" : "  (INCOMPLETE: a phase timed out, stalled or was skipped; see above)"));

        double x = throughput == null ? Double.NaN : throughput.perSecond();
        double y = peer == null ? Double.NaN : peer.perSecond();
        Histogram h = lateness == null ? null : lateness.lateness();
        say(String.format(Locale.ROOT, "RESULT dispatch n=%d sendline_per_s=%s dbscheduler_per_s=%s ratio=%s "
                        + "lateness_p50_ms=%s p95_ms=%s p99_ms=%s duplicates=%d lost=%d", n, rate(x), rate(y),
                ratio(x / y), ms(h, 50), ms(h, 95), ms(h, 99), duplicates, lost));
        return complete ? 0 : 3;
    }

    private void printHeader(boolean createdDatabase) throws SQLException {
        String pg = LocalServices.queryOne(databaseUrl, "show server_version");
        say("bench dispatch: Sendline scheduling engine vs db-scheduler " + dbSchedulerVersion());
        say(String.format(Locale.ROOT, "settings: n=%d devices=%d hot_cap=%d worker_concurrency=%d batch=%d "
                        + "db_pool=%d warmup=%d lateness=%ds@%d/s dbscheduler_threads=%d "
                        + "dbscheduler_poll=lock-and-fetch(0.5,1.0) simulator=instant timeout=%ds stall=%ds",
                n, deviceCount, hotCap, concurrency, DispatchSettings.defaults().batchSize(), dbPool, warmup,
                latenessSeconds, latenessRate, peerThreads, timeout.toSeconds(), stall.toSeconds()));
        say(String.format(Locale.ROOT, "machine: cpus=%d java=%s (%s) max_heap=%d MB postgres=%s redis=%s commit=%s",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vendor"),
                Runtime.getRuntime().maxMemory() >> 20, pg, LocalServices.redisVersion(redisUri), commit));
        say("services: " + databaseUrl.redacted() + (createdDatabase ? " (created now)" : "") + " schemas "
                + schema + ", " + peerSchema + "; redis " + redisUri.getHost() + ":" + redisUri.getPort()
                + " prefix " + prefix);
    }

    private static String dbSchedulerVersion() {
        try (var in = Scheduler.class.getResourceAsStream(
                "/META-INF/maven/com.github.kagkarlsson/db-scheduler/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "(version unknown)";
        }
    }

    // ------------------------------------------------------------------------------------------------ Sendline

    private void setUp() throws SQLException {
        PostgresUrl url = LocalServices.inSchema(databaseUrl, schema);
        LocalServices.execute(databaseUrl, "create schema " + schema);
        LocalServices.execute(databaseUrl, "create schema " + peerSchema);
        schemasCreated = true;
        PostgresMigrations.migrate(url);
        // As production: DB_MAX_OPEN_CONNS, DB_QUERY_TIMEOUT and DB_CONNECT_TIMEOUT at their defaults.
        pool = PostgresPools.open(new PoolSettings("bench", url, dbPool, Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
        db = Database.primaryOnly(pool);
        redis = RedisConnections.open(redisUri, Duration.ofSeconds(2));
        RedisConnections.probe(redis);

        Reseller reseller = new Reseller(ResellerId.random(), "Bench reseller", new Slug("bench" + run),
                Set.of(new HostName("bench" + run + ".example")), new Branding("Bench", null,
                new Colour("#123456"), new EmailAddress("help@bench" + run + ".example")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(reseller);
        Business b = new Business(BusinessId.random(), reseller.id(), "Bench shop", ZoneId.of("Europe/Berlin"),
                BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
        PostgresDevices store = new PostgresDevices(db, ReadRoute.PRIMARY);
        for (int i = 0; i < deviceCount; i++) {
            Device d = Device.newDevice(business, Channel.SIMULATOR,
                    new PhoneNumber("+1555" + String.format(Locale.ROOT, "%07d", i)), "Bench device " + i);
            store.add(d);
            devices.add(d);
        }
    }

    /** Production's EngineConfig.from with its defaults, but every partition and this run's hot cap. */
    private SchedulingEngine newEngine(String name) {
        String holder = "bench-" + run + "-" + name;
        EngineConfig config = new EngineConfig(ShardRange.ALL, hotCap,
                DispatchSettings.defaults().withConcurrency(concurrency), SessionSettings.defaults(holder),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofHours(1));
        // Simulator devices only: nothing is sealed, but the engine needs a sealer for Cloud numbers.
        SchedulingEngine engine = new SchedulingEngine(config, db, com.sendline.adapters.crypto.TinkSecretSealer
                .fromKeysetJson(com.sendline.adapters.crypto.TinkSecretSealer.newKeysetJson()), redis, prefix,
                List.of(driver),
                new LibPhoneNumberRecipients(), new LibraryRecurrenceCalendar(), new UnlimitedQuota(), metrics,
                Clock.systemUTC());
        synchronized (openEngines) {
            openEngines.add(engine);
        }
        return engine;
    }

    private void closeEngine(SchedulingEngine engine) {
        synchronized (openEngines) {
            if (!openEngines.remove(engine)) {
                return;
            }
        }
        engine.close();
    }

    private List<Msg> messages(int count, LongSupplier due) {
        List<Msg> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Msg(UUID.randomUUID(), i % deviceCount, due.getAsLong()));
        }
        return out;
    }

    private static String recipient(int i) {
        return "+4915123456" + String.format(Locale.ROOT, "%03d", i % 1_000);
    }

    /** Writes the rows ScheduleMessage would have written, in bulk. */
    private void insert(List<Msg> msgs) throws SQLException {
        short partition = (short) QueuePartition.of(business).index();
        String sql = """
                insert into messages (id, business_id, device_id, shard_partition, recipient, body, due_at, status)
                select t.id, ?, t.device, ?, t.recipient, t.body,
                       timestamptz 'epoch' + t.due_ms * interval '1 millisecond', 'scheduled'
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::bigint[])
                     as t(id, device, recipient, body, due_ms)
                """;
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < msgs.size(); from += INSERT_CHUNK) {
                List<Msg> chunk = msgs.subList(from, Math.min(msgs.size(), from + INSERT_CHUNK));
                int k = chunk.size();
                UUID[] ids = new UUID[k];
                UUID[] devs = new UUID[k];
                String[] to = new String[k];
                String[] body = new String[k];
                Long[] due = new Long[k];
                for (int i = 0; i < k; i++) {
                    Msg m = chunk.get(i);
                    ids[i] = m.id();
                    devs[i] = devices.get(m.device()).id().value();
                    to[i] = recipient(from + i);
                    body[i] = "Bench message " + (from + i);
                    due[i] = m.dueMillis();
                }
                ps.setObject(1, business.value());
                ps.setShort(2, partition);
                ps.setArray(3, c.createArrayOf("uuid", ids));
                ps.setArray(4, c.createArrayOf("uuid", devs));
                ps.setArray(5, c.createArrayOf("text", to));
                ps.setArray(6, c.createArrayOf("text", body));
                ps.setArray(7, c.createArrayOf("int8", due));
                ps.executeUpdate();
            }
        }
        msgs.forEach(m -> sendlineIds.add(m.id()));
    }

    /** Puts the entries in the due queue as ScheduleMessage would, a thousand per call. */
    private void enqueue(SchedulingEngine engine, List<Msg> msgs) {
        List<DueEntry> chunk = new ArrayList<>(ENQUEUE_CHUNK);
        for (Msg m : msgs) {
            chunk.add(new DueEntry(new MessageId(m.id()), business, devices.get(m.device()).id(),
                    Instant.ofEpochMilli(m.dueMillis())));
            if (chunk.size() == ENQUEUE_CHUNK) {
                engine.queue().enqueue(chunk);
                chunk = new ArrayList<>(ENQUEUE_CHUNK);
            }
        }
        if (!chunk.isEmpty()) {
            engine.queue().enqueue(chunk);
        }
    }

    /** {@code count} messages due now are waiting; the engine is started and the clock runs until the last. */
    private Phase backlogPhase(String name, SchedulingEngine engine, int count) throws SQLException {
        long t = System.nanoTime();
        long now = Instant.now().toEpochMilli();
        List<Msg> msgs = messages(count, () -> now);
        insert(msgs);
        enqueue(engine, msgs);
        Bench.quiesce(databaseUrl, pool, "messages", problems);
        say(String.format(Locale.ROOT, "[%s] setup: %d rows and queue entries in %s s (not timed)", name, count,
                secs((System.nanoTime() - t) / 1e9)));

        DeliveryTracker tracker = tracker(msgs, false);
        long sentBefore = countSent();
        Phase phase;
        try (Registration ignored = driver.onDelivery(tracker)) {
            Instant start = Instant.now();
            engine.worker().start();
            boolean complete = await(name, tracker, start);
            Instant settled = complete ? settle(() -> countSent() >= sentBefore + count) : null;
            phase = new Phase(name, count, start, tracker.lastSent(), settled, tracker.delivered(),
                    tracker.repeats(), complete, null, 0);
        }
        report(phase);
        return phase;
    }

    /** A steady stream: {@code rate} messages a second, due instants spread evenly, while the engine runs. */
    private Phase latenessPhase(SchedulingEngine engine) throws SQLException {
        String name = "sendline lateness";
        int count = latenessSeconds * latenessRate;
        long t = System.nanoTime();
        // Far enough ahead that writing the rows and the queue entries is over before the first is due.
        Instant first = Instant.now().plusSeconds(3).plusNanos(count * 250_000L).truncatedTo(ChronoUnit.MILLIS);
        long firstMs = first.toEpochMilli();
        int[] i = {0};
        List<Msg> msgs = messages(count, () -> firstMs + (i[0]++ * 1_000L) / latenessRate);
        insert(msgs);
        enqueue(engine, msgs);
        Bench.quiesce(databaseUrl, pool, "messages", problems);
        Instant ready = Instant.now();
        say(String.format(Locale.ROOT, "[%s] setup: %d rows and queue entries in %s s (not timed); first due "
                + "%s ms after setup, last %d s later", name, count, secs((System.nanoTime() - t) / 1e9),
                Duration.between(ready, first).toMillis(), latenessSeconds));
        if (!ready.isBefore(first)) {
            problems.add(name + ": setup ran past the first due instant; early messages' lateness includes setup");
        }

        DeliveryTracker tracker = tracker(msgs, true);
        long sentBefore = countSent();
        Phase phase;
        try (Registration ignored = driver.onDelivery(tracker)) {
            boolean complete = await(name, tracker, first);
            Instant settled = complete ? settle(() -> countSent() >= sentBefore + count) : null;
            phase = new Phase(name, count, first, tracker.lastSent(), settled, tracker.delivered(),
                    tracker.repeats(), complete, tracker.lateness(), tracker.early());
        }
        report(phase);
        return phase;
    }

    private long countSent() {
        return db.write().one("select count(*) from messages where status = 'sent'", ps -> { },
                rs -> rs.getLong(1)).orElseThrow();
    }

    /**
     * Every Sendline message of the run (warm-up, throughput, lateness), from both sides: duplicates are messages
     * the simulator received more than once; lost are messages not received, or not 'sent' in Postgres, at the end.
     */
    private long[] sendlineAccounting() {
        Map<MessageId, Integer> counts = driver.deliveryCounts();
        long duplicates = counts.values().stream().filter(c -> c > 1).count();
        Set<UUID> sent = new HashSet<>(db.write().list("select id from messages where status = 'sent'", ps -> { },
                rs -> rs.getObject(1, UUID.class)));
        long notDelivered = 0;
        long notSent = 0;
        long lost = 0;
        for (UUID id : sendlineIds) {
            boolean delivered = counts.containsKey(new MessageId(id));
            boolean isSent = sent.contains(id);
            notDelivered += delivered ? 0 : 1;
            notSent += isSent ? 0 : 1;
            lost += delivered && isSent ? 0 : 1;
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        db.write().list("select status, count(*) from messages group by status order by status", ps -> { },
                rs -> byStatus.put(rs.getString(1), rs.getLong(2)));
        say(String.format(Locale.ROOT, "[sendline accounting] messages=%d duplicates=%d not_delivered=%d "
                        + "not_sent_in_postgres=%d lost=%d statuses=%s", sendlineIds.size(), duplicates,
                notDelivered, notSent, lost, byStatus));
        return new long[]{duplicates, lost};
    }

    // ------------------------------------------------------------------------------------------------ db-scheduler

    private void setUpPeer() throws SQLException, ConnectFailure {
        PostgresUrl url = LocalServices.inSchema(databaseUrl, peerSchema);
        peerPool = PostgresPools.open(new PoolSettings("dbscheduler", url, dbPool, Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
        // db-scheduler's PostgreSQL table (db-scheduler/src/test/resources/postgresql_tables.sql, 16.x).
        try (Connection c = peerPool.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    create table scheduled_tasks (
                      task_name text not null,
                      task_instance text not null,
                      task_data bytea,
                      execution_time timestamp with time zone not null,
                      picked boolean not null,
                      picked_by text,
                      last_success timestamp with time zone,
                      last_failure timestamp with time zone,
                      consecutive_failures int,
                      last_heartbeat timestamp with time zone,
                      version bigint not null,
                      priority smallint,
                      primary key (task_name, task_instance)
                    )""");
            s.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
            s.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
            s.execute("create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        }
        // The same work per message: one send on the device's simulator session, opened beforehand.
        peerSessions = new SimulatorSession[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            peerSessions[i] = peerDriver.connect(devices.get(i), reason -> { });
        }
    }

    private void peerSend(String instance) {
        int colon = instance.indexOf(':');
        int device = Integer.parseInt(instance, 0, colon, 10);
        UUID id = UUID.fromString(instance.substring(colon + 1));
        try {
            peerSessions[device].send(new MessageId(id), new PhoneNumber(recipient(device)),
                    new MessageBody("Bench message"));
        } catch (SendFailure e) {
            throw new IllegalStateException(e);
        }
    }

    private Phase peerPhase(String name, int count) throws SQLException {
        OneTimeTask<Void> task = Tasks.oneTime(TASK).execute((instance, ctx) -> peerSend(instance.getId()));
        long t = System.nanoTime();
        Instant now = Instant.now();
        List<Msg> msgs = messages(count, now::toEpochMilli);
        SchedulerClient client = SchedulerClient.Builder.create(peerPool, task).build();
        List<TaskInstance<?>> batch = new ArrayList<>(ENQUEUE_CHUNK);
        for (Msg m : msgs) {
            batch.add(task.instance(m.device() + ":" + m.id()));
            if (batch.size() == ENQUEUE_CHUNK) {
                client.scheduleBatch(batch, now);
                batch = new ArrayList<>(ENQUEUE_CHUNK);
            }
        }
        if (!batch.isEmpty()) {
            client.scheduleBatch(batch, now);
        }
        Bench.quiesce(databaseUrl, peerPool, "scheduled_tasks", problems);
        say(String.format(Locale.ROOT, "[%s] setup: %d tasks via scheduleBatch in %s s (not timed)", name, count,
                secs((System.nanoTime() - t) / 1e9)));

        DeliveryTracker tracker = tracker(msgs, false);
        Scheduler scheduler = Scheduler.create(peerPool, task)
                .threads(peerThreads)
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        peerScheduler = scheduler;
        Phase phase;
        try (Registration ignored = peerDriver.onDelivery(tracker)) {
            Instant start = Instant.now();
            scheduler.start();
            boolean complete = await(name, tracker, start);
            Instant settled = complete ? settle(() -> countTasks() == 0) : null;
            phase = new Phase(name, count, start, tracker.lastSent(), settled, tracker.delivered(),
                    tracker.repeats(), complete, null, 0);
        } finally {
            scheduler.stop();
            peerScheduler = null;
        }
        report(phase);
        say(String.format(Locale.ROOT, "[%s] duplicates=%d lost=%d tasks_left=%d", name,
                phase.repeats(), count - phase.delivered(), countTasks()));
        return phase;
    }

    private long countTasks() {
        try (Connection c = peerPool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static DeliveryTracker tracker(List<Msg> msgs, boolean lateness) {
        Map<UUID, Long> due = new HashMap<>(msgs.size() * 2);
        msgs.forEach(m -> due.put(m.id(), m.dueMillis()));
        return new DeliveryTracker(due, lateness);
    }

    /**
     * Waits until every message of the phase was delivered, nothing arrived for the stall time (counted from
     * {@code from}, which may lie ahead), or the run's deadline.
     */
    private boolean await(String name, DeliveryTracker tracker, Instant from) {
        long last = -1;
        Instant progressAt = from;
        Instant nextNote = Instant.now().plusSeconds(15);
        while (tracker.delivered() < tracker.expected()) {
            sleep(5);
            Instant now = Instant.now();
            long d = tracker.delivered();
            if (d != last) {
                last = d;
                if (now.isAfter(progressAt)) {
                    progressAt = now;
                }
            }
            if (now.isAfter(nextNote)) {
                nextNote = now.plusSeconds(15);
                say(String.format(Locale.ROOT, "[%s] ... %d of %d delivered", name, d, tracker.expected()));
            }
            if (Duration.between(progressAt, now).compareTo(stall) > 0) {
                problems.add(name + ": stalled, nothing delivered for " + stall.toSeconds() + " s with "
                        + (tracker.expected() - d) + " message(s) outstanding");
                return false;
            }
            if (now.isAfter(deadline)) {
                problems.add(name + ": the run's time limit came with " + (tracker.expected() - d)
                        + " message(s) outstanding");
                return false;
            }
        }
        return true;
    }

    /** After the last delivery: when the store agreed (every row final). */
    private Instant settle(java.util.function.BooleanSupplier done) {
        Instant limit = Instant.now().plus(stall);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(limit) || Instant.now().isAfter(deadline)) {
                problems.add("the store did not settle within " + stall.toSeconds() + " s of the last delivery");
                return null;
            }
            sleep(20);
        }
        return Instant.now();
    }

    private void report(Phase p) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%s] %d of %d delivered in %s s -> %s/s; store settled after %s s; repeats=%d%s", p.name(),
                p.delivered(), p.count(), secs(p.seconds()), rate(p.perSecond()), secs(p.settledSeconds()),
                p.repeats(), p.complete() ? "" : " (INCOMPLETE)"));
        if (p.lateness() != null) {
            Histogram h = p.lateness();
            line.append(String.format(Locale.ROOT, "%n[%s] lateness (due -> send called) over %d: p50=%s p90=%s "
                            + "p95=%s p99=%s p99.9=%s max=%s mean=%s ms; early=%d", p.name(), h.getTotalCount(),
                    ms(h, 50), ms(h, 90), ms(h, 95), ms(h, 99), ms(h, 99.9), ms(h, 100),
                    String.format(Locale.ROOT, "%.1f", h.getMean() / 1000.0), p.early()));
        }
        say(line.toString());
    }

    private boolean timeLeft() {
        if (Instant.now().isAfter(deadline)) {
            problems.add("out of time: later phases skipped");
            return false;
        }
        return true;
    }

    private static String ms(Histogram h, double percentile) {
        if (h == null || h.getTotalCount() == 0) {
            return "n/a";
        }
        long micros = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    // ------------------------------------------------------------------------------------------------ cleanup

    /** Stops everything and removes this run's schemas and Redis keys; safe to call twice and from the hook. */
    @Override
    public synchronized void cleanup() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        Scheduler s = peerScheduler;
        if (s != null) {
            quietly("dispatch", "stopping db-scheduler", s::stop);
        }
        List<SchedulingEngine> engines;
        synchronized (openEngines) {
            engines = new ArrayList<>(openEngines);
            openEngines.clear();
        }
        engines.forEach(e -> quietly("dispatch", "closing an engine", e::close));
        if (redis != null) {
            quietly("dispatch", "closing Redis", redis::shutdown);
        }
        if (pool != null) {
            quietly("dispatch", "closing the pool", pool::close);
        }
        if (peerPool != null) {
            quietly("dispatch", "closing the db-scheduler pool", peerPool::close);
        }
        if (schemasCreated) {
            quietly("dispatch", "dropping " + schema, () -> LocalServices.execute(databaseUrl,
                    "drop schema if exists " + schema + " cascade"));
            quietly("dispatch", "dropping " + peerSchema, () -> LocalServices.execute(databaseUrl,
                    "drop schema if exists " + peerSchema + " cascade"));
        }
        quietly("dispatch", "deleting Redis keys " + prefix + "*", () -> LocalServices.deleteKeys(redisUri, prefix));
        System.err.println("bench dispatch: cleaned up (schemas " + schema + ", " + peerSchema + ", Redis keys "
                + prefix + "*)");
    }

}
