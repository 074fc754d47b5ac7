package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.sendline.bootstrap.PartnerApi.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner's first day, over HTTP only: the demo API key from demo-credentials.json → a token → a webhook
 * subscription → a simulator device → a message → the message is sent → the partner's receiver gets
 * {@code message.sent} and checks its signature the way docs/api.md tells receivers to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiEndToEndTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private HttpServer receiver;
    private final BlockingQueue<Map.Entry<Map<String, String>, String>> deliveries = new LinkedBlockingQueue<>();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hooks/sendline", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            deliveries.add(Map.entry(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of("WEBHOOK_POLL", "100ms"));
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
        receiver.stop(0);
    }

    @Test
    void token_device_message_sent_and_a_signed_message_sent_webhook_the_receiver_can_verify() throws Exception {
        PartnerApi api = PartnerApi.demo(app);
        String apiKey = app.demoCredentialsFile().read().orElseThrow().apiKey();
        HttpResponse<String> tokenAnswer = api.post(null, "/api/v1/auth/token", "{\"apiKey\":\"" + apiKey + "\"}");
        assertThat(tokenAnswer.statusCode()).isEqualTo(200);
        String token = field(tokenAnswer.body(), "accessToken");

        HttpResponse<String> hook = api.post(token, "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hooks/sendline\",\"events\":[\"message.sent\"]}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        String secret = field(hook.body(), "secret");
        String hookId = field(hook.body(), "id");

        HttpResponse<String> device = api.post(token, "/api/v1/devices",
                "{\"channel\":\"simulator\",\"phoneNumber\":\"+4915111119999\",\"label\":\"E2E\"}");
        assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
        String deviceId = field(device.body(), "id");

        HttpResponse<String> message = api.post(token, "/api/v1/messages", "{\"deviceId\":\"" + deviceId
                + "\",\"to\":\"+4915123456789\",\"body\":\"Your order is ready\"}",
                "Idempotency-Key", "e2e-order-1");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(201);
        String messageId = field(message.body(), "id");

        String status = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end
                && !status.equals("sent"); Thread.sleep(100)) {
            status = field(api.get(token, "/api/v1/messages/" + messageId).body(), "status");
        }
        assertThat(status).isEqualTo("sent");

        Map.Entry<Map<String, String>, String> delivery = deliveries.poll(20, TimeUnit.SECONDS);
        assertThat(delivery).as("a webhook delivery").isNotNull();
        Map<String, String> headers = delivery.getKey();
        String body = delivery.getValue();
        assertThat(headers.get("X-Sendline-Event")).isEqualTo("message.sent");
        assertThat(body).contains("\"type\":\"message.sent\"").contains(messageId).contains(deviceId);
        assertThat(verified(headers.get("X-Sendline-Signature"), body, secret)).isTrue();
        assertThat(verified(headers.get("X-Sendline-Signature"), body + " ", secret)).as("tampered").isFalse();
        assertThat(verified(headers.get("X-Sendline-Signature"), body, "whsec_wrong")).as("other secret").isFalse();

        String listed = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end
                && !listed.contains("\"status\":\"delivered\""); Thread.sleep(100)) {
            listed = api.get(token, "/api/v1/webhooks/" + hookId + "/deliveries").body();
        }
        assertThat(listed).contains("\"status\":\"delivered\"").contains("\"event\":\"message.sent\"");
    }

    /** What a receiver does: recompute HMAC-SHA256 over "t.body", compare in constant time, refuse old t. */
    private static boolean verified(String header, String body, String secret) throws Exception {
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].equals("t")) {
                t = kv[1];
            } else if (kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > Duration.ofMinutes(5).toSeconds()) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    }
}
