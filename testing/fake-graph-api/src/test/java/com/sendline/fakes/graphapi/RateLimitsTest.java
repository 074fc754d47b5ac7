package com.sendline.fakes.graphapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RateLimitsTest {
    private static final String NUMBER = "106540352242922";
    private static final String TOKEN = "EAAG-test-token-1";
    private static final String OTHER_NUMBER = "209876543210987";

    private final FakeGraphApi fake = FakeGraphApi.start().addNumber(NUMBER, TOKEN).addNumber(OTHER_NUMBER, TOKEN);
    private final GraphCalls calls = new GraphCalls(fake.baseUrl());

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void more_than_the_throughput_in_one_second_is_refused_with_130429_and_counted() throws Exception {
        fake.throughputPerSecond(5);
        calls.sendText(OTHER_NUMBER, TOKEN, "4915100000000", "warm-up: a first call opens the connection");
        fake.reset();

        long start = System.nanoTime();
        List<GraphCalls.Answer> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<GraphCalls.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String to = "49151000000" + (10 + i);
                futures.add(pool.submit(() -> calls.sendText(NUMBER, TOKEN, to, "burst")));
            }
            for (Future<GraphCalls.Answer> f : futures) {
                answers.add(f.get());
            }
        }
        // Twelve local calls take milliseconds; a machine stalled for a whole second says nothing about the fake.
        assumeTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(900)) < 0);

        List<GraphCalls.Answer> refused = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(5);
        assertThat(refused).hasSize(7).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.code()).isEqualTo(130429);
            assertThat(a.message()).isEqualTo("(#130429) Rate limit hit");
            assertThat(a.json().at("/error/error_data/details").asText())
                    .isEqualTo("Cloud API message throughput has been reached.");
        });
        assertThat(fake.throughputRejections()).isEqualTo(7);
        assertThat(fake.maxAcceptedInAnySecond(NUMBER)).isEqualTo(5);
        assertThat(calls.sendText(OTHER_NUMBER, TOKEN, "4915100000000", "another number has its own limit")
                .status()).isEqualTo(200);
    }

    @Test
    void the_throughput_window_slides_so_a_second_later_the_number_may_send_again() throws Exception {
        fake.throughputPerSecond(NUMBER, 2);
        calls.sendText(NUMBER, TOKEN, "4915100000000", "1");
        calls.sendText(NUMBER, TOKEN, "4915100000000", "2");

        Thread.sleep(1_100);

        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000000", "3").status()).isEqualTo(200);
        assertThat(fake.maxAcceptedInAnySecond(NUMBER)).isLessThanOrEqualTo(2);
    }

    @Test
    void with_the_limit_lifted_a_burst_is_all_accepted_and_the_busiest_second_is_reported() {
        fake.throughputPerSecond(0);
        for (int i = 0; i < 100; i++) {
            assertThat(calls.sendText(NUMBER, TOKEN, "4915100000000", "m" + i).status()).isEqualTo(200);
        }
        assertThat(fake.acceptedCount()).isEqualTo(100);
        assertThat(fake.maxAcceptedInAnySecond(NUMBER)).isBetween(1, 100);
        assertThat(fake.throughputRejections()).isZero();
    }

    @Test
    void the_pair_rate_limit_is_off_by_default() {
        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000001", "a").status()).isEqualTo(200);
        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000001", "b").status()).isEqualTo(200);
    }

    @Test
    void with_the_pair_rate_limit_on_a_second_message_to_the_same_recipient_is_refused_with_131056()
            throws Exception {
        fake.pairRateLimit(Duration.ofMillis(500));

        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000001", "a").status()).isEqualTo(200);
        GraphCalls.Answer again = calls.sendText(NUMBER, TOKEN, "+4915100000001", "b");
        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000002", "someone else").status()).isEqualTo(200);
        assertThat(calls.sendText(OTHER_NUMBER, TOKEN, "4915100000001", "from another number").status())
                .isEqualTo(200);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo(131056);
        assertThat(again.message()).contains("pair rate limit");
        assertThat(fake.rejections(131056)).isEqualTo(1);

        Thread.sleep(600);
        assertThat(calls.sendText(NUMBER, TOKEN, "4915100000001", "c").status()).isEqualTo(200);
    }
}
