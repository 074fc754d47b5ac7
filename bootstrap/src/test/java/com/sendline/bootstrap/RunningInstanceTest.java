package com.sendline.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sendline.application.tenancy.SeedDemo;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.PasswordHasher;
import com.sendline.domain.tenancy.Role;
import com.sendline.domain.tenancy.Users;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One real instance (real Postgres, real Redis, real HTTP) and what an operator or client sees of it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningInstanceTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private URI url;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        url = app.url();
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @Test
    void liveness_answers_up() {
        for (String path : new String[] {"/health", "/health/liveness"}) {
            HttpResponse<String> response = Http.get(url, path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void readiness_reports_postgres_and_both_redis_clients_up() {
        HttpResponse<String> response = Http.get(url, "/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("{\"status\":\"UP\",\"draining\":false,\"starting\":false,")
                .contains("\"postgres\":{\"status\":\"UP\"")
                .contains("\"redis-queue\":{\"status\":\"UP\"")
                .contains("\"redis-cache\":{\"status\":\"UP\"");
    }

    @Test
    void prometheus_serves_jvm_http_and_pool_metrics() {
        Http.get(url, "/health");
        HttpResponse<String> response = Http.get(url, "/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections{pool=\"primary\"}");
    }

    @Test
    void the_demo_simulator_device_sends_a_scheduled_message_and_the_engine_reports_it() throws Exception {
        var demo = app.seededNow().orElseThrow();
        var schedule = app.context().getBean(com.sendline.application.scheduling.ScheduleMessage.class);
        var simulator = app.context().getBean(com.sendline.adapters.simulator.SimulatorDriver.class);
        var message = schedule.schedule(new com.sendline.application.scheduling.ScheduleMessage.Request(
                demo.businessId(), com.sendline.domain.device.DeviceId.parse(demo.deviceId()), "+49 151 23456789",
                "Your bread is ready", java.time.Instant.now().plusMillis(500)));

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (simulator.deliveryOf(message.id()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(simulator.deliveryOf(message.id())).hasValueSatisfying(d -> {
            assertThat(d.to().e164()).isEqualTo("+4915123456789");
            assertThat(d.text()).isEqualTo("Your bread is ready");
        });
        // The simulator records a delivery inside its send call; the engine counts it just after: allow a moment.
        String metrics = Http.get(url, "/prometheus").body();
        while (!metrics.contains("sendline_messages_sent_total{channel=\"simulator\"}") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = Http.get(url, "/prometheus").body();
        }
        assertThat(metrics)
                .contains("sendline_messages_sent_total{channel=\"simulator\"}")
                .contains("sendline_dispatch_lateness_seconds_bucket{le=")
                .contains("sendline_sessions_hot")
                .contains("sendline_queue_depth");
    }

    @Test
    void a_callers_request_id_is_returned_and_lands_on_the_log_line_of_that_request() {
        Logger access = (Logger) LoggerFactory.getLogger("sendline.access");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        access.addAppender(captured);
        try {
            HttpResponse<String> response = Http.get(url, "/api/v1/branding", "X-Request-Id", "trace-42.a");

            assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-42.a");
            assertThat(captured.list).anySatisfy(e -> {
                assertThat(e.getFormattedMessage()).startsWith("GET /api/v1/branding 200");
                assertThat(e.getMDCPropertyMap()).containsEntry("requestId", "trace-42.a");
            });
        } finally {
            access.detachAppender(captured);
        }
    }

    @Test
    void without_a_sane_request_id_the_server_makes_one_up() {
        String made = Http.get(url, "/health").headers().firstValue("X-Request-Id").orElseThrow();
        String replaced = Http.get(url, "/health", "X-Request-Id", "x".repeat(300))
                .headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(made).matches("[0-9a-f]{24}");
        assertThat(replaced).matches("[0-9a-f]{24}");
    }

    @Test
    void an_unknown_route_is_a_problem_document_with_a_stable_code() {
        HttpResponse<String> response = Http.get(url, "/api/v1/nothing-here", "X-Request-Id", "r-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"").contains("\"status\":404")
                .contains("\"requestId\":\"r-404\"");
    }

    @Test
    void a_wrong_method_is_a_405_problem_not_a_500() {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(url.resolve("/api/v1/branding"))
                .DELETE().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }

    @Test
    void the_host_name_picks_the_resellers_branding() {
        HttpResponse<String> demo = Http.get(url, "/api/v1/branding");

        assertThat(demo.statusCode()).isEqualTo(200);
        assertThat(demo.body()).contains("\"reseller\":\"acme\"").contains("\"displayName\":\"Acme Messaging\"")
                .contains("\"primaryColour\":\"#0f766e\"");
    }

    @Test
    void an_unknown_host_is_404_unknown_host_and_a_malformed_one_is_400() {
        HttpResponse<String> unknown = Http.get(url, "/api/v1/branding", "X-Forwarded-Host", "ignored.example");
        assertThat(unknown.statusCode()).isEqualTo(200); // forwarded headers are not trusted for tenancy

        // java.net.http refuses to set Host; speak HTTP/1.1 by hand for these two.
        assertThat(rawGet("nobody.example")).startsWith("HTTP/1.1 404").contains("\"code\":\"UNKNOWN_HOST\"");
        assertThat(rawGet("bad_host!")).startsWith("HTTP/1.1 400").contains("\"code\":\"INVALID_HOST\"");
    }

    private String rawGet(String host) {
        try (var socket = new java.net.Socket("127.0.0.1", url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/branding HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_demo_was_seeded_once_with_a_working_login_per_role() {
        SeedDemo.DemoTenancy demo = app.seededNow().orElseThrow();
        Users users = app.context().getBean(Users.class);
        PasswordHasher hasher = app.context().getBean(PasswordHasher.class);

        assertThat(demo.logins()).extracting(SeedDemo.Login::role)
                .containsExactly(Role.OPERATOR, Role.RESELLER_ADMIN, Role.BUSINESS_USER);
        for (SeedDemo.Login login : demo.logins()) {
            var user = users.findByEmail(new EmailAddress(login.email())).orElseThrow();
            assertThat(user.role()).isEqualTo(login.role());
            assertThat(hasher.matches(login.password().toCharArray(), user.passwordHash())).isTrue();
            assertThat(user.passwordHash().encoded()).doesNotContain(login.password());
        }
        assertThat(app.context().getBean(SeedDemo.class).seedIfEmpty()).as("second run does nothing").isEmpty();
        assertThat(users.count()).isEqualTo(3);
    }
}
