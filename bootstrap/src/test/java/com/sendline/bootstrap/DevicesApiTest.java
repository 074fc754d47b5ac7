package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.sendline.bootstrap.PartnerApi.field;
import static org.assertj.core.api.Assertions.assertThat;

/** Creating devices through /api/v1/devices, and following one through its Server-Sent Events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevicesApiTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private PartnerApi api;
    private String token;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        api = PartnerApi.demo(app);
        token = api.token(Scope.DEVICES_READ, Scope.DEVICES_WRITE, Scope.MESSAGES_WRITE);
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @Test
    void a_retry_after_the_instance_died_between_storing_the_device_and_its_answer_finds_the_device() {
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"channel\":\"simulator\",\"phoneNumber\":\"+49 151 3333 4444\",\"label\":\"Till 9\"}";
        HttpResponse<String> first = api.post(token, "/api/v1/devices", body, "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // What a crash after the insert but before the answer was kept leaves behind: the device, and a claim
        // still pending, which a retry takes over once it is a minute old.
        db.execute("update idempotency_keys set state = 'pending', response_status = null, response_body = null,"
                + " created_at = now() - interval '2 minutes' where idempotency_key = '" + key + "'");

        HttpResponse<String> retry = api.post(token, "/api/v1/devices", body, "Idempotency-Key", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(field(retry.body(), "id")).isEqualTo(field(first.body(), "id"));
        assertThat(api.get(token, "/api/v1/devices").body().split("Till 9", -1)).as("one device").hasSize(2);
    }

    @Test
    void a_simulator_device_is_created_201_and_listed() {
        HttpResponse<String> created = api.post(token, "/api/v1/devices",
                "{\"channel\":\"simulator\",\"phoneNumber\":\"+49 151 1111 2222\",\"label\":\"Till 2\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/devices/" + id);
        assertThat(created.body()).contains("\"channel\":\"simulator\"").contains("\"phoneNumber\":\"+4915111112222\"")
                .contains("\"label\":\"Till 2\"").contains("\"state\":\"cold\"");
        assertThat(api.get(token, "/api/v1/devices").body()).contains(id);
    }

    @Test
    void a_cloud_number_is_created_without_echoing_its_secrets_and_a_second_install_of_it_is_409() {
        String body = "{\"channel\":\"cloud\",\"phoneNumber\":\"+4915111110001\",\"phoneNumberId\":\"1098765432\","
                + "\"accessToken\":\"EAAG-secret-token\",\"appSecret\":\"app-secret-123456\","
                + "\"verifyToken\":\"verify-me-please\"}";

        HttpResponse<String> created = api.post(token, "/api/v1/devices", body);
        HttpResponse<String> again = api.post(token, "/api/v1/devices", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"channel\":\"cloud\"").doesNotContain("EAAG-secret-token")
                .doesNotContain("app-secret-123456").doesNotContain("verify-me-please");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"DEVICE_EXISTS\"").doesNotContain("EAAG-secret-token");
    }

    @Test
    void a_web_device_is_created_and_starts_pairing() {
        HttpResponse<String> created = api.post(token, "/api/v1/devices", "{\"channel\":\"web\",\"label\":\"Shop\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"channel\":\"web\"").contains("\"label\":\"Shop\"");
    }

    @Test
    void bad_device_requests_are_400_naming_the_fields_and_create_nothing() {
        int before = api.get(token, "/api/v1/devices").body().split("\"id\":").length;
        List<HttpResponse<String>> answers = List.of(
                api.post(token, "/api/v1/devices", "{}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"telegram\"}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"simulator\"}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"simulator\",\"phoneNumber\":\"12\"}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"cloud\",\"phoneNumber\":\"+4915111110002\"}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"web\",\"accessToken\":\"x\"}"),
                api.post(token, "/api/v1/devices", "{\"channel\":\"web\",\"colour\":\"red\"}"));
        List<String> fields = List.of("channel", "channel", "phoneNumber", "phoneNumber", "appSecret", "accessToken",
                "colour");

        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).as("answer " + i).contains(fields.get(i));
        }
        assertThat(api.get(token, "/api/v1/devices").body().split("\"id\":")).hasSize(before);
    }

    @Test
    void creating_needs_devices_write() {
        HttpResponse<String> refused = api.post(api.token(Scope.DEVICES_READ), "/api/v1/devices",
                "{\"channel\":\"simulator\",\"phoneNumber\":\"+4915111110003\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("FORBIDDEN_SCOPE");
    }

    @Test
    void pairing_again_is_only_for_web_devices_and_only_ones_own() {
        String simulator = app.seededNow().orElseThrow().deviceId();

        HttpResponse<String> notWeb = api.post(token, "/api/v1/devices/" + simulator + "/pair", "");
        HttpResponse<String> unknown = api.post(token, "/api/v1/devices/" + UUID.randomUUID() + "/pair", "");

        assertThat(notWeb.statusCode()).isEqualTo(409);
        assertThat(notWeb.body()).contains("NOT_A_WEB_DEVICE");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void the_events_stream_shows_the_state_then_its_changes_the_pairing_qr_and_the_deletion() throws Exception {
        String id = field(api.post(token, "/api/v1/devices",
                "{\"channel\":\"simulator\",\"phoneNumber\":\"+4915111110004\"}").body(), "id");
        BlockingQueue<String> lines = Http.stream(app.url(), "/api/v1/devices/" + id + "/events",
                "Authorization", "Bearer " + token);

        assertThat(next(lines, "<status")).isEqualTo("<status 200>");
        assertThat(next(lines, "event: ")).isEqualTo("event: state");
        assertThat(next(lines, "data: ")).contains("\"state\":\"cold\"").contains("\"deviceId\":\"" + id + "\"");

        api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + id + "\",\"to\":\"+4915123456789\",\"body\":\"Wake\"}");
        assertThat(next(lines, "event: ")).isEqualTo("event: state");
        assertThat(next(lines, "data: ")).doesNotContain("\"state\":\"cold\"");

        app.context().getBean(PairingQr.class).publish(DeviceId.parse(id),
                new PairingStatus(PairingStatus.Stage.SHOW_QR, "2@qr-payload,abc", Instant.now(), null));
        String pairingEvent = next(lines, "event: pairing");
        assertThat(pairingEvent).isEqualTo("event: pairing");
        assertThat(next(lines, "data: ")).contains("\"stage\":\"show_qr\"").contains("2@qr-payload,abc")
                .contains("/api/v1/devices/" + id + "/qr");

        assertThat(api.delete(token, "/api/v1/devices/" + id).statusCode()).isEqualTo(204);
        assertThat(next(lines, "event: deleted")).isEqualTo("event: deleted");
        assertThat(next(lines, "<end>")).isEqualTo("<end>");
    }

    @Test
    void events_of_another_tenants_or_a_missing_device_are_404() throws Exception {
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);

        for (String id : List.of(other.device().id().toString(), UUID.randomUUID().toString(), "nope")) {
            BlockingQueue<String> lines = Http.stream(app.url(), "/api/v1/devices/" + id + "/events",
                    "Authorization", "Bearer " + token);
            assertThat(next(lines, "<status")).isEqualTo("<status 404>");
        }
    }

    @Test
    void a_removed_device_takes_no_more_messages_even_right_after_it_was_used() {
        String id = field(api.post(token, "/api/v1/devices",
                "{\"channel\":\"simulator\",\"phoneNumber\":\"+4915111110005\"}").body(), "id");
        String message = "{\"deviceId\":\"" + id + "\",\"to\":\"+4915123456789\",\"body\":\"Hi\","
                + "\"sendAt\":\"" + Instant.now().plusSeconds(3600) + "\"}";
        assertThat(api.post(token, "/api/v1/messages", message).statusCode()).isEqualTo(201);

        assertThat(api.delete(token, "/api/v1/devices/" + id).statusCode()).isEqualTo(204);
        HttpResponse<String> after = api.post(token, "/api/v1/messages", message);

        assertThat(after.statusCode()).as(after.body()).isEqualTo(404);
        assertThat(after.body()).contains("\"code\":\"NOT_FOUND\"").contains("deviceId");
    }

    /** The next line starting with {@code prefix}, skipping others; fails after 15 s. */
    private static String next(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && (line.startsWith(prefix) || line.startsWith("<error"))) {
                return line;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }
}
