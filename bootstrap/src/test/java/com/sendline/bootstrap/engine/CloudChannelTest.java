package com.sendline.bootstrap.engine;

import com.sendline.adapters.postgres.PostgresCloudNumbers;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.adapters.whatsappcloud.CloudApiClient;
import com.sendline.adapters.whatsappcloud.CloudApiDriver;
import com.sendline.adapters.whatsappcloud.CloudApiSettings;
import com.sendline.adapters.whatsappcloud.CloudSender;
import com.sendline.adapters.whatsappcloud.RedisPhoneThrottle;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.domain.device.Device;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.fakes.graphapi.AcceptedMessage;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.sendline.fakes.graphapi.GraphFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled messages go out through the real Cloud API adapter, over HTTP, to the local fake Graph API. */
class CloudChannelTest {
    private static final String NUMBER_ID = "106540352242922";
    private static final String TOKEN = "EAAG-test-token-123";
    private EngineHarness harness;
    private FakeGraphApi graph;
    private RedisPhoneThrottle throttle;
    private SchedulingEngine engine;
    private final List<Object> alerts = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<SchedulingEngine> engineRef =
            new java.util.concurrent.atomic.AtomicReference<>();
    private Device cloud;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(0);
        graph = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN);
        throttle = new RedisPhoneThrottle(harness.redisClient, harness.redis.prefix(), 250, Duration.ofSeconds(5));
        CloudSender sender = new CloudSender(new CloudApiClient(CloudApiSettings.defaults()
                .withBaseUrl(graph.baseUrl())), throttle, alert -> {
                    alerts.add(alert);
                    engineRef.get().pauseCloudNumber().pause(alert.phoneNumberId(), alert.code());
                });
        CloudApiDriver driver = new CloudApiDriver(new PostgresCloudNumbers(harness.db, harness.sealer), sender);
        engine = harness.engine(EngineConfig.forTests("w1", 3),
                List.of(driver, new SimulatorDriver(SimulatorSettings.instant())), new CountingMetrics(),
                Clock.systemUTC());
        engineRef.set(engine);
        cloud = engine.addCloudNumber().add(new AddCloudNumber.Request(harness.business, "Support",
                "+49 30 1234567", NUMBER_ID, TOKEN, "app-secret", "verify-token"));
        // These customers wrote in a moment ago: free-form replies are allowed (CloudWebhookTest covers the rest).
        for (int i = 0; i < 50; i++) {
            engine.windows().customerWrote(harness.business, cloud.id(),
                    new com.sendline.domain.device.PhoneNumber("+4915123456" + String.format("%03d", i)), Instant.now());
        }
    }

    @AfterEach
    void tearDown() {
        harness.close();
        throttle.close();
        graph.close();
    }

    private List<ScheduledMessage> schedule(int n) {
        List<ScheduledMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(engine.scheduleMessage().schedule(new ScheduleMessage.Request(harness.business, cloud.id(),
                    "+4915123456" + String.format("%03d", i), "Order " + i + " is ready", Instant.now())));
        }
        return out;
    }

    @Test
    void scheduled_messages_reach_the_graph_api_once_each_and_keep_metas_message_id() {
        List<ScheduledMessage> scheduled = schedule(30);
        engine.worker().start();
        await("30 sent", Duration.ofSeconds(30), () -> harness.countInStatus(MessageStatus.SENT) == 30);

        assertThat(graph.acceptedCount()).isEqualTo(30);
        List<String> wamids = graph.accepted().stream().map(AcceptedMessage::wamid).toList();
        assertThat(wamids).doesNotHaveDuplicates();
        List<String> stored = harness.db.write().list("select provider_message_id from messages", ps -> { },
                rs -> rs.getString(1));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(wamids);
        AcceptedMessage first = graph.accepted().stream().filter(a -> a.to().equals("4915123456000")).findFirst()
                .orElseThrow();
        assertThat(first.type()).isEqualTo("text");
        assertThat(first.text()).isEqualTo("Order 0 is ready");
        assertThat(scheduled).hasSize(30);
    }

    @Test
    void a_permanent_graph_error_ends_the_message_failed_with_metas_code_and_a_spam_limit_raises_an_alert() {
        graph.failNext(NUMBER_ID, 1, GraphFault.error(131026));
        ScheduledMessage undeliverable = schedule(1).getFirst();
        engine.worker().start();
        await("failed", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.FAILED) == 1);
        ScheduledMessage after = engine.messages().find(harness.business, undeliverable.id()).orElseThrow();
        assertThat(after.lastError()).startsWith("GRAPH_131026").doesNotContain(TOKEN);

        graph.failNext(NUMBER_ID, 1, GraphFault.error(131048));
        ScheduledMessage spam = schedule(1).getFirst();
        await("failed with 131048", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.FAILED) == 2);
        assertThat(engine.messages().find(harness.business, spam.id()).orElseThrow().lastError())
                .startsWith("GRAPH_131048");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().toString()).contains(NUMBER_ID).doesNotContain(TOKEN);
        assertThat(engine.deviceAlerts().recent(harness.business, cloud.id(), 10)).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("NUMBER_PAUSED");
            assertThat(a.reason()).isEqualTo("GRAPH_131048");
            assertThat(a.message()).contains("+49301234567").doesNotContain(TOKEN);
        });

        // The number is paused: the next message waits (about 30 min) instead of failing like the one before.
        await("number paused", Duration.ofSeconds(10), () -> harness.deviceState(cloud)
                == com.sendline.domain.device.SessionState.BACKOFF);
        ScheduledMessage next = schedule(1).getFirst();
        await("postponed, not failed", Duration.ofSeconds(10), () -> engine.queue()
                .earliestDue(com.sendline.domain.scheduling.DueEntry.of(next).partition())
                .map(at -> at.isAfter(Instant.now().plus(Duration.ofMinutes(20)))).orElse(false));
        assertThat(engine.messages().find(harness.business, next.id()).orElseThrow().status())
                .isEqualTo(MessageStatus.SCHEDULED);
        assertThat(graph.acceptedCount()).isZero();
    }

    @Test
    void a_recipients_pair_rate_limit_delays_only_that_recipient_by_about_six_seconds() {
        graph.pairRateLimit(FakeGraphApi.META_PAIR_WINDOW);
        ScheduledMessage first = engine.scheduleMessage().schedule(new ScheduleMessage.Request(harness.business,
                cloud.id(), "+4915123456001", "one", Instant.now()));
        engine.worker().start();
        await("first sent", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.SENT) == 1);
        Instant secondScheduledAt = Instant.now();
        ScheduledMessage again = engine.scheduleMessage().schedule(new ScheduleMessage.Request(harness.business,
                cloud.id(), "+4915123456001", "two", null));
        ScheduledMessage other = engine.scheduleMessage().schedule(new ScheduleMessage.Request(harness.business,
                cloud.id(), "+4915123456002", "to someone else", null));

        await("the other recipient is not held up", Duration.ofSeconds(10),
                () -> engine.messages().find(harness.business, other.id()).orElseThrow().status() == MessageStatus.SENT);
        ScheduledMessage waiting = engine.messages().find(harness.business, again.id()).orElseThrow();
        if (waiting.status() == MessageStatus.SCHEDULED) {
            assertThat(waiting.lastError()).startsWith("GRAPH_131056");
            assertThat(waiting.dueAt()).isBetween(secondScheduledAt.plusSeconds(4), secondScheduledAt.plusSeconds(9));
        }
        await("the same recipient gets it after the wait", Duration.ofSeconds(20),
                () -> engine.messages().find(harness.business, again.id()).orElseThrow().status() == MessageStatus.SENT);
        assertThat(graph.accepted().stream().filter(a -> a.to().equals("4915123456001"))).hasSize(2);
        assertThat(first.id()).isNotEqualTo(again.id());
    }

    @Test
    void a_server_error_with_retry_after_is_retried_inside_the_send_and_the_message_goes_out_once() {
        graph.failNext(NUMBER_ID, 1, GraphFault.httpStatus(503, Duration.ofMillis(200)));
        schedule(1);
        engine.worker().start();
        await("sent", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.SENT) == 1);
        assertThat(graph.acceptedCount()).isEqualTo(1);
    }
}
