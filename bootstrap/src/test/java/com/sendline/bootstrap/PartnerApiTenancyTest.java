package com.sendline.bootstrap;

import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.sendline.bootstrap.PartnerApi.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation across the whole partner API: with every scope, one business calls every endpoint that takes an
 * id with another business's ids, and gets 404 NOT_FOUND each time — the same answer as for an id that does not
 * exist — and nothing of the other business changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiTenancyTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    record Call(String method, String path, String body) {
    }

    /** Every id-taking endpoint of the partner API, aimed at the given ids. */
    private static List<Call> everyEndpoint(String device, String message, String contact, String schedule,
                                            String webhook) {
        return List.of(
                new Call("GET", "/api/v1/devices/" + device, null),
                new Call("GET", "/api/v1/devices/" + device + "/qr", null),
                new Call("GET", "/api/v1/devices/" + device + "/events", null),
                new Call("POST", "/api/v1/devices/" + device + "/pair", ""),
                new Call("DELETE", "/api/v1/devices/" + device, null),
                new Call("POST", "/api/v1/messages", "{\"deviceId\":\"" + device
                        + "\",\"to\":\"+4915123456789\",\"body\":\"Hi\"}"),
                new Call("GET", "/api/v1/messages/" + message, null),
                new Call("DELETE", "/api/v1/messages/" + message, null),
                new Call("GET", "/api/v1/contacts/" + contact, null),
                new Call("PATCH", "/api/v1/contacts/" + contact, "{\"name\":\"Taken over\"}"),
                new Call("DELETE", "/api/v1/contacts/" + contact, null),
                new Call("POST", "/api/v1/schedules", "{\"deviceId\":\"" + device + "\",\"to\":\"+4915123456789\","
                        + "\"body\":\"Hi\",\"cron\":\"0 9 * * *\",\"timeZone\":\"UTC\"}"),
                new Call("GET", "/api/v1/schedules/" + schedule, null),
                new Call("POST", "/api/v1/schedules/" + schedule + "/pause", ""),
                new Call("POST", "/api/v1/schedules/" + schedule + "/resume", ""),
                new Call("DELETE", "/api/v1/schedules/" + schedule, null),
                new Call("GET", "/api/v1/webhooks/" + webhook, null),
                new Call("GET", "/api/v1/webhooks/" + webhook + "/deliveries", null),
                new Call("POST", "/api/v1/webhooks/" + webhook + "/deliveries/" + UUID.randomUUID() + "/redeliver",
                        ""),
                new Call("DELETE", "/api/v1/webhooks/" + webhook, null));
    }

    private static HttpResponse<String> call(PartnerApi api, String token, Call c, String... headers) {
        if (c.body() == null) {
            return switch (c.method()) {
                case "GET" -> headers.length == 0 ? api.get(token, c.path()) : api.send(token, "GET", c.path(),
                        "application/json", "", headers);
                default -> headers.length == 0 ? api.delete(token, c.path()) : api.send(token, "DELETE", c.path(),
                        "application/json", "", headers);
            };
        }
        return api.send(token, c.method(), c.path(), "application/json", c.body(), headers);
    }

    @Test
    void every_endpoint_answers_404_for_another_businesss_ids_exactly_as_for_missing_ones_and_changes_nothing() {
        PartnerApi mine = PartnerApi.demo(app);
        String myToken = mine.allScopes();
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);
        String theirToken = other.api().allScopes();
        String device = other.device().id().toString();
        String later = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String message = field(other.api().post(theirToken, "/api/v1/messages", "{\"deviceId\":\"" + device
                + "\",\"to\":\"+4915123456789\",\"body\":\"Theirs\",\"sendAt\":\"" + later + "\"}").body(), "id");
        String contact = field(other.api().post(theirToken, "/api/v1/contacts",
                "{\"phone\":\"+4915123456789\",\"name\":\"Their customer\"}").body(), "id");
        String schedule = field(other.api().post(theirToken, "/api/v1/schedules", "{\"deviceId\":\"" + device
                + "\",\"to\":\"+4915123456789\",\"body\":\"Weekly\",\"cron\":\"0 9 * * 1\",\"timeZone\":\"UTC\"}")
                .body(), "id");
        String webhook = field(other.api().post(theirToken, "/api/v1/webhooks",
                "{\"url\":\"https://hooks.other.example/sendline\",\"events\":[\"message.sent\"]}").body(), "id");
        String missing = UUID.randomUUID().toString();

        List<String> failures = new ArrayList<>();
        List<Call> theirs = everyEndpoint(device, message, contact, schedule, webhook);
        List<Call> absent = everyEndpoint(missing, missing, missing, missing, missing);
        for (int i = 0; i < theirs.size(); i++) {
            HttpResponse<String> foreign = call(mine, myToken, theirs.get(i));
            HttpResponse<String> nothing = call(mine, myToken, absent.get(i));
            for (HttpResponse<String> r : List.of(foreign, nothing)) {
                if (r.statusCode() != 404 || !r.body().contains("\"code\":\"NOT_FOUND\"")) {
                    failures.add(theirs.get(i).method() + " " + theirs.get(i).path() + " -> " + r.statusCode()
                            + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();

        // Nothing of theirs moved: every resource is still there, as it was.
        assertThat(other.api().get(theirToken, "/api/v1/devices/" + device).statusCode()).isEqualTo(200);
        assertThat(field(other.api().get(theirToken, "/api/v1/messages/" + message).body(), "status"))
                .isEqualTo("scheduled");
        assertThat(field(other.api().get(theirToken, "/api/v1/contacts/" + contact).body(), "name"))
                .isEqualTo("Their customer");
        assertThat(other.api().get(theirToken, "/api/v1/schedules/" + schedule).body()).contains("\"paused\":false");
        assertThat(other.api().get(theirToken, "/api/v1/webhooks/" + webhook).statusCode()).isEqualTo(200);
        // And none of it shows in my lists.
        for (String list : List.of("/api/v1/devices", "/api/v1/messages", "/api/v1/contacts", "/api/v1/schedules",
                "/api/v1/webhooks")) {
            HttpResponse<String> page = mine.get(myToken, list);
            assertThat(page.statusCode()).as(list).isEqualTo(200);
            assertThat(page.body()).as(list).doesNotContain(device).doesNotContain(message).doesNotContain(contact)
                    .doesNotContain(schedule).doesNotContain(webhook);
        }
    }

    @Test
    void a_reseller_key_cannot_reach_another_resellers_business_through_the_header() {
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);
        var demo = app.seededNow().orElseThrow();
        String key = app.context().getBean(CreateApiKey.class).create(new ApiKeyOwner.OfReseller(demo.resellerId()),
                "Reseller", EnumSet.allOf(Scope.class)).plaintext();
        PartnerApi mine = PartnerApi.demo(app);
        String token = field(mine.post(null, "/api/v1/auth/token", "{\"apiKey\":\"" + key + "\"}").body(),
                "accessToken");
        String header = "Sendline-Business-Id";

        for (String list : List.of("/api/v1/devices", "/api/v1/messages", "/api/v1/contacts", "/api/v1/schedules",
                "/api/v1/webhooks")) {
            HttpResponse<String> foreign = mine.send(token, "GET", list, "application/json", "", header,
                    other.api().business().toString());
            HttpResponse<String> own = mine.send(token, "GET", list, "application/json", "", header,
                    demo.businessId().toString());
            assertThat(foreign.statusCode()).as(list).isEqualTo(404);
            assertThat(own.statusCode()).as(list).isEqualTo(200);
        }
    }
}
