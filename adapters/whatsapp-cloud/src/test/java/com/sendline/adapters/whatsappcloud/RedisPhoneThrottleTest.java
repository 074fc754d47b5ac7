package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.session.SendFailure;
import com.sendline.fakes.graphapi.AcceptedMessage;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static com.sendline.adapters.whatsappcloud.Fixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RedisPhoneThrottleTest {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPhoneThrottleTest.class);
    private static final String NUMBER_ID = "100200300400500";
    private static final String TOKEN = "EAAGthrottleTOKEN42";

    private TestRedis redis;
    private final List<RedisClient> clients = new ArrayList<>();
    private final List<RedisPhoneThrottle> throttles = new ArrayList<>();
    private FakeGraphApi fake;

    @BeforeEach
    void setUp() {
        redis = TestServices.freshRedis();
        fake = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN);
    }

    @AfterEach
    void tearDown() {
        throttles.forEach(RedisPhoneThrottle::close);
        clients.forEach(RedisClient::shutdown);
        fake.close();
        redis.close();
    }

    /** Each worker has its own Redis client, as separate processes would. */
    private RedisPhoneThrottle worker(int perSecond, Duration maxWait) {
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        clients.add(client);
        RedisPhoneThrottle throttle = new RedisPhoneThrottle(client, redis.prefix(), perSecond, maxWait);
        throttles.add(throttle);
        return throttle;
    }

    @Test
    void two_workers_sharing_one_number_stay_under_metas_limit_together_and_still_use_most_of_it()
            throws Exception {
        int rate = 50;
        Duration run = Duration.ofSeconds(3);
        fake.throughputPerSecond(NUMBER_ID, rate);
        CloudApiSettings settings = Fixtures.settings(fake).withRpsPerPhone(rate);
        CloudNumber number = Fixtures.cloudNumber(NUMBER_ID, TOKEN);
        List<CloudSender> workers = List.of(
                new CloudSender(new CloudApiClient(settings), worker(rate, Duration.ofSeconds(5)), a -> { }),
                new CloudSender(new CloudApiClient(settings), worker(rate, Duration.ofSeconds(5)), a -> { }));
        // Open the HTTP connections and warm the code up first: a first call that is slow for reasons of its own
        // would only blur what the throttle does.
        for (CloudSender worker : workers) {
            for (int i = 0; i < 3; i++) {
                worker.send(number, new OutgoingMessage.Text(CUSTOMER, "warm-up", null));
            }
        }
        fake.reset();

        AtomicLong failures = new AtomicLong();
        AtomicLong waitedMillis = new AtomicLong();
        long deadline = System.nanoTime() + run.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> senders = new ArrayList<>();
            for (CloudSender worker : workers) {
                for (int t = 0; t < 4; t++) {
                    senders.add(threads.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            try {
                                CloudSendReceipt receipt = worker.send(number,
                                        new OutgoingMessage.Text(CUSTOMER, "paced", null));
                                waitedMillis.addAndGet(receipt.throttleWait().toMillis());
                            } catch (SendFailure e) {
                                failures.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        }

        List<AcceptedMessage> accepted = fake.accepted();
        int busiestSecond = fake.maxAcceptedInAnySecond(NUMBER_ID);
        LOG.info("throttle at {}/s over {} s: {} accepted, busiest second {}, {} refused by Meta (130429), "
                        + "{} failed sends, {} ms waited in all", rate, run.toSeconds(), accepted.size(),
                busiestSecond, fake.throughputRejections(), failures.get(), waitedMillis.get());
        assertThat(busiestSecond).isLessThanOrEqualTo(rate);
        assertThat(fake.throughputRejections()).isZero();
        assertThat(failures.get()).isZero();
        assertThat(accepted.size()).isGreaterThanOrEqualTo((int) (0.9 * rate * run.toSeconds()));
        assertThat(waitedMillis.get()).isPositive();
    }

    @Test
    void a_send_waits_for_its_token_and_says_how_long() throws Exception {
        RedisPhoneThrottle throttle = worker(2, Duration.ofSeconds(5));

        Duration first = throttle.acquire(NUMBER_ID);
        Duration second = throttle.acquire(NUMBER_ID);

        assertThat(first).isEqualTo(Duration.ZERO);
        // Two per second leaves the second call about half a second after the first.
        assertThat(second).isGreaterThan(Duration.ofMillis(200));
    }

    @Test
    void the_pace_is_per_number() throws Exception {
        RedisPhoneThrottle throttle = worker(1, Duration.ZERO);

        throttle.acquire(NUMBER_ID);

        assertThat(throttle.acquire("999888777666")).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_wait_longer_than_allowed_is_refused_without_taking_a_turn() throws Exception {
        RedisPhoneThrottle throttle = worker(1, Duration.ofMillis(100));
        throttle.acquire(NUMBER_ID);

        ThrottleRefused refused = catchThrowableOfType(ThrottleRefused.class, () -> throttle.acquire(NUMBER_ID));

        assertThat(refused.code()).isEqualTo(ThrottleRefused.BUSY);
        assertThat(refused.getMessage()).contains(NUMBER_ID);
    }

    @Test
    void a_refused_turn_becomes_a_retryable_send_failure() throws Exception {
        RedisPhoneThrottle throttle = worker(1, Duration.ZERO);
        CloudSender sender = new CloudSender(new CloudApiClient(Fixtures.settings(fake)), throttle, a -> { });
        CloudNumber number = Fixtures.cloudNumber(NUMBER_ID, TOKEN);
        sender.send(number, new OutgoingMessage.Text(CUSTOMER, "first", null));

        SendFailure failure = catchThrowableOfType(SendFailure.class,
                () -> sender.send(number, new OutgoingMessage.Text(CUSTOMER, "second", null)));

        assertThat(failure.code()).isEqualTo("THROTTLED");
        assertThat(failure.retryable()).isTrue();
        assertThat(fake.acceptedCount()).isEqualTo(1);
    }

    @Test
    void the_bucket_lives_under_the_prefix_hash_tagged_by_number() throws Exception {
        RedisPhoneThrottle throttle = worker(10, Duration.ofSeconds(1));
        throttle.acquire(NUMBER_ID);

        try (StatefulRedisConnection<String, String> c = clients.getFirst().connect()) {
            String key = redis.prefix() + "throttle:{" + NUMBER_ID + "}";
            assertThat(c.sync().exists(key)).isEqualTo(1L);
            assertThat(c.sync().pttl(key)).isPositive();
        }
    }

    @Test
    void without_redis_a_send_is_held_back_rather_than_let_through() {
        RedisPhoneThrottle throttle = worker(10, Duration.ofSeconds(1));
        throttle.close();

        ThrottleRefused refused = catchThrowableOfType(ThrottleRefused.class, () -> throttle.acquire(NUMBER_ID));

        assertThat(refused.code()).isEqualTo(ThrottleRefused.UNAVAILABLE);
    }
}
