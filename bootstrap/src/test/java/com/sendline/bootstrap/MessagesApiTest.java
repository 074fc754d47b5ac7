package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.sendline.bootstrap.PartnerApi.field;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/messages over HTTP against a running instance with the simulator: schedule, read, list, cancel. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesApiTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private PartnerApi api;
    private String device;
    private String token;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        api = PartnerApi.demo(app);
        device = app.seededNow().orElseThrow().deviceId();
        token = api.token(Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    private String message(String to, String body, String sendAt) {
        return "{\"deviceId\":\"" + device + "\",\"to\":\"" + to + "\",\"body\":\"" + body + "\""
                + (sendAt == null ? "" : ",\"sendAt\":\"" + sendAt + "\"") + "}";
    }

    private static String later(Duration from) {
        return Instant.now().plus(from).toString();
    }

    @Test
    void a_message_without_send_at_is_created_201_and_reaches_sent_through_the_simulator() throws Exception {
        HttpResponse<String> created = api.post(token, "/api/v1/messages", message("+4915123456789", "Hello", null));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/messages/" + id);
        assertThat(created.body()).contains("\"to\":\"+4915123456789\"").contains("\"deviceId\":\"" + device + "\"")
                .contains("\"sendAt\":").contains("\"createdAt\":");
        assertThat(field(created.body(), "status")).isIn("scheduled", "sending", "sent");

        String status = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end; ) {
            status = field(api.get(token, "/api/v1/messages/" + id).body(), "status");
            if (status.equals("sent")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo("sent");
    }

    @Test
    void a_future_message_can_be_cancelled_once_then_409_already_finished() {
        String id = field(api.post(token, "/api/v1/messages",
                message("+4915123456780", "Later", later(Duration.ofHours(2)))).body(), "id");

        HttpResponse<String> cancelled = api.delete(token, "/api/v1/messages/" + id);
        HttpResponse<String> again = api.delete(token, "/api/v1/messages/" + id);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(field(cancelled.body(), "status")).isEqualTo("cancelled");
        assertThat(field(api.get(token, "/api/v1/messages/" + id).body(), "status")).isEqualTo("cancelled");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"ALREADY_FINISHED\"");
    }

    @Test
    void missing_and_malformed_fields_are_400_validation_failed_listing_every_field() {
        HttpResponse<String> empty = api.post(token, "/api/v1/messages", "{}");
        HttpResponse<String> bad = api.post(token, "/api/v1/messages",
                "{\"deviceId\":\"nope\",\"to\":\"12\",\"body\":\"" + "x".repeat(4097) + "\",\"sendAt\":\"tomorrow\"}");
        HttpResponse<String> badNumber = api.post(token, "/api/v1/messages", message("+12", "Hi", null));
        HttpResponse<String> nul = api.post(token, "/api/v1/messages", message("+4915123456789", "A\\u0000B", null));

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(empty.body()).contains("\"code\":\"VALIDATION_FAILED\"")
                .contains("\"field\":\"deviceId\"").contains("\"field\":\"to\"").contains("\"field\":\"body\"");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"deviceId\"").contains("\"field\":\"body\"")
                .contains("\"field\":\"sendAt\"");
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.body()).contains("\"field\":\"to\"");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("\"field\":\"body\"").contains("NUL");
    }

    @Test
    void unknown_fields_wrong_types_broken_json_and_oversize_bodies_are_4xx_problems_and_create_nothing() {
        int before = count();
        List<HttpResponse<String>> answers = List.of(
                api.post(token, "/api/v1/messages", message("+4915123456781", "Hi", null)
                        .replace("}", ",\"sendAtt\":\"2030-01-01T00:00:00Z\"}")),
                api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + device + "\",\"to\":491512,\"body\":[1]}"),
                api.post(token, "/api/v1/messages", "{\"deviceId\":"),
                api.post(token, "/api/v1/messages", "{\"body\":\"" + "x".repeat(1_200_000) + "\"}"),
                api.send(token, "POST", "/api/v1/messages", "text/plain", "hello"));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"");
        }
        assertThat(answers.get(0).body()).contains("sendAtt");
        assertThat(answers.get(3).statusCode()).isEqualTo(413);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void a_number_or_boolean_where_text_belongs_is_refused_not_read_as_text() {
        int before = count();
        List<HttpResponse<String>> answers = List.of(
                api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + device + "\",\"to\":4915123456781,"
                        + "\"body\":\"Hi\"}"),
                api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + device + "\",\"to\":\"+4915123456781\","
                        + "\"body\":true}"),
                api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + device + "\",\"to\":\"+4915123456781\","
                        + "\"body\":12.5}"));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"MALFORMED_REQUEST\"").contains("Expected a JSON string");
        }
        assertThat(answers.get(0).body()).contains("found a number");
        assertThat(answers.get(1).body()).contains("found a boolean");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void the_same_idempotency_key_and_body_returns_the_first_answer_and_creates_once() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = message("+4915123456782", "Once", later(Duration.ofHours(3)));
        int before = count();

        List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(() -> api.post(token, "/api/v1/messages", body, "Idempotency-Key", key));
        }
        List<HttpResponse<String>> raced = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var f : pool.invokeAll(racers)) {
                raced.add(f.get());
            }
        }
        HttpResponse<String> retry = api.post(token, "/api/v1/messages", body.replace(",", " , "),
                "Idempotency-Key", key);
        HttpResponse<String> other = api.post(token, "/api/v1/messages",
                message("+4915123456782", "Twice?", later(Duration.ofHours(3))), "Idempotency-Key", key);

        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> r : raced) {
            // A racer that arrives while the first is running is told to retry; none creates a second message.
            assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
            if (r.statusCode() == 201) {
                ids.add(field(r.body(), "id"));
            } else {
                assertThat(r.body()).contains("IDEMPOTENCY_KEY_IN_USE");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        ids.add(field(retry.body(), "id"));
        assertThat(ids).hasSize(1);
        assertThat(retry.headers().firstValue("Location")).hasValue("/api/v1/messages/" + ids.iterator().next());
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("\"code\":\"IDEMPOTENCY_KEY_REUSED\"");
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void a_retry_after_the_instance_died_between_storing_the_message_and_its_answer_finds_the_message() {
        String key = UUID.randomUUID().toString();
        String body = message("+4915123456783", "Exactly once", later(Duration.ofHours(3)));
        int before = count();
        HttpResponse<String> first = api.post(token, "/api/v1/messages", body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        String id = field(first.body(), "id");
        // What a crash after the insert but before the answer was kept leaves behind: the message, and a claim
        // still pending, which a retry takes over once it is a minute old.
        db.execute("update idempotency_keys set state = 'pending', response_status = null, response_body = null,"
                + " created_at = now() - interval '2 minutes' where idempotency_key = '" + key + "'");

        HttpResponse<String> retry = api.post(token, "/api/v1/messages", body, "Idempotency-Key", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(field(retry.body(), "id")).isEqualTo(id);
        assertThat(retry.headers().firstValue("Location")).hasValue("/api/v1/messages/" + id);
        assertThat(count()).isEqualTo(before + 1);
        // And that answer is now the one kept for replay.
        HttpResponse<String> replay = api.post(token, "/api/v1/messages", body, "Idempotency-Key", key);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(field(replay.body(), "id")).isEqualTo(id);
    }

    @Test
    void lists_page_newest_first_without_gaps_or_repeats_and_filter_by_status() {
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);
        String otherToken = other.api().token(Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(field(api.post(token, "/api/v1/messages",
                    message("+4915123450" + (100 + i), "Page " + i, later(Duration.ofDays(30)))).body(), "id"));
        }
        api.delete(token, "/api/v1/messages/" + mine.get(1));
        String window = "&sendAtFrom=" + later(Duration.ofDays(29)) + "&sendAtTo=" + later(Duration.ofDays(31));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = api.get(token, "/api/v1/messages?limit=2" + window
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            seen.addAll(ids(page.body()));
            cursor = page.body().contains("\"nextCursor\":\"") ? field(page.body(), "nextCursor") : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(mine.reversed());
        assertThat(pages).isEqualTo(3);
        assertThat(ids(api.get(token, "/api/v1/messages?status=cancelled" + window).body()))
                .containsExactly(mine.get(1));
        assertThat(ids(api.get(token, "/api/v1/messages?status=scheduled,sending&deviceId=" + device + window)
                .body())).hasSize(4).doesNotContain(mine.get(1));
        assertThat(ids(api.get(otherToken, "/api/v1/messages").body())).doesNotContainAnyElementsOf(mine);
        for (String bad : List.of("?status=lost", "?limit=0", "?limit=101", "?cursor=%25%25", "?deviceId=x",
                "?sendAtFrom=2030-01-02T00:00:00Z&sendAtTo=2030-01-01T00:00:00Z")) {
            HttpResponse<String> refused = api.get(token, "/api/v1/messages" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        }
    }

    @Test
    void another_tenants_messages_and_devices_answer_404_like_missing_ones() {
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);
        String otherToken = other.api().token(Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);
        String theirs = field(other.api().post(otherToken, "/api/v1/messages",
                "{\"deviceId\":\"" + other.device().id() + "\",\"to\":\"+4915123456783\",\"body\":\"Theirs\","
                        + "\"sendAt\":\"" + later(Duration.ofHours(1)) + "\"}").body(), "id");

        HttpResponse<String> read = api.get(token, "/api/v1/messages/" + theirs);
        HttpResponse<String> cancel = api.delete(token, "/api/v1/messages/" + theirs);
        HttpResponse<String> missing = api.get(token, "/api/v1/messages/" + UUID.randomUUID());
        HttpResponse<String> viaTheirDevice = api.post(token, "/api/v1/messages",
                "{\"deviceId\":\"" + other.device().id() + "\",\"to\":\"+4915123456784\",\"body\":\"Hi\"}");

        for (HttpResponse<String> r : List.of(read, cancel, missing, viaTheirDevice)) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
        }
        assertThat(field(other.api().get(otherToken, "/api/v1/messages/" + theirs).body(), "status"))
                .isEqualTo("scheduled");
    }

    @Test
    void reading_needs_messages_read_and_writing_messages_write() {
        String reader = api.token(Scope.MESSAGES_READ);
        String writer = api.token(Scope.MESSAGES_WRITE);

        HttpResponse<String> post = api.post(reader, "/api/v1/messages", message("+4915123456785", "No", null));
        HttpResponse<String> list = api.get(writer, "/api/v1/messages");
        HttpResponse<String> anonymous = api.get(null, "/api/v1/messages");

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private int count() {
        return ids(api.get(token, "/api/v1/messages?limit=100").body()).size();
    }

    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
