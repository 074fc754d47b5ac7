package com.sendline.bootstrap;

import com.sendline.adapters.postgres.Database;
import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrading an installation: secrets stored in the clear before V10 are sealed by the next start and keep working;
 * an instance with another key refuses to start instead of sealing what the others cannot open; sharing the key
 * through SENDLINE_MASTER_KEY lets a second instance in.
 */
class SealedSecretsStartupTest {
    private static final String LEGACY = "whsec_legacyLegacyLegacy0123456789";
    private static final Map<String, String> NO_WORKER = Map.of("WORKER_ENABLED", "false");

    private final TestDatabase db = TestServices.freshDatabase();
    private final TestRedis redis = TestServices.freshRedis();
    private SendlineApplication app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        redis.close();
        db.close();
    }

    @Test
    void legacy_secrets_are_sealed_at_start_up_and_only_the_installations_key_starts(@TempDir Path dataA,
                                                                                    @TempDir Path dataB)
            throws Exception {
        app = TestInstances.start(db, redis, dataA, NO_WORKER);
        BusinessId business = app.seededNow().orElseThrow().businessId();
        UUID subscription = UUID.randomUUID();
        database().write().update("""
                insert into webhook_subscriptions (id, business_id, url, events, secret, created_at)
                values (?, ?, 'https://partner.example/hooks', '{message.sent}', ?, now())
                """, ps -> {
            ps.setObject(1, subscription);
            ps.setObject(2, business.value());
            ps.setString(3, LEGACY);
        });
        app.close();

        app = TestInstances.start(db, redis, dataA, NO_WORKER);

        String raw = database().write().one("select secret from webhook_subscriptions where id = ?",
                ps -> ps.setObject(1, subscription), rs -> rs.getString(1)).orElseThrow();
        assertThat(raw).startsWith("sealed:v1:").doesNotContain("legacyLegacy");
        database().write().update("""
                insert into webhook_deliveries (id, subscription_id, business_id, event, data, next_attempt_at)
                values (gen_random_uuid(), ?, ?, 'message.sent', '{}'::jsonb, now())
                """, ps -> {
            ps.setObject(1, subscription);
            ps.setObject(2, business.value());
        });
        assertThat(app.context().getBean(WebhookDeliveries.class)
                .claimDue(Instant.now().plusSeconds(1), Duration.ofSeconds(30), 10))
                .singleElement().satisfies(d -> assertThat(d.secret().reveal()).as("signs as before").isEqualTo(LEGACY));
        app.close();
        app = null;

        assertThatThrownBy(() -> TestInstances.start(db, redis, dataB, NO_WORKER))
                .as("another data directory made another key")
                .isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith("SENDLINE_MASTER_KEY")
                .hasMessageContaining("does not open the secrets already in the database");

        String shared = Base64.getEncoder().encodeToString(Files.readAllBytes(dataA.resolve("master-key.json")));
        app = TestInstances.start(db, redis, dataB, Map.of("WORKER_ENABLED", "false", "SENDLINE_MASTER_KEY", shared));
        // Its own master-key.json (made by the refused start) is ignored: the variable wins.
        assertThat(app.context().getBean(WebhookDeliveries.class)
                .claimDue(Instant.now().plusSeconds(120), Duration.ofSeconds(30), 10))
                .singleElement().satisfies(d -> assertThat(d.secret().reveal()).isEqualTo(LEGACY));
    }

    private Database database() {
        return app.context().getBean(Database.class);
    }
}
