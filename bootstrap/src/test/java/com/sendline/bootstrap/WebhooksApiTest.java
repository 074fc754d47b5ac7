package com.sendline.bootstrap;

import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.webhook.DeliverySignature;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks over HTTP against a running instance, with a receiver this test runs on 127.0.0.1: subscribe,
 * send a message on a simulator device, receive the signed event; retries, dead-lettering and redelivery; a hanging
 * receiver that must not slow sending; tenant isolation, scopes, validation and pagination.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksApiTest {
    private static final int MAX_ATTEMPTS = 3;
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private URI url;
    private HttpServer receiver;
    private URI receiverUrl;
    /** Requests the receiver got, per path. */
    private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
    /** Per path: the status the receiver answers with; 0 = never answer (hang). Default 200. */
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger phones = new AtomicInteger(10_000_000);

    record Received(Map<String, String> headers, String body, Instant at) {
    }

    record Tenant(BusinessId business, DeviceId device, String token) {
    }

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", this::receive);
        receiver.start();
        receiverUrl = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of(
                "WEBHOOK_MAX_ATTEMPTS", String.valueOf(MAX_ATTEMPTS),
                "WEBHOOK_RETRY_FIRST", "2s",
                "WEBHOOK_RETRY_CAP", "2s",
                "WEBHOOK_TIMEOUT", "5s",
                "WEBHOOK_POLL", "100ms"));
        url = app.url();
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
        received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>())
                .add(new Received(headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
        int status = answers.getOrDefault(path, 200);
        if (status == 0) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(status == 0 ? 200 : status, -1);
        exchange.close();
    }

    private BlockingQueue<Received> at(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    // --- tenants, tokens and HTTP -------------------------------------------------------------------------------

    /** A business of the demo reseller with a simulator device of its own and a token with these scopes. */
    private Tenant tenant(Scope... scopes) {
        var demo = app.seededNow().orElseThrow();
        BusinessId business = BusinessId.random();
        app.context().getBean(Businesses.class).add(new Business(business, demo.resellerId(), "Webhook test "
                + business.value().toString().substring(0, 8), ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE));
        Device device = Device.newDevice(business, Channel.SIMULATOR, phone(), "Simulator");
        app.context().getBean(Devices.class).add(device);
        return new Tenant(business, device.id(), token(business, scopes));
    }

    private String token(BusinessId business, Scope... scopes) {
        String apiKey = app.context().getBean(CreateApiKey.class)
                .create(new ApiKeyOwner.OfBusiness(business), "Webhook test", EnumSet.of(scopes[0], scopes))
                .plaintext();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + apiKey + "\"}")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private Tenant writer() {
        return tenant(Scope.WEBHOOKS_READ, Scope.WEBHOOKS_WRITE, Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);
    }

    private PhoneNumber phone() {
        return new PhoneNumber("+49151" + phones.incrementAndGet());
    }

    private HttpResponse<String> call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return Http.send(request.build());
    }

    private HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    private record Subscribed(String id, String secret) {
    }

    private Subscribed subscribe(Tenant t, String path, String... events) {
        HttpResponse<String> r = call("POST", "/api/v1/webhooks", t.token(), "{\"url\":\"" + receiverUrl.resolve(path)
                + "\",\"events\":[" + String.join(",", List.of(events).stream().map(e -> "\"" + e + "\"").toList())
                + "],\"description\":\"test receiver\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new Subscribed(field(r.body(), "id"), field(r.body(), "secret"));
    }

    private MessageId send(Tenant t, String to) {
        return app.context().getBean(ScheduleMessage.class).schedule(new ScheduleMessage.Request(t.business(),
                t.device(), to, "Hello from the webhook test", null)).id();
    }

    private MessageStatus status(Tenant t, MessageId id) {
        return app.context().getBean(SchedulingEngine.class).messages().find(t.business(), id).orElseThrow().status();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static <T> T eventually(Duration limit, Supplier<T> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String deliveries(Tenant t, String webhookId) {
        HttpResponse<String> r = get("/api/v1/webhooks/" + webhookId + "/deliveries", t.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    // --- the tests ----------------------------------------------------------------------------------------------

    @Test
    void a_sent_message_reaches_the_subscriber_signed_and_the_delivery_shows_delivered() throws Exception {
        Tenant t = writer();
        Subscribed hook = subscribe(t, "/ok-" + t.business(), "message.sent", "device.state_changed");
        assertThat(hook.secret()).startsWith("whsec_");
        String to = "+4917612345678";

        MessageId message = send(t, to);
        eventually(Duration.ofSeconds(10), () -> status(t, message) == MessageStatus.SENT ? true : null);

        BlockingQueue<Received> inbox = at("/ok-" + t.business());
        Received sent = null;
        Set<String> states = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent == null && System.nanoTime() < deadline) {
            Received r = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (r == null) {
                continue;
            }
            if (r.headers().get("X-Sendline-Event").equals("message.sent")) {
                sent = r;
            } else {
                states.add(field(r.body(), "state"));
            }
        }
        assertThat(sent).as("message.sent delivered").isNotNull();
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("User-Agent", "Sendline-Webhooks/1");
        assertThat(DeliverySignature.verify(sent.headers().get("X-Sendline-Signature"), hook.secret(),
                sent.body().getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5))).isTrue();
        assertThat(DeliverySignature.verify(sent.headers().get("X-Sendline-Signature"), "whsec_someone_else",
                sent.body().getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5))).isFalse();
        String deliveryId = sent.headers().get("X-Sendline-Delivery");
        assertThat(field(sent.body(), "id")).isEqualTo(deliveryId);
        assertThat(field(sent.body(), "type")).isEqualTo("message.sent");
        assertThat(sent.body()).contains("\"createdAt\":\"").contains("\"data\":{");
        assertThat(field(sent.body(), "messageId")).isEqualTo(message.toString());
        assertThat(field(sent.body(), "deviceId")).isEqualTo(t.device().toString());
        assertThat(field(sent.body(), "to")).isEqualTo(to);
        assertThat(field(sent.body(), "status")).isEqualTo("sent");
        // Sending woke the device's session: its state changes were events too.
        assertThat(states).contains("connecting");

        String list = eventually(Duration.ofSeconds(5), () -> {
            String body = deliveries(t, hook.id());
            return body.contains("\"id\":\"" + deliveryId + "\",\"event\":\"message.sent\",\"status\":\"delivered\"")
                    ? body : null;
        });
        assertThat(list).contains("\"attempts\":1").contains("\"lastStatusCode\":200").contains("\"deliveredAt\":\"");
    }

    @Test
    void a_receipt_and_a_customer_s_message_written_to_the_database_become_events_too() throws Exception {
        Tenant t = writer();
        String path = "/receipts-" + t.business();
        Subscribed hook = subscribe(t, path, "message.delivered", "message.received");
        MessageId message = send(t, "+4917612345677");
        eventually(Duration.ofSeconds(10), () -> status(t, message) == MessageStatus.SENT ? true : null);

        // What SentMessages.applyAll and InboundMessages.addAll write for a receipt and a customer's message.
        db.execute("update messages set status = 'delivered', provider_message_id = 'wamid.OUT1' where id = '"
                + message + "'");
        db.execute("insert into inbound_messages (id, business_id, device_id, provider_message_id, sender,"
                + " message_type, body, profile_name, sent_at) values (gen_random_uuid(), '" + t.business() + "', '"
                + t.device() + "', 'wamid.IN1', '+4917699999999', 'text', 'Is my order ready?', 'Ana', now())");

        Map<String, Received> byEvent = new java.util.HashMap<>();
        while (byEvent.size() < 2) {
            Received r = at(path).poll(10, TimeUnit.SECONDS);
            assertThat(r).as("both events arrive").isNotNull();
            byEvent.put(r.headers().get("X-Sendline-Event"), r);
            assertThat(DeliverySignature.verify(r.headers().get("X-Sendline-Signature"), hook.secret(),
                    r.body().getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5))).isTrue();
        }
        String delivered = byEvent.get("message.delivered").body();
        assertThat(field(delivered, "messageId")).isEqualTo(message.toString());
        assertThat(field(delivered, "status")).isEqualTo("delivered");
        assertThat(field(delivered, "providerMessageId")).isEqualTo("wamid.OUT1");
        String inbound = byEvent.get("message.received").body();
        assertThat(field(inbound, "from")).isEqualTo("+4917699999999");
        assertThat(field(inbound, "body")).isEqualTo("Is my order ready?");
        assertThat(field(inbound, "wamid")).isEqualTo("wamid.IN1");
        assertThat(field(inbound, "deviceId")).isEqualTo(t.device().toString());
        assertThat(deliveries(t, hook.id())).doesNotContain("message.sent");
    }

    @Test
    void a_failing_receiver_is_retried_then_dead_lettered_and_a_redelivery_to_the_mended_receiver_succeeds() {
        Tenant t = writer();
        String path = "/flaky-" + t.business();
        answers.put(path, 500);
        Subscribed hook = subscribe(t, path, "message.sent");

        MessageId message = send(t, "+4917612345679");
        Set<String> seen = new HashSet<>();
        String dead = eventually(Duration.ofSeconds(20), () -> {
            String body = deliveries(t, hook.id());
            Matcher m = Pattern.compile("\"status\":\"(\\w+)\",\"attempts\":(\\d+)").matcher(body);
            if (m.find()) {
                seen.add(m.group(1) + "/" + m.group(2));
            }
            return body.contains("\"status\":\"dead\"") ? body : null;
        });

        assertThat(status(t, message)).isEqualTo(MessageStatus.SENT);
        assertThat(dead).contains("\"attempts\":" + MAX_ATTEMPTS).contains("\"lastStatusCode\":500")
                .contains("\"lastError\":\"HTTP 500");
        assertThat(dead).doesNotContain("\"nextAttemptAt\"");
        assertThat(seen).as("the tries counting up").contains("failed/1", "failed/2");
        List<Received> tries = new ArrayList<>(at(path));
        assertThat(tries).hasSize(MAX_ATTEMPTS);
        String deliveryId = tries.getFirst().headers().get("X-Sendline-Delivery");
        assertThat(tries).allSatisfy(r -> assertThat(r.headers().get("X-Sendline-Delivery")).isEqualTo(deliveryId));
        assertThat(tries).extracting(Received::body).containsOnly(tries.getFirst().body());

        answers.put(path, 204);
        HttpResponse<String> redeliver = call("POST", "/api/v1/webhooks/" + hook.id() + "/deliveries/" + deliveryId
                + "/redeliver", t.token(), null);

        assertThat(redeliver.statusCode()).isEqualTo(202);
        String delivered = eventually(Duration.ofSeconds(5), () -> {
            String body = deliveries(t, hook.id());
            return body.contains("\"status\":\"delivered\"") ? body : null;
        });
        assertThat(delivered).contains("\"attempts\":1").contains("\"lastStatusCode\":204");
        assertThat(at(path)).hasSize(MAX_ATTEMPTS + 1);
    }

    @Test
    void a_receiver_that_never_answers_does_not_hold_up_sending() {
        Tenant t = writer();
        String path = "/hang-" + t.business();
        answers.put(path, 0);
        subscribe(t, path, "message.sent");
        MessageId first = send(t, "+4917612340000");
        eventually(Duration.ofSeconds(10), () -> at(path).isEmpty() ? null : true); // a delivery now hangs

        Instant start = Instant.now();
        List<MessageId> more = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            more.add(send(t, "+491761234000" + i));
        }
        eventually(Duration.ofSeconds(10), () -> more.stream().allMatch(id -> status(t, id) == MessageStatus.SENT)
                ? true : null);
        Duration took = Duration.between(start, Instant.now());

        assertThat(status(t, first)).isEqualTo(MessageStatus.SENT);
        // Each of these deliveries hangs for the whole WEBHOOK_TIMEOUT (5 s); the sends did not wait for one.
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        eventually(Duration.ofSeconds(5), () -> at(path).size() >= 6 ? true : null);
    }

    @Test
    void another_business_s_webhooks_and_deliveries_are_404_like_missing_ones() {
        Tenant owner = writer();
        Tenant other = writer();
        Subscribed hook = subscribe(owner, "/ok-" + owner.business(), "message.sent");
        send(owner, "+4917612345670");
        String deliveryId = eventually(Duration.ofSeconds(10), () -> {
            String body = deliveries(owner, hook.id());
            return body.contains("\"event\":\"message.sent\"") ? field(body, "id") : null;
        });
        String base = "/api/v1/webhooks/" + hook.id();

        assertThat(get("/api/v1/webhooks", other.token()).body()).doesNotContain(hook.id());
        for (String[] call : new String[][] {
                {"GET", base}, {"GET", base + "/deliveries"}, {"POST", base + "/deliveries/" + deliveryId + "/redeliver"},
                {"DELETE", base}, {"GET", "/api/v1/webhooks/" + java.util.UUID.randomUUID()},
                {"GET", "/api/v1/webhooks/not-an-id"}, {"GET", "/api/v1/webhooks/not-an-id/deliveries"},
                {"POST", base + "/deliveries/not-an-id/redeliver"}}) {
            String token = call[1].contains(hook.id()) && !call[1].contains("not-an-id") ? other.token()
                    : owner.token();
            HttpResponse<String> r = call(call[0], call[1], token, null);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
        }
        HttpResponse<String> foreignDelivery = call("POST", "/api/v1/webhooks/" + subscribe(other, "/x", "message.read").id()
                + "/deliveries/" + deliveryId + "/redeliver", other.token(), null);
        assertThat(foreignDelivery.statusCode()).isEqualTo(404);
        assertThat(get(base, owner.token()).statusCode()).as("the owner still has it").isEqualTo(200);
        assertThat(call("DELETE", base, owner.token(), null).statusCode()).isEqualTo(204);
        assertThat(get(base, owner.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void reading_needs_webhooks_read_and_changing_needs_webhooks_write() {
        Tenant full = writer();
        Subscribed hook = subscribe(full, "/ok-scopes", "message.read");
        String reader = token(full.business(), Scope.WEBHOOKS_READ);
        String stranger = token(full.business(), Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);
        String base = "/api/v1/webhooks/" + hook.id();
        String create = "{\"url\":\"https://example.com/hook\",\"events\":[\"message.sent\"]}";

        assertThat(get(base, reader).statusCode()).isEqualTo(200);
        assertThat(get(base + "/deliveries", reader).statusCode()).isEqualTo(200);
        List<HttpResponse<String>> refused = List.of(
                call("POST", "/api/v1/webhooks", reader, create),
                call("DELETE", base, reader, null),
                call("POST", base + "/deliveries/" + java.util.UUID.randomUUID() + "/redeliver", reader, null),
                get("/api/v1/webhooks", stranger),
                get(base, stranger),
                get(base + "/deliveries", stranger));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri()).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
        }
        assertThat(get(base, reader).statusCode()).as("nothing was deleted").isEqualTo(200);
    }

    @Test
    void a_retry_after_the_instance_died_between_storing_the_subscription_and_its_answer_gets_it_and_its_secret() {
        Tenant t = writer();
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"url\":\"" + receiverUrl.resolve("/crash-retry") + "\",\"events\":[\"message.sent\"]}";
        HttpResponse<String> first = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/webhooks"))
                .header("Authorization", "Bearer " + t.token()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // What a crash after the insert but before the answer was kept leaves behind: the subscription, and a claim
        // still pending, which a retry takes over once it is a minute old. The partner never saw the secret.
        db.execute("update idempotency_keys set state = 'pending', response_status = null, response_body = null,"
                + " created_at = now() - interval '2 minutes' where idempotency_key = '" + key + "'");

        HttpResponse<String> retry = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/webhooks"))
                .header("Authorization", "Bearer " + t.token()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(field(retry.body(), "id")).isEqualTo(field(first.body(), "id"));
        assertThat(field(retry.body(), "secret")).as("the secret deliveries are signed with")
                .isEqualTo(field(first.body(), "secret"));
        // One subscription, so every event is delivered once.
        assertThat(get("/api/v1/webhooks", t.token()).body().split("\"id\"", -1)).hasSize(2);
    }

    @Test
    void a_bad_subscription_is_400_validation_failed_naming_each_field_and_never_a_500() {
        Tenant t = writer();

        HttpResponse<String> bad = call("POST", "/api/v1/webhooks", t.token(),
                "{\"url\":\"http://hooks.example.com/x\",\"events\":[\"message.sent\",\"message.exploded\"]}");
        HttpResponse<String> none = call("POST", "/api/v1/webhooks", t.token(), "{\"url\":\"https://example.com\","
                + "\"events\":[]}");
        HttpResponse<String> missing = call("POST", "/api/v1/webhooks", t.token(), "{}");
        HttpResponse<String> unknownField = call("POST", "/api/v1/webhooks", t.token(),
                "{\"url\":\"https://example.com\",\"events\":[\"message.sent\"],\"secret\":\"mine\"}");
        HttpResponse<String> wrongType = call("POST", "/api/v1/webhooks", t.token(),
                "{\"url\":\"https://example.com\",\"events\":\"message.sent\"}");
        HttpResponse<String> notJson = call("POST", "/api/v1/webhooks", t.token(), "{\"url\":");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("\"field\":\"url\"")
                .contains("\"field\":\"events\"").contains("message.exploded");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("\"field\":\"events\"").doesNotContain("\"field\":\"url\"");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"url\"").contains("\"field\":\"events\"");
        for (HttpResponse<String> r : List.of(unknownField, wrongType, notJson)) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        }
        HttpResponse<String> list = get("/api/v1/webhooks", t.token());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).as("nothing was created").doesNotContain("\"id\"");
    }

    @Test
    void the_list_pages_newest_first_and_never_shows_the_secret_again() {
        Tenant t = writer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(subscribe(t, "/page-" + i, "message.delivered").id());
        }

        HttpResponse<String> first = get("/api/v1/webhooks?limit=2", t.token());
        String cursor = field(first.body(), "nextCursor");
        HttpResponse<String> second = get("/api/v1/webhooks?limit=2&cursor=" + cursor, t.token());
        HttpResponse<String> one = get("/api/v1/webhooks/" + ids.getFirst(), t.token());
        HttpResponse<String> badCursor = get("/api/v1/webhooks?cursor=bm9wZQ", t.token());
        HttpResponse<String> badLimit = get("/api/v1/webhooks?limit=0", t.token());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(ids.get(2)).contains(ids.get(1)).doesNotContain(ids.get(0));
        assertThat(first.body().indexOf(ids.get(2))).isLessThan(first.body().indexOf(ids.get(1)));
        assertThat(second.body()).contains(ids.get(0)).doesNotContain(ids.get(1)).doesNotContain(ids.get(2))
                .contains("\"nextCursor\":null");
        assertThat(one.body()).contains("\"events\":[\"message.delivered\"]").contains("\"description\":\"test receiver\"")
                .contains("\"createdAt\":\"");
        for (HttpResponse<String> r : List.of(first, second, one)) {
            assertThat(r.body()).doesNotContain("secret").doesNotContain("whsec_");
        }
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badLimit.statusCode()).isEqualTo(400);
    }
}
