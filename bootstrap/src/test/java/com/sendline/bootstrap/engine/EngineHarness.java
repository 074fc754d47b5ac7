package com.sendline.bootstrap.engine;

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
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.scheduling.UnlimitedQuota;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
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
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** A fresh schema and Redis prefix with one business and its simulator devices, and engines built on them. */
final class EngineHarness implements AutoCloseable {
    final TestDatabase schema = TestServices.freshDatabase();
    final TestRedis redis = TestServices.freshRedis();
    final HikariDataSource pool;
    final Database db;
    final RedisClient redisClient;
    /** The installation's key: one for every engine and store of this harness. */
    final com.sendline.domain.crypto.SecretSealer sealer = com.sendline.adapters.crypto.TinkSecretSealer
            .fromKeysetJson(com.sendline.adapters.crypto.TinkSecretSealer.newKeysetJson());
    final BusinessId business;
    final List<Device> devices = new ArrayList<>();
    private final List<SchedulingEngine> engines = new ArrayList<>();

    EngineHarness(int deviceCount) {
        PostgresUrl url = PostgresUrl.parse(schema.jdbcUrl());
        PostgresMigrations.migrate(url);
        pool = PostgresPools.open(new PoolSettings("test", url, 30, Duration.ofSeconds(5), Duration.ofSeconds(2)));
        db = Database.primaryOnly(pool);
        redisClient = RedisConnections.open(RedisConnections.parse(redis.url(), Duration.ofSeconds(2)),
                Duration.ofSeconds(2));
        String slug = "r" + UUID.randomUUID().toString().substring(0, 8);
        Reseller reseller = new Reseller(ResellerId.random(), "Reseller", new Slug(slug),
                Set.of(new HostName(slug + ".example")), new Branding("Reseller", null, new Colour("#123456"),
                new EmailAddress("help@" + slug + ".example")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(reseller);
        Business b = new Business(BusinessId.random(), reseller.id(), "Shop", ZoneId.of("Europe/Berlin"),
                BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
        PostgresDevices store = new PostgresDevices(db, ReadRoute.PRIMARY);
        for (int i = 0; i < deviceCount; i++) {
            Device d = Device.newDevice(business, Channel.SIMULATOR,
                    new PhoneNumber("+1555" + String.format("%07d", i)), "Device " + i);
            store.add(d);
            devices.add(d);
        }
    }

    /** Another business of the same reseller, with one simulator device. */
    Device addBusinessWithDevice(int n) {
        BusinessId id = BusinessId.random();
        ResellerId reseller = db.write().one("select reseller_id from businesses where id = ?",
                ps -> ps.setObject(1, business.value()), rs -> new ResellerId(rs.getObject(1, UUID.class)))
                .orElseThrow();
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(new Business(id, reseller, "Shop " + n,
                ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE));
        Device d = Device.newDevice(id, Channel.SIMULATOR, new PhoneNumber("+1666" + String.format("%07d", n)),
                "Device of shop " + n);
        new PostgresDevices(db, ReadRoute.PRIMARY).add(d);
        return d;
    }

    SchedulingEngine engine(EngineConfig config, SimulatorDriver driver, DispatchMetrics metrics) {
        return engine(config, driver, metrics, Clock.systemUTC());
    }

    SchedulingEngine engine(EngineConfig config, SimulatorDriver driver, DispatchMetrics metrics, Clock clock) {
        return engine(config, List.of(driver), metrics, clock);
    }

    SchedulingEngine engine(EngineConfig config, List<com.sendline.domain.session.DeviceDriver> drivers,
                            DispatchMetrics metrics, Clock clock) {
        SchedulingEngine engine = new SchedulingEngine(config, db, sealer, redisClient, redis.prefix(), drivers,
                new LibPhoneNumberRecipients(), new LibraryRecurrenceCalendar(), new UnlimitedQuota(), metrics,
                clock);
        engines.add(engine);
        return engine;
    }

    /** Schedules {@code perDevice} messages on each of the first {@code deviceCount} devices, due at {@code at}. */
    List<ScheduledMessage> schedule(SchedulingEngine engine, int deviceCount, int perDevice, Instant at) {
        List<ScheduledMessage> out = new ArrayList<>();
        for (int n = 0; n < perDevice; n++) {
            for (int d = 0; d < deviceCount; d++) {
                out.add(engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, devices.get(d).id(),
                        "+4915123456" + String.format("%03d", (n * deviceCount + d) % 1000), "Hello " + n, at)));
            }
        }
        return out;
    }

    java.util.List<com.sendline.domain.session.SlotLease> heldSlots(SchedulingEngine engine) {
        try (var slots = new com.sendline.adapters.redis.RedisSessionSlots(redisClient, redis.prefix(),
                engine.config().hotSessionCap())) {
            return slots.held();
        }
    }

    com.sendline.domain.device.SessionState deviceState(Device device) {
        return db.write().one("select session_state from devices where id = ?",
                ps -> ps.setObject(1, device.id().value()),
                rs -> com.sendline.domain.device.SessionState.valueOf(rs.getString(1).toUpperCase(
                        java.util.Locale.ROOT))).orElseThrow();
    }

    long countInStatus(MessageStatus status) {
        return db.write().one("select count(*) from messages where status = ?",
                ps -> ps.setString(1, status.name().toLowerCase(java.util.Locale.ROOT)), rs -> rs.getLong(1))
                .orElseThrow();
    }

    /** What the engine holds, for a failure message. */
    String diagnose(SchedulingEngine... engines) {
        StringBuilder out = new StringBuilder();
        for (String st : List.of("scheduled", "sending", "sent", "failed")) {
            out.append(st).append('=').append(db.write().one("select count(*) from messages where status = ?",
                    ps -> ps.setString(1, st), rs -> rs.getLong(1)).orElseThrow()).append(' ');
        }
        db.write().list("select due_at, attempts, last_error from messages where status = 'scheduled' limit 3",
                ps -> { }, rs -> rs.getTimestamp(1) + "/" + rs.getInt(2) + "/" + rs.getString(3))
                .forEach(r -> out.append("\n  pending ").append(r));
        try (var c = redisClient.connect()) {
            for (String key : c.sync().keys(redis.prefix() + "*")) {
                String type = c.sync().type(key);
                out.append("\n  ").append(key).append(' ').append(type);
                if (type.equals("zset")) {
                    out.append(" n=").append(c.sync().zcard(key)).append(" head=")
                            .append(c.sync().zrangeWithScores(key, 0, 0));
                }
            }
        }
        for (SchedulingEngine e : engines) {
            out.append("\n  engine live=").append(e.sessions().hotSessions());
        }
        out.append("\n  now=").append(Instant.now());
        return out.toString();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    @Override
    public void close() {
        for (SchedulingEngine e : engines) {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // the test's own failure matters more
            }
        }
        redisClient.shutdown();
        pool.close();
        redis.close();
        schema.close();
    }
}
