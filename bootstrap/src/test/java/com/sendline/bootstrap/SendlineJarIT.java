package com.sendline.bootstrap;

import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar as an operator runs it: started, probed, stopped with SIGTERM, misconfigured. */
class SendlineJarIT {

    @Test
    void with_nothing_set_it_runs_on_embedded_services_keeps_its_data_and_exits_0_on_sigterm(@TempDir Path work)
            throws Exception {
        Path data = work.resolve("data");
        Map<String, String> env = Map.of("SENDLINE_DATA_DIR", data.toString(), "LOG_FORMAT", "text");
        String businessId;
        try (JarProcess first = JarProcess.start(work.resolve("first"), env)) {
            long readyMs = first.awaitReady(30_000);
            System.out.println("embedded default ready in " + readyMs + " ms (first start)");

            String readiness = Http.get(first.url(), "/health/readiness").body();
            assertThat(readiness).contains("\"postgres\":{\"status\":\"UP\"").contains("\"redis-queue\":{\"status\":\"UP\"")
                    .contains("\"redis-cache\":{\"status\":\"UP\"");
            assertThat(Http.get(first.url(), "/prometheus").body()).contains("jvm_memory_used_bytes");

            Path credentials = data.resolve("demo-credentials.json");
            assertThat(credentials).exists();
            assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String json = Files.readString(credentials);
            assertThat(json).contains("\"role\":\"operator\"").contains("\"role\":\"reseller_admin\"")
                    .contains("\"role\":\"business_user\"").contains("\"deviceId\"").contains("\"url\":\"http://localhost:");
            businessId = json.replaceAll(".*\"businessId\":\"([0-9a-f-]{36})\".*", "$1");
            assertThat(first.stdout()).contains("Sendline is up at http://localhost:" + first.port)
                    .contains("operator@sendline.local").contains(businessId);

            assertThat(first.terminate(30)).isZero();
            assertThat(first.stdout()).contains("Drained in");
        }
        String credentialsBefore = Files.readString(data.resolve("demo-credentials.json"));

        try (JarProcess second = JarProcess.start(work.resolve("second"), env)) {
            long readyMs = second.awaitReady(30_000);
            System.out.println("embedded default ready in " + readyMs + " ms (restart)");

            assertThat(Http.get(second.url(), "/api/v1/branding").body()).contains("\"reseller\":\"acme\"");
            assertThat(Files.readString(data.resolve("demo-credentials.json"))).isEqualTo(credentialsBefore);
            assertThat(second.stdout()).contains(businessId).contains("(password in the file)")
                    .contains("0 migration(s) applied now");
            assertThat(second.terminate(30)).isZero();
        }
    }

    @Test
    void sigterm_turns_readiness_down_tells_realtime_clients_to_reconnect_and_exits_0(@TempDir Path work)
            throws Exception {
        try (TestDatabase db = TestServices.freshDatabase(); TestRedis redis = TestServices.freshRedis();
             JarProcess app = JarProcess.start(work, Map.of("DATABASE_URL", db.jdbcUrl(), "REDIS_URL", redis.url(),
                     "REDIS_KEY_PREFIX", redis.prefix(), "SENDLINE_DATA_DIR", work.resolve("data").toString(),
                     "DRAIN_DELAY", "2s"))) {
            app.awaitReady(30_000);
            assertThat(app.stdout()).as("no demo data unless asked when URLs are set").doesNotContain("Demo logins");
            BlockingQueue<String> sse = Http.stream(app.url(), "/events/status");
            assertThat(sse.poll(10, TimeUnit.SECONDS)).isEqualTo("<status 200>");
            assertThat(sse.poll(10, TimeUnit.SECONDS)).isEqualTo("event: status");

            app.sigterm();

            // DRAIN_DELAY keeps the instance answering while readiness tells the load balancer to move on.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            var readiness = Http.get(app.url(), "/health/readiness");
            while (readiness.statusCode() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                readiness = Http.get(app.url(), "/health/readiness");
            }
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"draining\":true");

            String line;
            do {
                line = sse.poll(10, TimeUnit.SECONDS);
            } while (line != null && !line.equals("event: draining"));
            assertThat(line).as("realtime client told to reconnect").isEqualTo("event: draining");

            assertThat(app.awaitExit(30)).isZero();
            assertThat(app.stdout()).contains("Draining: readiness is DOWN").contains("everything finished");
        }
    }

    @Test
    void after_a_kill_9_the_next_start_says_the_old_embedded_postgres_still_holds_the_data(@TempDir Path work)
            throws Exception {
        Map<String, String> env = Map.of("SENDLINE_DATA_DIR", work.resolve("data").toString());
        java.util.List<ProcessHandle> orphans;
        try (JarProcess first = JarProcess.start(work.resolve("first"), env)) {
            first.awaitReady(30_000);
            orphans = first.children();
            first.kill9();
        }
        try {
            String line = assertFailsFast(work.resolve("second"), env, 1, "an embedded PostgreSQL (pid ");
            // Do what the message says. (pg_ctl daemonises PostgreSQL, so it is not among the jar's children.)
            long pid = Long.parseLong(line.replaceAll(".*\\(pid (\\d+)\\).*", "$1"));
            orphans = new java.util.ArrayList<>(orphans);
            ProcessHandle.of(pid).ifPresent(orphans::add);
        } finally {
            orphans.forEach(ProcessHandle::destroy);
            for (ProcessHandle orphan : orphans) {
                orphan.onExit().get(20, TimeUnit.SECONDS);
            }
        }
        try (JarProcess third = JarProcess.start(work.resolve("third"), env)) {
            third.awaitReady(30_000);
            assertThat(third.terminate(30)).as("starts normally once the orphans are gone").isZero();
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "DB_MAX_OPEN_CONNS|-1|2|DB_MAX_OPEN_CONNS must be a positive whole number",
            "WORKER_SHARD_RANGE|0-150%|2|WORKER_SHARD_RANGE must lie within 0-100%",
            "DATABASE_URL|mysql://127.0.0.1/x|2|DATABASE_URL must start with postgres://",
            "DATABASE_URL|postgres://postgres@127.0.0.1:1/x|1|DATABASE_URL: cannot connect to jdbc:postgresql://127.0.0.1:1/x",
    })
    void bad_configuration_fails_fast_with_one_line_naming_the_variable(String name, String value, int exitCode,
                                                                         String message, @TempDir Path work)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SENDLINE_DATA_DIR", work.resolve("data").toString());
        env.put("REDIS_URL", TestServices.endpoints().redisUrl());
        env.put(name, value);
        if (!name.equals("DATABASE_URL")) {
            env.put("DATABASE_URL", TestServices.endpoints().jdbcUrl());
        }
        assertFailsFast(work, env, exitCode, message);
    }

    @Test
    void an_unreachable_redis_fails_fast_naming_the_variable(@TempDir Path work) throws Exception {
        assertFailsFast(work, Map.of("DATABASE_URL", TestServices.endpoints().jdbcUrl(),
                        "REDIS_URL", "redis://127.0.0.1:1", "SENDLINE_DATA_DIR", work.resolve("data").toString()),
                1, "REDIS_QUEUE_URL (or REDIS_URL): cannot connect to Redis at 127.0.0.1:1");
    }

    /** @return the one line printed on stderr */
    private static String assertFailsFast(Path work, Map<String, String> env, int exitCode, String message)
            throws Exception {
        try (JarProcess app = JarProcess.start(work, env)) {
            assertThat(app.awaitExit(30)).isEqualTo(exitCode);
            String stderr = app.stderr();
            var lines = stderr.lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("sendline: ").contains(message));
            assertThat(app.stdout() + stderr).doesNotContain("\tat ").doesNotContain("Exception");
            return lines.get(0);
        }
    }
}
