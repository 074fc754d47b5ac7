package com.sendline.bootstrap;

import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.device.Device;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.NotAllowedNow;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.sendline.fakes.graphapi.MetaWebhooks;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Meta's webhooks against a running instance over real HTTP, with real Postgres and Redis, and sends going to the
 * local fake Graph API: verification, signatures, idempotency, receipts moving statuses forward, customers'
 * messages opening the 24-hour window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudWebhookTest {
    private static final String NUMBER_ID = "106540352242922";
    private static final String DISPLAY = "4930123456";
    private static final String TOKEN = "EAAG-webhook-test";
    private static final String SECRET = "app-secret-of-meta-app-a";
    private static final String VERIFY = "verify-me-please";
    private static final String OTHER_NUMBER_ID = "209876543210987";
    private static final String OTHER_SECRET = "app-secret-of-meta-app-b";

    private TestDatabase db;
    private TestRedis redis;
    private FakeGraphApi graph;
    private SendlineApplication app;
    private URI url;
    private SchedulingEngine engine;
    private BusinessId business;
    private Device cloud;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        graph = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN).addNumber(OTHER_NUMBER_ID, TOKEN);
        app = TestInstances.start(db, redis, dataDir, Map.of("CLOUD_API_BASE_URL", graph.baseUrl().toString()));
        url = app.url();
        engine = app.context().getBean(SchedulingEngine.class);
        business = app.seededNow().orElseThrow().businessId();
        cloud = engine.addCloudNumber().add(new AddCloudNumber.Request(business, "Support", "+49 30 123456",
                NUMBER_ID, TOKEN, SECRET, VERIFY));
        engine.addCloudNumber().add(new AddCloudNumber.Request(business, "Sales", "+49 30 654321",
                OTHER_NUMBER_ID, TOKEN, OTHER_SECRET, "another-verify-token"));
    }

    @AfterAll
    void stop() {
        app.close();
        graph.close();
        redis.close();
        db.close();
    }

    private HttpResponse<String> post(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/webhooks/whatsapp-cloud"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return Http.send(request.build());
    }

    private HttpResponse<String> postSigned(String body) {
        return post(body, MetaWebhooks.signature(body, SECRET));
    }

    private static String unique() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    private long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
             var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(25);
        }
    }

    private ScheduledMessage message(ScheduledMessage m) {
        return engine.messages().find(business, m.id()).orElseThrow();
    }

    // --- GET verification ---

    @Test
    void meta_subscription_check_echoes_the_challenge_for_a_known_verify_token() {
        HttpResponse<String> ok = Http.get(url, "/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token="
                + VERIFY + "&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
    }

    @Test
    void a_wrong_verify_token_or_mode_is_403_with_a_problem_document() {
        for (String query : List.of("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
                "hub.mode=unsubscribe&hub.verify_token=" + VERIFY + "&hub.challenge=1",
                "hub.verify_token=" + VERIFY)) {
            HttpResponse<String> refused = Http.get(url, "/webhooks/whatsapp-cloud?" + query);
            assertThat(refused.statusCode()).as(query).isEqualTo(403);
            assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"WEBHOOK_VERIFY_TOKEN_INVALID\"").doesNotContain(VERIFY);
        }
    }

    // --- POST signature ---

    @Test
    void an_unsigned_or_forged_webhook_is_401_and_nothing_is_stored() {
        String wamid = unique();
        String body = MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, "4915199990001", "Mallory", wamid, "hi",
                Instant.now());

        HttpResponse<String> unsigned = post(body, null);
        HttpResponse<String> forged = post(body, MetaWebhooks.signature(body, "not-the-secret"));
        HttpResponse<String> garbage = post(body, "sha256=xyz");
        // Signed correctly, then one byte changed: the signature is over the exact bytes.
        HttpResponse<String> tampered = post(body.replace("\"hi\"", "\"hI\""), MetaWebhooks.signature(body, SECRET));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("\"code\":\"WEBHOOK_SIGNATURE_MISSING\"");
        assertThat(garbage.statusCode()).isEqualTo(401);
        for (HttpResponse<String> r : List.of(forged, tampered)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"WEBHOOK_SIGNATURE_INVALID\"");
        }
        assertThat(count("select count(*) from webhook_events where provider_message_id = ?", wamid)).isZero();
        assertThat(count("select count(*) from inbound_messages where provider_message_id = ?", wamid)).isZero();
    }

    @Test
    void a_signed_body_that_is_not_a_webhook_is_400_and_an_empty_one_is_401() {
        String notJson = "{\"object\":";
        HttpResponse<String> malformed = post(notJson, MetaWebhooks.signature(notJson, SECRET));
        String otherObject = "{\"object\":\"page\",\"entry\":[]}";
        HttpResponse<String> wrongObject = post(otherObject, MetaWebhooks.signature(otherObject, SECRET));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":\"WEBHOOK_MALFORMED\"");
        assertThat(wrongObject.statusCode()).isEqualTo(400);
        assertThat(post("", null).statusCode()).isEqualTo(401);
    }

    @Test
    void events_for_a_number_of_another_meta_app_are_not_taken_on_this_apps_signature() throws Exception {
        String wamid = unique();
        // App A's secret signs an event that names app B's number: attributing it would let one app write into
        // another's conversations.
        String body = MetaWebhooks.incomingText(OTHER_NUMBER_ID, DISPLAY, "4915199990002", "Eve", wamid, "hello",
                Instant.now());

        HttpResponse<String> response = post(body, MetaWebhooks.signature(body, SECRET));
        HttpResponse<String> own = post(body, MetaWebhooks.signature(body, OTHER_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"events\":0,\"ignored\":1}");
        assertThat(own.body()).isEqualTo("{\"events\":1,\"ignored\":0}");
        await("B's message is stored once", () -> count(
                "select count(*) from inbound_messages where provider_message_id = ?", wamid) == 1);
    }

    @Test
    void when_the_event_cannot_be_stored_meta_gets_503_with_retry_after_and_the_redelivery_is_kept() throws Exception {
        String wamid = unique();
        String body = MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, "4915199990004", null, wamid, "hello?",
                Instant.now());
        db.execute("alter table webhook_events add constraint refuse_all check (false) not valid");
        HttpResponse<String> refused;
        try {
            refused = postSigned(body);
        } finally {
            db.execute("alter table webhook_events drop constraint refuse_all");
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("5");
        assertThat(refused.body()).contains("\"code\":\"WEBHOOK_NOT_STORED\"");
        assertThat(postSigned(body).statusCode()).isEqualTo(200);
        await("the redelivery is processed", () -> count(
                "select count(*) from inbound_messages where provider_message_id = ?", wamid) == 1);
    }

    // --- idempotency ---

    @Test
    void a_redelivered_webhook_is_acknowledged_and_stored_once_even_when_the_copies_race() throws Exception {
        String wamid = unique();
        String body = MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, "4915199990003", "Kerry", wamid, "Same again",
                Instant.now());

        List<Callable<Integer>> copies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            copies.add(() -> postSigned(body).statusCode());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(copies)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        assertThat(postSigned(body).statusCode()).isEqualTo(200);

        await("the message is processed", () -> count("select count(*) from inbound_messages where"
                + " provider_message_id = ?", wamid) == 1);
        assertThat(count("select count(*) from webhook_events where provider_message_id = ?", wamid)).isEqualTo(1);
        Thread.sleep(300);
        assertThat(count("select count(*) from inbound_messages where provider_message_id = ?", wamid)).isEqualTo(1);
    }

    // --- the window and receipts, end to end ---

    @Test
    void a_customers_message_opens_the_window_and_receipts_move_the_reply_forward_never_back() throws Exception {
        String customer = "4915122220001";
        String inbound = unique();
        HttpResponse<String> received = postSigned(MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, customer, "Kerry",
                inbound, "Is my order ready?", Instant.now()));
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("{\"events\":1,\"ignored\":0}");
        assertThat(received.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        await("the window opens", () -> count("select count(*) from customer_service_windows where contact = ?",
                "+" + customer) == 1);
        assertThat(count("select count(*) from inbound_messages where provider_message_id = ? and body = ?"
                + " and profile_name = 'Kerry' and business_id = ?", inbound, "Is my order ready?",
                business.value())).isEqualTo(1);

        ScheduledMessage reply = engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + customer, "Yes, come by!", Instant.now()));
        await("the reply is sent", () -> message(reply).status() == MessageStatus.SENT);
        String wamid = graph.accepted(NUMBER_ID).stream().filter(a -> a.to().equals(customer)).findFirst()
                .orElseThrow().wamid();

        // Out of order, as Meta may deliver them: read first, then a late delivered and sent.
        for (String status : List.of("read", "delivered", "sent")) {
            assertThat(postSigned(MetaWebhooks.status(NUMBER_ID, DISPLAY, wamid, status, customer,
                    reply.id().toString(), Instant.now())).statusCode()).isEqualTo(200);
        }
        await("the receipts are processed", () -> count("select count(*) from webhook_events where"
                + " provider_message_id = ? and processed_at is not null", wamid) == 3);
        assertThat(message(reply).status()).isEqualTo(MessageStatus.READ);
        assertThat(count("select count(*) from webhook_events where provider_message_id = ? and outcome = 'STALE'",
                wamid)).isEqualTo(2);
    }

    @Test
    void a_receipt_without_our_callback_data_finds_the_message_by_metas_id() throws Exception {
        String customer = "4915122220002";
        postSigned(MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, customer, null, unique(), "hi", Instant.now()));
        await("the window opens", () -> count("select count(*) from customer_service_windows where contact = ?",
                "+" + customer) == 1);
        ScheduledMessage reply = engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + customer, "Hello", Instant.now()));
        await("the reply is sent", () -> message(reply).status() == MessageStatus.SENT);
        String wamid = graph.accepted(NUMBER_ID).stream().filter(a -> a.to().equals(customer)).findFirst()
                .orElseThrow().wamid();
        assertThat(count("select count(*) from messages where id = ? and provider_message_id = ?",
                reply.id().value(), wamid)).isEqualTo(1);

        postSigned(MetaWebhooks.status(NUMBER_ID, DISPLAY, wamid, "failed", customer, null, Instant.now()));

        await("the failure lands", () -> message(reply).status() == MessageStatus.FAILED);
        assertThat(message(reply).lastError()).isEqualTo("GRAPH_131026: Message undeliverable");
    }

    @Test
    void a_free_form_message_to_a_customer_who_never_wrote_is_refused_and_never_reaches_meta() throws Exception {
        String stranger = "4915133330001";
        // Due now: refused on the spot, nothing stored.
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + stranger, "Special offer!", Instant.now())))
                .isInstanceOfSatisfying(NotAllowedNow.class, e -> assertThat(e.code())
                        .isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW"));
        assertThat(count("select count(*) from messages where recipient = ?", "+" + stranger)).isZero();

        // Due later: the customer may write before then, so it is taken, and refused when it comes due.
        ScheduledMessage later = engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + stranger, "Special offer!", Instant.now().plusSeconds(61).plusMillis(500)));
        engine.rescheduleMessage().reschedule(business, later.id(), Instant.now());

        await("the send is refused", () -> message(later).status() == MessageStatus.FAILED);
        assertThat(message(later).lastError()).startsWith("OUTSIDE_CUSTOMER_SERVICE_WINDOW");
        assertThat(message(later).attempts()).isEqualTo(1);
        assertThat(graph.accepted(NUMBER_ID)).noneMatch(a -> a.to().equals(stranger));
    }

    @Test
    void a_window_older_than_24_hours_is_closed_and_a_fresh_message_opens_it_again() throws Exception {
        String lapsed = "4915133330002";
        postSigned(MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, lapsed, null, unique(), "old question",
                Instant.now().minus(Duration.ofHours(24)).minusSeconds(5)));
        await("the window is recorded", () -> count("select count(*) from customer_service_windows where"
                + " contact = ?", "+" + lapsed) == 1);

        assertThatThrownBy(() -> engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + lapsed, "Sorry for the delay", Instant.now())))
                .isInstanceOfSatisfying(NotAllowedNow.class, e -> assertThat(e.code())
                        .isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW"))
                .hasMessageContaining("more than 24 hours ago");

        postSigned(MetaWebhooks.incomingText(NUMBER_ID, DISPLAY, lapsed, null, unique(), "still there?",
                Instant.now()));
        await("the window opens again", () -> count("select count(*) from customer_service_windows where"
                + " contact = ? and last_inbound_at > now() - interval '1 minute'", "+" + lapsed) == 1);
        ScheduledMessage reply = engine.scheduleMessage().schedule(new ScheduleMessage.Request(business, cloud.id(),
                "+" + lapsed, "Yes! Sorry for the delay", Instant.now()));
        await("the reply is sent", () -> message(reply).status() == MessageStatus.SENT);
    }

    @Test
    void a_receipt_for_a_message_sendline_never_sent_is_recorded_as_unknown() throws Exception {
        String wamid = unique();
        postSigned(MetaWebhooks.status(NUMBER_ID, DISPLAY, wamid, "delivered", "4915100000000", null, Instant.now()));
        await("it is processed", () -> count("select count(*) from webhook_events where provider_message_id = ?"
                + " and outcome = 'UNKNOWN_MESSAGE'", wamid) == 1);
    }
}
