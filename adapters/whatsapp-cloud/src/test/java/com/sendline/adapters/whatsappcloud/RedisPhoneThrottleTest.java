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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static com.sendline.adapters.whatsappcloud.Fixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        return worker(perSecond, maxWait, RedisPhoneThrottle.DEFAULT_JITTER_ALLOWANCE,
                RedisPhoneThrottle.DEFAULT_LATE_ALLOWANCE, RedisPhoneThrottle.DEFAULT_BURST);
    }

    private RedisPhoneThrottle worker(int perSecond, Duration maxWait, Duration jitter, Duration late, int burst) {
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        clients.add(client);
        RedisPhoneThrottle throttle = new RedisPhoneThrottle(client, redis.prefix(), perSecond, maxWait, jitter,
                late, burst);
        throttles.add(throttle);
        return throttle;
    }

    /**
     * {@code threads} senders on each throttle take turns from one number as fast as they can for {@code run}.
     *
     * @param all       when each turn was handed out ({@code System.nanoTime()} as {@code acquire} returned), sorted
     * @param perWorker turns per throttle, in the order given
     */
    private record Race(long[] all, long[] perWorker, long refused) {
    }

    private static Race race(List<RedisPhoneThrottle> throttles, int threads, Duration run) throws Exception {
        ConcurrentLinkedQueue<Long> turns = new ConcurrentLinkedQueue<>();
        AtomicLong refused = new AtomicLong();
        long[] perWorker = new long[throttles.size()];
        long deadline = System.nanoTime() + run.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> senders = new ArrayList<>();
            for (RedisPhoneThrottle throttle : throttles) {
                for (int t = 0; t < threads; t++) {
                    senders.add(pool.submit(() -> {
                        long mine = 0;
                        while (System.nanoTime() < deadline) {
                            try {
                                throttle.acquire(NUMBER_ID);
                                turns.add(System.nanoTime());
                                mine++;
                            } catch (ThrottleRefused e) {
                                refused.incrementAndGet();
                            }
                        }
                        return mine;
                    }));
                }
            }
            for (int i = 0; i < senders.size(); i++) {
                perWorker[i / threads] += senders.get(i).get();
            }
        }
        return new Race(turns.stream().mapToLong(Long::longValue).sorted().toArray(), perWorker, refused.get());
    }

    /** The most turns within any half-open window of {@code window} (turns sorted). */
    private static int busiest(long[] turns, Duration window) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < turns.length; to++) {
            while (turns[to] - turns[from] >= window.toNanos()) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
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
        RedisPhoneThrottle throttle = worker(1, Duration.ofMillis(100));

        throttle.acquire(NUMBER_ID);

        assertThat(throttle.acquire("999888777666")).isEqualTo(Duration.ZERO);
        assertThat(catchThrowableOfType(ThrottleRefused.class, () -> throttle.acquire(NUMBER_ID))).isNotNull();
    }

    @Test
    void a_wait_longer_than_allowed_is_refused_at_once_without_taking_a_turn() throws Exception {
        // One send per 0.5125 s (2/s over 1.025 s).
        RedisPhoneThrottle throttle = worker(2, Duration.ofMillis(100));
        throttle.acquire(NUMBER_ID);
        long first = System.nanoTime();

        long asked = System.nanoTime();
        ThrottleRefused refused = catchThrowableOfType(ThrottleRefused.class, () -> throttle.acquire(NUMBER_ID));
        long refusedAfter = System.nanoTime() - asked;
        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(ThrottleRefused.class, () -> throttle.acquire(NUMBER_ID));
        }

        assertThat(refused.code()).isEqualTo(ThrottleRefused.BUSY);
        assertThat(refused.getMessage()).contains(NUMBER_ID);
        assertThat(Duration.ofNanos(refusedAfter)).isLessThan(Duration.ofMillis(100));
        // Had the refusals reserved anything, the next turn would be 0.51 s × 7 away, not the second one's.
        Thread.sleep(Duration.ofMillis(450).minusNanos(System.nanoTime() - first));
        Duration next = throttle.acquire(NUMBER_ID);
        assertThat(next).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isBetween(Duration.ofMillis(505),
                Duration.ofMillis(700));
    }

    @Test
    void racing_senders_on_two_workers_never_take_more_than_the_rate_in_any_second_and_use_nearly_all_of_it()
            throws Exception {
        int rate = 100;
        Duration run = Duration.ofSeconds(3);
        List<RedisPhoneThrottle> workers = List.of(worker(rate, Duration.ofSeconds(5)),
                worker(rate, Duration.ofSeconds(5)));

        Race race = race(workers, 16, run);

        long[] turns = race.all();
        int busiest = busiest(turns, Duration.ofSeconds(1));
        long missed = workers.stream().mapToLong(RedisPhoneThrottle::missedInstants).sum();
        LOG.info("{} racing senders at {}/s for {} s: {} turns ({} per worker), busiest second {}, {} refused, {} "
                        + "instants missed", 32, rate, run.toSeconds(), turns.length,
                java.util.Arrays.toString(race.perWorker()), busiest, race.refused(), missed);
        assertThat(busiest).isLessThanOrEqualTo(rate);
        assertThat(race.refused()).isZero();
        // 1 / interval = 97.6 per second, less any instant given up by a sender that woke up late.
        assertThat(turns.length).isGreaterThanOrEqualTo((int) (0.9 * rate * run.toSeconds()));
        // One pace for both workers, not one each: each got a fair part of it.
        for (long n : race.perWorker()) {
            assertThat(n).isGreaterThan(turns.length / 4);
        }
    }

    @Test
    void a_burst_after_a_pause_goes_at_once_and_still_never_exceeds_the_rate_in_a_second() throws Exception {
        int rate = 10;
        int burst = 3;
        RedisPhoneThrottle throttle = worker(rate, Duration.ofSeconds(5), Duration.ofMillis(20),
                Duration.ofMillis(10), burst);
        // (1 s + 20 ms) / (10 - 3 + 1): 127.5 ms, so that the burst's two extra sends fit in the same second.
        assertThat(throttle.interval()).isEqualTo(Duration.ofNanos(127_500_000));

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(throttle.acquire(NUMBER_ID));
        }
        assertThat(waits.subList(0, 3)).allSatisfy(w -> assertThat(w).isLessThan(Duration.ofMillis(20)));
        assertThat(waits.get(3)).isBetween(Duration.ofMillis(90), Duration.ofMillis(140));

        Thread.sleep(1_100); // idle: the burst is back
        long[] turns = race(List.of(throttle), 4, Duration.ofMillis(2_500)).all();
        assertThat(busiest(turns, Duration.ofSeconds(1))).isLessThanOrEqualTo(rate);
        assertThat(busiest(turns, Duration.ofMillis(20))).isEqualTo(burst);
    }

    @Test
    void a_rate_change_keeps_the_turns_already_given_and_paces_at_the_new_rate_from_then_on() throws Exception {
        RedisPhoneThrottle slow = worker(5, Duration.ofSeconds(5));
        RedisPhoneThrottle fast = worker(50, Duration.ofSeconds(5)); // the same number, after a deployment
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            slow.acquire(NUMBER_ID); // 205 ms apart
        }
        long slowDone = System.nanoTime();

        List<Long> fastTurns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fast.acquire(NUMBER_ID);
            fastTurns.add(System.nanoTime());
        }

        // The slow rate's last turn reserved the next 205 ms: the fast one waits that out first ...
        assertThat(Duration.ofNanos(fastTurns.getFirst() - slowDone)).isGreaterThan(Duration.ofMillis(150));
        assertThat(Duration.ofNanos(slowDone - start)).isGreaterThan(Duration.ofMillis(380));
        // ... and then goes 20.5 ms apart.
        for (int i = 1; i < fastTurns.size(); i++) {
            assertThat(Duration.ofNanos(fastTurns.get(i) - fastTurns.get(i - 1)))
                    .isBetween(Duration.ofMillis(10), Duration.ofMillis(60));
        }
        // Back to the slow rate: one turn 20.5 ms after the last fast one, then 205 ms apart again.
        slow.acquire(NUMBER_ID);
        long t = System.nanoTime();
        slow.acquire(NUMBER_ID);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isBetween(Duration.ofMillis(180), Duration.ofMillis(260));
    }

    @Test
    void a_sender_that_is_late_for_its_instant_moves_the_instants_a_window_later_back_and_still_leaves()
            throws Exception {
        // No lateness allowed unannounced: every send finds itself late once Redis's answer is back.
        int rate = 50;
        List<RedisPhoneThrottle> workers = List.of(
                worker(rate, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ZERO, 1),
                worker(rate, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ZERO, 1));

        Race race = race(workers, 4, Duration.ofSeconds(3));

        long late = workers.stream().mapToLong(RedisPhoneThrottle::lateLeaves).sum();
        long missed = workers.stream().mapToLong(RedisPhoneThrottle::missedInstants).sum();
        LOG.info("late senders at {}/s: {} turns, {} left late, {} instants missed, busiest second {}", rate,
                race.all().length, late, missed, busiest(race.all(), Duration.ofSeconds(1)));
        assertThat(late).isGreaterThan(race.all().length / 2);
        assertThat(race.refused()).isZero();
        assertThat(busiest(race.all(), Duration.ofSeconds(1))).isLessThanOrEqualTo(rate);
        // Each late leave pushes the pace a second later back by its lateness (well under a millisecond here).
        assertThat(race.all().length).isGreaterThanOrEqualTo((int) (0.85 * rate * 3));
    }

    /** The number's pace and floors keys, with a client to run the scripts through. */
    private String[] scriptKeys() {
        worker(10, Duration.ofSeconds(5));
        return new String[]{redis.prefix() + "throttle:{" + NUMBER_ID + "}:tat",
                redis.prefix() + "throttle:{" + NUMBER_ID + "}:floors"};
    }

    /** Runs one of the throttle's scripts as it is in the jar, straight against Redis. */
    private List<Object> script(String name, String[] keys, long... args) throws Exception {
        String source = RedisPhoneThrottle.Script.source(name);
        String[] argv = java.util.Arrays.stream(args).mapToObj(Long::toString).toArray(String[]::new);
        try (StatefulRedisConnection<String, String> c = clients.getFirst().connect()) {
            return c.sync().eval(source, io.lettuce.core.ScriptOutputType.MULTI, keys, argv);
        }
    }

    @Test
    void a_late_leave_sets_a_floor_under_the_instant_a_window_later_and_is_refused_once_that_was_handed_out()
            throws Exception {
        String[] keys = scriptKeys();
        long interval = 102_000; // 10/s over 1.02 s
        long window = 10 * interval;

        // Ten instants back to back: 0, 102, ..., 918 ms from now.
        long[] tenSenders = new long[12];
        tenSenders[0] = interval;
        java.util.Arrays.fill(tenSenders, 2, 12, 5_000_000);
        List<Object> ten = script("throttle_reserve", keys, tenSenders);
        assertThat(ten).hasSize(11);
        long first = (Long) ten.get(0) + (Long) ten.get(1);
        assertThat((Long) ten.get(10) - (Long) ten.get(1)).isEqualTo(9 * interval);

        // The first sender only gets going 300 ms after its instant.
        Thread.sleep(300);
        List<Object> late = script("throttle_late", keys, first, window, window - 10_000);
        assertThat(late.get(1)).isEqualTo(1L);
        long left = (Long) late.get(0);

        // The eleventh instant would have been first + 1.02 s; a window after the late leave, less 10 ms, it is.
        List<Object> eleventh = script("throttle_reserve", keys, interval, 0, 5_000_000);
        long at = (Long) eleventh.get(0) + (Long) eleventh.get(1);
        assertThat(at).isEqualTo(left + window - 10_000);
        assertThat(at - first).isGreaterThan(1_300_000);
        List<Object> twelfth = script("throttle_reserve", keys, interval, 0, 5_000_000);
        assertThat((Long) twelfth.get(0) + (Long) twelfth.get(1)).isEqualTo(at + interval);

        // Now that instants a window after the first are out, leaving late on it can no longer be made safe.
        assertThat(script("throttle_late", keys, first, window, window - 10_000).get(1)).isEqualTo(0L);
        // A sender that may not wait that long is refused and takes nothing; one that may gets the same instant.
        List<Object> two = script("throttle_reserve", keys, interval, 0, 0, 5_000_000);
        assertThat(two.get(1)).isEqualTo(-1L);
        assertThat((Long) two.get(0) + (Long) two.get(2)).isEqualTo(at + 2 * interval);
    }

    @Test
    void a_late_sender_gives_its_instant_up_when_the_floor_would_cost_more_than_an_interval_unless_one_already_covers_it()
            throws Exception {
        String[] keys = scriptKeys();
        long interval = 102_000;
        long window = 10 * interval;
        long[] three = {interval, 0, 5_000_000, 5_000_000, 5_000_000};
        List<Object> instants = script("throttle_reserve", keys, three);
        long first = (Long) instants.get(0) + (Long) instants.get(1);
        long second = (Long) instants.get(0) + (Long) instants.get(2);

        // 300 ms late on the first: the floor would push the instants a window later by ~290 ms, more than the one
        // interval (102 ms) that giving the instant up costs. Nothing is set: the next instant is the fourth.
        Thread.sleep(Duration.ofMillis(300).minusNanos(Math.max(0, (first - (Long) instants.get(0)) * 1_000)));
        assertThat(script("throttle_late", keys, first, window, window - 10_000, interval).get(1)).isEqualTo(2L);
        assertThat(redisKeyExists(keys[1])).isFalse();

        // Without the limit (a sender's second late wake) it leaves, and its floor moves the instants back.
        List<Object> leave = script("throttle_late", keys, first, window, window - 10_000);
        assertThat(leave.get(1)).isEqualTo(1L);
        // The second sender, as late in real time, now costs nothing more than the floor already there: it leaves.
        assertThat(script("throttle_late", keys, second, window, window - 10_000, interval).get(1)).isEqualTo(1L);
    }

    private boolean redisKeyExists(String key) {
        try (StatefulRedisConnection<String, String> c = clients.getFirst().connect()) {
            return c.sync().exists(key) == 1;
        }
    }

    @Test
    void senders_of_one_number_on_one_worker_share_calls_to_redis_when_they_ask_at_once() throws Exception {
        RedisPhoneThrottle throttle = worker(200, Duration.ofSeconds(5));

        Race race = race(List.of(throttle), 32, Duration.ofSeconds(1));

        LOG.info("32 senders of one number: {} turns in {} calls", race.all().length, throttle.reserveCalls());
        assertThat(race.refused()).isZero();
        assertThat(throttle.reserveCalls()).isLessThan(race.all().length);
        assertThat(busiest(race.all(), Duration.ofSeconds(1))).isLessThanOrEqualTo(200);
    }

    @Test
    void settings_that_could_not_hold_the_limit_are_refused() {
        assertThatThrownBy(() -> worker(10, Duration.ofSeconds(1), Duration.ofMillis(5), Duration.ofMillis(10), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("late allowance");
        assertThatThrownBy(() -> worker(10, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(10), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burst");
        assertThatThrownBy(() -> worker(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per second");
    }

    @Test
    void a_refused_turn_becomes_a_retryable_send_failure() throws Exception {
        RedisPhoneThrottle throttle = worker(1, Duration.ofMillis(100));
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
    void the_pace_lives_under_the_prefix_hash_tagged_by_number_and_expires() throws Exception {
        RedisPhoneThrottle throttle = worker(10, Duration.ofSeconds(1));
        throttle.acquire(NUMBER_ID);

        try (StatefulRedisConnection<String, String> c = clients.getFirst().connect()) {
            String key = redis.prefix() + "throttle:{" + NUMBER_ID + "}:tat";
            assertThat(c.sync().exists(key)).isEqualTo(1L);
            // A second past the next free turn (100 ms away), then an idle number leaves nothing behind.
            assertThat(c.sync().pttl(key)).isBetween(900L, 1_110L);
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
