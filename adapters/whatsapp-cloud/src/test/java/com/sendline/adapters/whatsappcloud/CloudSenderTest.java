package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.session.SendFailure;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.sendline.fakes.graphapi.GraphFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.sendline.adapters.whatsappcloud.Fixtures.CUSTOMER;
import static com.sendline.adapters.whatsappcloud.Fixtures.NUMBER_ID;
import static com.sendline.adapters.whatsappcloud.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each way Meta can say no, and what a send makes of it; no throttle here, so only Meta's answers count. */
class CloudSenderTest {
    private final FakeGraphApi fake = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN);
    private final List<CloudAlert> alerts = new CopyOnWriteArrayList<>();
    private CloudSender sender = sender(Fixtures.settings(fake));

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private CloudSender sender(CloudApiSettings settings) {
        return new CloudSender(new CloudApiClient(settings), PhoneThrottle.unlimited(), alerts::add);
    }

    private CloudSendReceipt send(String text) throws SendFailure {
        return sender.send(Fixtures.cloudNumber(), new OutgoingMessage.Text(CUSTOMER, text, null));
    }

    private SendFailure failure(String text) {
        return catchThrowableOfType(SendFailure.class, () -> send(text));
    }

    @Test
    void a_send_meta_takes_returns_the_wamid_after_one_call() throws Exception {
        CloudSendReceipt receipt = send("hello");

        assertThat(receipt.wamid()).isEqualTo(fake.accepted().getFirst().wamid());
        assertThat(receipt.attempts()).isEqualTo(1);
        assertThat(receipt.throttleWait()).isEqualTo(Duration.ZERO);
    }

    @Test
    void over_metas_throughput_the_send_backs_off_and_retries_until_meta_takes_it() throws Exception {
        fake.throughputPerSecond(NUMBER_ID, 1);
        // Backoffs of 0.5 to 1 s: the second retry is sure to land after the one-second window has passed.
        sender = sender(Fixtures.settings(fake).withThroughputRetries(2, Duration.ofSeconds(1)));
        send("first, fills the number's second");

        CloudSendReceipt receipt = send("second, must wait for the next second");

        assertThat(receipt.attempts()).isBetween(2, 3);
        assertThat(fake.throughputRejections()).isBetween(1L, 2L);
        assertThat(fake.acceptedCount()).isEqualTo(2);
        assertThat(alerts).isEmpty();
    }

    @Test
    void when_throughput_stays_exceeded_the_send_fails_retryable_after_its_retries() {
        fake.failNext(3, GraphFault.error(130429));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("GRAPH_130429");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.acceptedCount()).isZero();
    }

    @Test
    void a_pair_rate_limit_fails_at_once_retryable_telling_that_only_the_recipient_must_wait() throws Exception {
        fake.pairRateLimit(FakeGraphApi.META_PAIR_WINDOW);
        send("first");

        SendFailure failure = failure("second, too soon");

        assertThat(failure.code()).isEqualTo("GRAPH_131056");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isFalse();
        assertThat(failure.getMessage()).contains("pair rate limit").contains("recipient").contains("6 s");
        assertThat(fake.rejections(131056)).isEqualTo(1);
        assertThat(alerts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {131048, 80007})
    void a_spam_or_account_rate_limit_stops_the_number_and_raises_an_alert(int code) {
        fake.failNext(1, GraphFault.error(code));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("GRAPH_" + code);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.sessionBroken()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.phoneNumberId()).isEqualTo(NUMBER_ID);
            assertThat(alert.code()).isEqualTo("GRAPH_" + code);
            assertThat(alert.message()).startsWith("(#" + code + ")");
        });
    }

    @Test
    void an_alert_handler_that_throws_does_not_hide_the_failure() {
        sender = new CloudSender(new CloudApiClient(Fixtures.settings(fake)), PhoneThrottle.unlimited(), alert -> {
            throw new IllegalStateException("handler broke");
        });
        fake.failNext(1, GraphFault.error(131048));

        assertThat(failure("hi").code()).isEqualTo("GRAPH_131048");
    }

    @Test
    void a_server_error_with_retry_after_is_waited_out_and_retried_until_it_succeeds() throws Exception {
        fake.failNext(1, GraphFault.httpStatus(500, Duration.ofSeconds(1)));
        long start = System.nanoTime();

        CloudSendReceipt receipt = send("hi");

        assertThat(receipt.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fake.acceptedCount()).isEqualTo(1);
    }

    @Test
    void server_errors_on_every_try_fail_retryable_after_the_last_try() {
        fake.failNext(5, GraphFault.httpStatus(503));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("HTTP_503");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void a_retry_after_longer_than_the_longest_backoff_is_left_to_the_engine() {
        fake.failNext(1, GraphFault.httpStatus(503, Duration.ofSeconds(30)));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("HTTP_503");
        assertThat(failure.retryable()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_timeout_is_retried() throws Exception {
        sender = sender(Fixtures.settings(fake).withRequestTimeout(Duration.ofMillis(300)));
        fake.failNext(1, GraphFault.delay(Duration.ofSeconds(2)));

        CloudSendReceipt receipt = send("hi");

        assertThat(receipt.attempts()).isEqualTo(2);
    }

    @Test
    void timeouts_on_every_try_fail_retryable_with_timeout() {
        sender = sender(Fixtures.settings(fake).withRequestTimeout(Duration.ofMillis(200)));
        fake.failNext(3, GraphFault.delay(Duration.ofSeconds(2)));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("TIMEOUT");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isFalse();
    }

    @Test
    void no_server_at_all_fails_retryable_with_connection_failed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        sender = sender(Fixtures.settings(fake).withBaseUrl(URI.create("http://127.0.0.1:" + closedPort)));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("CONNECTION_FAILED");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void an_invalid_parameter_fails_for_good_with_metas_own_message() {
        fake.failNext(1, GraphFault.error(100));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("GRAPH_100");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.sessionBroken()).isFalse();
        assertThat(failure.getMessage()).contains("(#100) Invalid parameter");
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(alerts).isEmpty();
    }

    @Test
    void an_undeliverable_message_fails_for_good_but_leaves_the_number_alone() {
        fake.failNext(1, GraphFault.error(131026));

        SendFailure failure = failure("hi");

        assertThat(failure.code()).isEqualTo("GRAPH_131026");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.sessionBroken()).isFalse();
    }

    @Test
    void a_refused_token_fails_for_good_stops_the_number_and_never_shows_the_token() {
        String wrong = "EAAGwrongTOKEN987654321";

        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> sender.send(
                Fixtures.cloudNumber(NUMBER_ID, wrong), new OutgoingMessage.Text(CUSTOMER, "hi", null)));

        assertThat(failure.code()).isEqualTo("GRAPH_190");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.sessionBroken()).isTrue();
        assertThat(failure.getMessage()).contains("access token").doesNotContain(wrong).doesNotContain(TOKEN);
        assertThat(failure.toString()).doesNotContain(wrong);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.toString()).doesNotContain(wrong));
    }
    @Test
    void sends_under_way_at_once_follow_how_long_meta_takes_to_answer() throws Exception {
        for (int i = 0; i < 30; i++) {
            send("quick");
        }
        // 250/s × a millisecond or two: the least, 4.
        assertThat(sender.concurrentSends()).isEqualTo(CloudSender.MIN_CONCURRENT_SENDS);

        fake.latency(Duration.ofMillis(100));
        fake.throughputPerSecond(0); // no throttle here: only the call time counts
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                sends.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        send("slow");
                    }
                    return null;
                }));
            }
            for (var s : sends) {
                s.get();
            }
        }
        // 250/s × 100 ms: some 27 under way, so that one number keeps its rate.
        assertThat(sender.concurrentSends()).isBetween(20, 32);

        CloudSender.CallTime quick = new CloudSender.CallTime();
        for (int i = 0; i < 50; i++) {
            quick.observe(Duration.ofMillis(100).toNanos());
        }
        quick.observe(Duration.ofMillis(50).toNanos());
        assertThat(quick.nanos()).isEqualTo(Duration.ofMillis(50).toNanos());
        for (int i = 0; i < 10; i++) {
            quick.observe(Duration.ofMillis(500).toNanos()); // queued calls barely move it
        }
        assertThat(quick.nanos()).isLessThan(Duration.ofMillis(125).toNanos());
    }
}
