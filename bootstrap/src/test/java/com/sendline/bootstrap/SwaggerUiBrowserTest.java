package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI at /docs in a real headless Chromium, driven by Playwright (src/test/browser/swagger-ui.mjs): it
 * renders every partner operation from /openapi.yml, offers the bearer scheme under Authorize, and loads nothing
 * from outside the server. Skipped where Chromium, Node.js or playwright-core is missing (.ci/run installs them:
 * apt-get install chromium; npm ci --prefix bootstrap/src/test/browser).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiBrowserTest {
    private static final Path SCRIPTS = Path.of("src/test/browser");

    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private Path chromium;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (set CHROMIUM)");
        assumeTrue(runs("node", "--version"), "no Node.js on the PATH");
        assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: npm ci --prefix bootstrap/src/test/browser");
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
            redis.close();
            db.close();
        }
    }

    @Test
    void swagger_ui_renders_the_partner_operations_from_local_files_only() throws Exception {
        String base = app.url().toString().replaceAll("/$", "");

        String seen = run("node", "swagger-ui.mjs", base, chromium.toString());

        assertThat(seen).contains("\"title\":\"Sendline Partner API")
                .contains("{\"method\":\"POST\",\"path\":\"/api/v1/auth/token\",\"locked\":false}")
                .contains("{\"method\":\"GET\",\"path\":\"/api/v1/devices\",\"locked\":true}")
                .contains("{\"method\":\"GET\",\"path\":\"/api/v1/devices/{deviceId}\",\"locked\":true}")
                .contains("{\"method\":\"DELETE\",\"path\":\"/api/v1/devices/{deviceId}\",\"locked\":true}")
                .contains("{\"method\":\"GET\",\"path\":\"/api/v1/devices/{deviceId}/qr\",\"locked\":true}")
                .contains("\"foreignRequests\":[]").contains("\"failedRequests\":[]").contains("\"pageErrors\":[]")
                .containsPattern("\"authorize\":\"[^\"]*bearerAuth[^\"]*Bearer");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the browser run took over 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
