package com.sendline.bootstrap;

import com.sendline.application.recurring.CreateRecurringSchedule;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecurrenceRule;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.sendline.bootstrap.PartnerApi.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v1/schedules over HTTP against a running instance with real Postgres and Redis. The worker is off, so the
 * occurrences created ahead stay scheduled and the test can watch pause and delete cancel them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesApiTest {
    private static final String JSON = "application/json";
    /** Clocks in Berlin jump from 02:00 to 03:00 on the last Sunday of March; a year well ahead of any test run. */
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2035, 3, 31)
            .with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of("WORKER_ENABLED", "false"));
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    /** A business of its own with one simulator device. */
    private record Tenant(PartnerApi api, BusinessId business, String deviceId) {
    }

    private Tenant tenant() {
        BusinessId id = BusinessId.random();
        app.context().getBean(Businesses.class).add(new Business(id, app.seededNow().orElseThrow().resellerId(),
                "Shop " + id, ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE));
        Device device = Device.newDevice(id, Channel.SIMULATOR, new PhoneNumber("+4915199" + (100000
                + Math.abs(id.value().hashCode() % 900000))), "Sim");
        app.context().getBean(Devices.class).add(device);
        return new Tenant(new PartnerApi(app, id), id, device.id().toString());
    }

    private String writer(Tenant t) {
        return t.api().token(Scope.SCHEDULES_READ, Scope.SCHEDULES_WRITE);
    }

    private HttpResponse<String> create(String token, String json) {
        return call(app, "POST", "/api/v1/schedules", token, JSON, json);
    }

    private Map<String, Object> json(HttpResponse<String> response) {
        try {
            return app.context().getBean(JsonMapper.class).readValue(response.body(),
                    Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
        return (List<Map<String, Object>>) body.get(key);
    }

    private List<String> statusesOf(List<String> messageIds) {
        List<String> statuses = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("select status from messages where id = ?")) {
            for (String id : messageIds) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    statuses.add(rs.next() ? rs.getString(1) : "missing");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    private List<String> pendingOccurrences(String scheduleId) {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
             PreparedStatement ps = c.prepareStatement(
                     "select id from messages where schedule_id = ? and status = 'scheduled' order by due_at")) {
            ps.setObject(1, UUID.fromString(scheduleId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    @Test
    void a_cron_schedule_in_berlin_shows_its_next_occurrences_across_the_spring_forward() {
        Tenant t = tenant();
        HttpResponse<String> created = create(writer(t), """
                {"deviceId":"%s","to":"+49 151 23456789","body":"Good morning","cron":"30 2 * * *",
                 "timeZone":"Europe/Berlin","startsAt":"%sT00:00"}""".formatted(t.deviceId(), SPRING_FORWARD.minusDays(1)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = json(created);
        assertThat(created.headers().firstValue("location")).hasValue("/api/v1/schedules/" + body.get("id"));
        assertThat(body).containsEntry("cron", "30 2 * * *").doesNotContainKey("rrule")
                .containsEntry("to", "+4915123456789").containsEntry("timeZone", "Europe/Berlin")
                .containsEntry("paused", false);
        List<Map<String, Object>> next = list(body, "nextOccurrences");
        assertThat(next).hasSize(5);
        // 02:30 does not exist on the night clocks go forward: it fires at 03:30 CEST, then 02:30 CEST again.
        assertThat(next.subList(0, 3)).extracting(o -> o.get("at") + " " + o.get("local")).containsExactly(
                SPRING_FORWARD.minusDays(1) + "T01:30:00Z " + SPRING_FORWARD.minusDays(1) + "T02:30:00+01:00",
                SPRING_FORWARD + "T01:30:00Z " + SPRING_FORWARD + "T03:30:00+02:00",
                SPRING_FORWARD.plusDays(1) + "T00:30:00Z " + SPRING_FORWARD.plusDays(1) + "T02:30:00+02:00");

        HttpResponse<String> more = call(app, "GET", "/api/v1/schedules/" + body.get("id") + "?count=12",
                writer(t), null, null);
        assertThat(list(json(more), "nextOccurrences")).hasSize(12);
        assertThat(call(app, "GET", "/api/v1/schedules/" + body.get("id") + "?count=51", writer(t), null, null)
                .body()).contains("\"field\":\"count\"");
    }

    @Test
    void a_retry_after_the_instance_died_between_storing_the_schedule_and_its_answer_finds_the_schedule() {
        Tenant t = tenant();
        String token = writer(t);
        String key = UUID.randomUUID().toString();
        String body = """
                {"deviceId":"%s","to":"+4915123456789","body":"Weekly report","cron":"0 9 * * 1",
                 "timeZone":"Europe/Berlin"}""".formatted(t.deviceId());
        HttpResponse<String> first = t.api().send(token, "POST", "/api/v1/schedules", JSON, body,
                "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // What a crash after the insert but before the answer was kept leaves behind: the schedule, and a claim
        // still pending, which a retry takes over once it is a minute old.
        db.execute("update idempotency_keys set state = 'pending', response_status = null, response_body = null,"
                + " created_at = now() - interval '2 minutes' where idempotency_key = '" + key + "'");

        HttpResponse<String> retry = t.api().send(token, "POST", "/api/v1/schedules", JSON, body,
                "Idempotency-Key", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(json(retry).get("id")).isEqualTo(json(first).get("id"));
        // One schedule, so every Monday brings one message, not two.
        assertThat(list(json(call(app, "GET", "/api/v1/schedules", token, null, null)), "data")).hasSize(1);
    }

    @Test
    void an_rrule_schedule_keeps_nine_oclock_local_across_the_change_and_ends_after_its_count() {
        Tenant t = tenant();
        HttpResponse<String> created = create(writer(t), """
                {"deviceId":"%s","to":"+4915123456789","body":"Standup","rrule":"RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=3",
                 "timeZone":"Europe/Berlin","startsAt":"%sT09:00"}""".formatted(t.deviceId(), SPRING_FORWARD.minusDays(1)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = json(created);
        assertThat(body).containsEntry("rrule", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=3")
                .doesNotContainKey("cron");
        assertThat(list(body, "nextOccurrences")).extracting(o -> o.get("at")).containsExactly(
                SPRING_FORWARD.minusDays(1) + "T08:00:00Z", SPRING_FORWARD + "T07:00:00Z",
                SPRING_FORWARD.plusDays(1) + "T07:00:00Z");
    }

    @Test
    void bad_rules_zones_devices_and_fields_are_400_naming_the_field() {
        Tenant t = tenant();
        Tenant other = tenant();
        String token = writer(t);
        String base = "\"to\":\"+4915123456789\",\"body\":\"Hi\",\"timeZone\":\"Europe/Berlin\"";

        Map<String, HttpResponse<String>> byField = new java.util.LinkedHashMap<>();
        byField.put("cron", create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base + ",\"cron\":\"61 * * * *\"}"));
        byField.put("rrule", create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base
                + ",\"rrule\":\"FREQ=SOMETIMES\"}"));
        byField.put("timeZone", create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                + "\"body\":\"Hi\",\"cron\":\"0 9 * * *\",\"timeZone\":\"Mars/Olympus\"}"));
        byField.put("to", create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"12\",\"body\":\"Hi\","
                + "\"cron\":\"0 9 * * *\"}"));
        HttpResponse<String> theirDevice = create(token, "{\"deviceId\":\"" + other.deviceId() + "\"," + base
                + ",\"cron\":\"0 9 * * *\"}");
        byField.put("startsAt", create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base
                + ",\"cron\":\"0 9 * * *\",\"startsAt\":\"tomorrow\"}"));
        byField.put("body", create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                + "\"cron\":\"0 9 * * *\"}"));
        HttpResponse<String> nul = create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                + "\"body\":\"A\\u0000B\",\"cron\":\"0 9 * * *\"}");
        HttpResponse<String> both = create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base
                + ",\"cron\":\"0 9 * * *\",\"rrule\":\"FREQ=DAILY\"}");
        HttpResponse<String> neither = create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base + "}");
        HttpResponse<String> unknownField = create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base
                + ",\"cron\":\"0 9 * * *\",\"every\":\"day\"}");
        HttpResponse<String> wrongType = create(token, "{\"deviceId\":\"" + t.deviceId() + "\"," + base
                + ",\"cron\":{\"minute\":0}}");

        byField.forEach((field, r) -> {
            assertThat(r.statusCode()).as(field + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(field).contains("\"code\":\"VALIDATION_FAILED\"")
                    .contains("\"field\":\"" + field + "\"");
        });
        assertThat(byField.get("cron").body()).contains("minute");
        assertThat(byField.get("timeZone").body()).contains("Mars/Olympus");
        // Another business's device is not found, exactly like a missing one.
        assertThat(theirDevice.statusCode()).isEqualTo(404);
        assertThat(theirDevice.body()).contains("\"code\":\"NOT_FOUND\"").contains("no such device");
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("\"field\":\"body\"");
        for (HttpResponse<String> r : List.of(both, neither)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("exactly one of cron and rrule");
        }
        for (HttpResponse<String> r : List.of(unknownField, wrongType)) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
        assertThat(list(json(call(app, "GET", "/api/v1/schedules", token, null, null)), "data")).isEmpty();
    }

    @Test
    void pause_cancels_what_was_created_ahead_and_resume_starts_again_both_idempotent() {
        Tenant t = tenant();
        String token = writer(t);
        String id = (String) json(create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                + "\"body\":\"Ping\",\"cron\":\"* * * * *\",\"timeZone\":\"Europe/Berlin\"}")).get("id");
        List<String> ahead = pendingOccurrences(id);
        assertThat(ahead).as("occurrences within the next two minutes exist as messages").isNotEmpty();

        HttpResponse<String> paused = call(app, "POST", "/api/v1/schedules/" + id + "/pause", token, null, null);
        HttpResponse<String> pausedAgain = call(app, "POST", "/api/v1/schedules/" + id + "/pause", token, null, null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(pausedAgain.statusCode()).isEqualTo(200);
        for (Map<String, Object> body : List.of(json(paused), json(pausedAgain),
                json(call(app, "GET", "/api/v1/schedules/" + id, token, null, null)))) {
            assertThat(body).containsEntry("paused", true).containsEntry("nextOccurrences", List.of());
        }
        assertThat(statusesOf(ahead)).containsOnly("cancelled");

        HttpResponse<String> resumed = call(app, "POST", "/api/v1/schedules/" + id + "/resume", token, null, null);
        HttpResponse<String> resumedAgain = call(app, "POST", "/api/v1/schedules/" + id + "/resume", token, null,
                null);
        for (HttpResponse<String> r : List.of(resumed, resumedAgain)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r)).containsEntry("paused", false);
            assertThat(list(json(r), "nextOccurrences")).hasSize(5);
        }
    }

    @Test
    void delete_cancels_the_occurrences_created_ahead_and_the_schedule_is_gone() {
        Tenant t = tenant();
        String token = writer(t);
        String id = (String) json(create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                + "\"body\":\"Ping\",\"cron\":\"* * * * *\"}")).get("id");
        List<String> ahead = pendingOccurrences(id);
        assertThat(ahead).isNotEmpty();

        assertThat(call(app, "DELETE", "/api/v1/schedules/" + id, token, null, null).statusCode()).isEqualTo(204);

        assertThat(statusesOf(ahead)).containsOnly("cancelled");
        assertThat(call(app, "GET", "/api/v1/schedules/" + id, token, null, null).statusCode()).isEqualTo(404);
        assertThat(call(app, "DELETE", "/api/v1/schedules/" + id, token, null, null).statusCode()).isEqualTo(404);
        assertThat(list(json(call(app, "GET", "/api/v1/schedules", token, null, null)), "data")).isEmpty();
    }

    @Test
    void lists_page_through_every_schedule_once_in_the_order_created() {
        Tenant t = tenant();
        String token = writer(t);
        List<String> created = new ArrayList<>();
        for (int hour = 6; hour < 11; hour++) {
            created.add((String) json(create(token, "{\"deviceId\":\"" + t.deviceId() + "\",\"to\":\"+4915123456789\","
                    + "\"body\":\"At " + hour + "\",\"cron\":\"0 " + hour + " * * *\"}")).get("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = call(app, "GET", "/api/v1/schedules?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), token, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            Map<String, Object> body = json(page);
            list(body, "data").forEach(s -> {
                seen.add((String) s.get("id"));
                assertThat(list(s, "nextOccurrences")).hasSize(1);
            });
            cursor = (String) body.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
        // No time zone given: the business's own.
        assertThat(json(call(app, "GET", "/api/v1/schedules/" + created.getFirst(), token, null, null)))
                .containsEntry("timeZone", "Europe/Berlin");
    }

    @Test
    void another_business_schedule_is_404_on_every_endpoint_and_scopes_are_enforced() {
        Tenant mine = tenant();
        Tenant theirs = tenant();
        var schedule = app.context().getBean(CreateRecurringSchedule.class).create(new CreateRecurringSchedule.Request(
                mine.business(), com.sendline.domain.device.DeviceId.parse(mine.deviceId()), "+4915123456789", "Mine",
                RecurrenceRule.cron("0 9 * * *"), "Europe/Berlin", null));
        String id = schedule.id().toString();
        String theirToken = writer(theirs);

        for (String[] call : new String[][] {{"GET", ""}, {"POST", "/pause"}, {"POST", "/resume"}, {"DELETE", ""}}) {
            HttpResponse<String> r = call(app, call[0], "/api/v1/schedules/" + id + call[1], theirToken, null, null);
            assertThat(r.statusCode()).as(call[0] + call[1]).isEqualTo(404);
            assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
        }
        assertThat(call(app, "GET", "/api/v1/schedules/nope", theirToken, null, null).statusCode()).isEqualTo(404);
        assertThat(list(json(call(app, "GET", "/api/v1/schedules", theirToken, null, null)), "data")).isEmpty();

        String reader = mine.api().token(Scope.SCHEDULES_READ);
        String stranger = mine.api().token(Scope.CONTACTS_READ, Scope.SCHEDULES_WRITE);
        List<HttpResponse<String>> refused = List.of(
                create(reader, "{\"deviceId\":\"" + mine.deviceId() + "\",\"to\":\"+4915123456789\",\"body\":\"x\","
                        + "\"cron\":\"0 9 * * *\"}"),
                call(app, "POST", "/api/v1/schedules/" + id + "/pause", reader, null, null),
                call(app, "POST", "/api/v1/schedules/" + id + "/resume", reader, null, null),
                call(app, "DELETE", "/api/v1/schedules/" + id, reader, null, null),
                call(app, "GET", "/api/v1/schedules", stranger, null, null),
                call(app, "GET", "/api/v1/schedules/" + id, stranger, null, null));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
        }
        assertThat(json(call(app, "GET", "/api/v1/schedules/" + id, reader, null, null)))
                .containsEntry("paused", false).containsEntry("body", "Mine");
    }
}
