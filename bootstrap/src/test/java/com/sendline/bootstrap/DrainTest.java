package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What clients see while an instance drains for a redeploy. */
class DrainTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;

    @BeforeEach
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of("DRAIN_DELAY", "1500ms", "DRAIN_TIMEOUT", "10s"));
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @Test
    void readiness_turns_down_at_once_realtime_clients_are_told_to_reconnect_and_everything_closes() throws Exception {
        URI url = app.url();
        BlockingQueue<String> sse = Http.stream(url, "/events/status");
        assertThat(sse.poll(10, TimeUnit.SECONDS)).isEqualTo("<status 200>");
        assertThat(sse.poll(10, TimeUnit.SECONDS)).isEqualTo("event: status");
        assertThat(sse.poll(5, TimeUnit.SECONDS)).isEqualTo("data: {\"status\":\"UP\"}");

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(app::drainAndClose);

        // During DRAIN_DELAY the instance still answers, but tells the load balancer to stop sending traffic.
        HttpResponse<String> readiness = awaitReadiness(url, 503);
        assertThat(readiness.body()).contains("\"status\":\"DOWN\"").contains("\"draining\":true");
        assertThat(Http.get(url, "/health").statusCode()).as("still alive while draining").isEqualTo(200);
        HttpResponse<String> lateStream = Http.get(url, "/events/status");
        assertThat(lateStream.statusCode()).isEqualTo(503);
        assertThat(lateStream.body()).contains("\"code\":\"DRAINING\"");

        assertThat(drained.get(30, TimeUnit.SECONDS)).as("drained cleanly").isTrue();
        assertThat(sse).contains("event: draining", "data: {\"reconnect\":true}");
        String last = null;
        for (String line; (line = sse.poll(5, TimeUnit.SECONDS)) != null; ) {
            last = line;
        }
        assertThat(last).as("the stream ended").isEqualTo("<end>");
    }

    private static HttpResponse<String> awaitReadiness(URI url, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> response = Http.get(url, "/health/readiness");
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = Http.get(url, "/health/readiness");
        }
        return response;
    }
}
