package com.sendline.fakes.graphapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP side of the fake: connections, pipelining, bodies, and waits that hold one request, not the server. */
class HttpTransportTest {
    private static final String NUMBER = "106540352242922";
    private static final String TOKEN = "EAAG-test-token-1";
    private static final String MESSAGES = "/v21.0/" + NUMBER + "/messages";

    private final FakeGraphApi fake = FakeGraphApi.start().addNumber(NUMBER, TOKEN);

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private static String send(String text) {
        return RawConnection.post("HTTP/1.1", MESSAGES, TOKEN, GraphCalls.text("4915123456789", text));
    }

    @Test
    void several_requests_are_answered_on_one_kept_alive_connection() throws IOException {
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            for (int i = 0; i < 5; i++) {
                connection.send(send("message " + i));
                RawConnection.Response response = connection.read();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers()).containsEntry("content-type", "application/json; charset=UTF-8")
                        .containsKey("date").doesNotContainKey("connection");
                assertThat(response.json().at("/messages/0/id").asText()).startsWith("wamid.");
            }
        }
        assertThat(fake.accepted()).extracting(AcceptedMessage::text)
                .containsExactly("message 0", "message 1", "message 2", "message 3", "message 4");
    }

    @Test
    void a_request_with_connection_close_is_answered_and_then_the_connection_ends() throws IOException {
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            connection.send(RawConnection.post("HTTP/1.1", MESSAGES, TOKEN,
                    GraphCalls.text("4915123456789", "last one"), "Connection: close"));
            RawConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(fake.acceptedCount()).isEqualTo(1);
    }

    @Test
    void an_http_1_0_request_closes_the_connection_unless_it_asks_to_keep_it_alive() throws IOException {
        String json = GraphCalls.text("4915123456789", "old client");
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            connection.send(RawConnection.post("HTTP/1.0", MESSAGES, TOKEN, json, "Connection: keep-alive"));
            RawConnection.Response kept = connection.read();
            connection.send(RawConnection.post("HTTP/1.0", MESSAGES, TOKEN, json));
            RawConnection.Response last = connection.read();

            assertThat(kept.status()).isEqualTo(200);
            assertThat(kept.headers()).containsEntry("connection", "keep-alive");
            assertThat(last.status()).isEqualTo(200);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelined_requests_are_answered_in_order_even_when_the_first_one_is_held() throws IOException {
        fake.failNext(1, GraphFault.delay(Duration.ofMillis(300)));
        List<RawConnection.Response> responses = new ArrayList<>();
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            connection.send(send("first") + send("second") + send("third"));
            for (int i = 0; i < 3; i++) {
                responses.add(connection.read());
            }
        }

        List<AcceptedMessage> accepted = fake.accepted();
        assertThat(accepted).extracting(AcceptedMessage::text).containsExactly("first", "second", "third");
        for (int i = 0; i < 3; i++) {
            assertThat(responses.get(i).status()).isEqualTo(200);
            assertThat(responses.get(i).json().at("/messages/0/id").asText()).isEqualTo(accepted.get(i).wamid());
        }
    }

    @Test
    void a_chunked_body_is_read_whole() throws IOException {
        String json = GraphCalls.text("4915123456789", "sent in pieces");
        int half = json.length() / 2;
        String request = "POST " + MESSAGES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk(json.substring(0, half)) + chunk(json.substring(half)) + "0\r\n\r\n";
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            connection.send(request);
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(fake.accepted()).extracting(AcceptedMessage::text).containsExactly("sent in pieces");
    }

    private static String chunk(String ascii) {
        return Integer.toHexString(ascii.length()) + "\r\n" + ascii + "\r\n";
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_in_metas_shape_without_reaching_the_fake() throws IOException {
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            // Only the announcement: the server answers before any body, and an unread body would reset the socket.
            connection.send("POST " + MESSAGES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n");
            RawConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.headers()).containsEntry("content-type", "application/json; charset=UTF-8");
            assertThat(response.json().at("/error/message").asText()).contains("larger than");
            assertThat(response.json().at("/error/fbtrace_id").asText()).isNotBlank();
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void a_request_that_is_not_http_is_refused_with_400_and_the_connection_closed() throws IOException {
        try (RawConnection connection = new RawConnection(fake.baseUrl())) {
            connection.send("HELLO THERE FRIEND\r\n\r\n");

            assertThat(connection.read().status()).isEqualTo(400);
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void a_configured_latency_holds_each_request_but_not_the_others() throws Exception {
        fake.throughputPerSecond(0);
        fake.latency(Duration.ofMillis(200));
        GraphCalls calls = new GraphCalls(fake.baseUrl());

        long start = System.nanoTime();
        List<Future<GraphCalls.Answer>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                String to = "49151000000" + (10 + i);
                answers.add(pool.submit(() -> calls.sendText(NUMBER, TOKEN, to, "held")));
            }
            for (Future<GraphCalls.Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // One after another they would take 10 s; together, 200 ms and whatever a loaded machine adds.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(5));
        assertThat(fake.acceptedCount()).isEqualTo(50);
    }

    @Test
    void closing_drops_the_requests_still_waiting_without_an_answer() throws Exception {
        fake.latency(Duration.ofSeconds(30));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(fake.baseUrl().resolve(MESSAGES)).header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(GraphCalls.text("4915123456789", "never")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fake.requestCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fake.requestCount()).isEqualTo(1);

        fake.close();

        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(fake.acceptedCount()).isZero();
    }
}
