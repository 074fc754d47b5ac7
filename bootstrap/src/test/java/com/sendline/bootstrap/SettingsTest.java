package com.sendline.bootstrap;

import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.bootstrap.config.Settings;
import com.sendline.domain.sharding.ShardRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @Test
    void with_nothing_set_every_default_suits_a_tier_one_vps_and_services_are_embedded() {
        Settings s = Settings.from(Map.of());

        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.databaseUrl()).isEmpty();
        assertThat(s.redisQueueUrl()).isEmpty();
        assertThat(s.dbMaxOpenConns()).isEqualTo(25);
        assertThat(s.dbQueryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.workerShardRange()).isEqualTo(ShardRange.ALL);
        assertThat(s.seedDemo()).isTrue();
        assertThat(s.realtimeCloseTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.dataDir().toString()).endsWith("data");
        assertThat(s.logFormat()).isEqualTo("json");
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.engine().webConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.engine().webSendTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.engine().webPairingTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Settings.from(Map.of("WEB_PAIRING_TIMEOUT", "2m")).engine().webPairingTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(Settings.from(Map.of("LOG_FORMAT", "TEXT", "LOG_LEVEL", "warn")).logLevel()).isEqualTo("WARN");
        assertThat(s.api().tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(s.api().jwtSecret()).isEmpty();
        assertThat(s.api().tokenRequestsPerMinute()).isEqualTo(60);
        assertThat(s.api().clientAddressHeader()).as("the connection's own address unless a proxy is named").isEmpty();
        assertThat(Settings.from(Map.of("JWT_SECRET", "x".repeat(40))).api().toString()).doesNotContain("xxxx");
    }

    @Test
    void redis_url_feeds_both_clients_unless_each_is_set_on_its_own() {
        Settings one = Settings.from(Map.of("DATABASE_URL", "postgres://h/db", "REDIS_URL", "redis://r:6379"));
        assertThat(one.redisQueueUrl()).contains("redis://r:6379");
        assertThat(one.redisCacheUrl()).contains("redis://r:6379");
        assertThat(one.seedDemo()).as("no demo data in a real deployment unless asked").isFalse();

        Settings split = Settings.from(Map.of("DATABASE_URL", "postgres://h/db", "REDIS_URL", "redis://r:6379",
                "REDIS_CACHE_URL", "redis://cache:6380"));
        assertThat(split.redisQueueUrl()).contains("redis://r:6379");
        assertThat(split.redisCacheUrl()).contains("redis://cache:6380");
    }

    @Test
    void tier_four_knobs_are_read() {
        Settings s = Settings.from(Map.of("DATABASE_URL", "postgres://u:p@primary/db",
                "DATABASE_REPLICA_URL", "postgres://u:p@replica/db", "DB_MAX_OPEN_CONNS", "120",
                "REDIS_QUEUE_URL", "redis://q:6379", "REDIS_CACHE_URL", "redis://c:6379",
                "WORKER_SHARD_RANGE", "50-100%", "DB_QUERY_TIMEOUT", "2500ms", "PORT", "0"));

        assertThat(s.dbMaxOpenConns()).isEqualTo(120);
        assertThat(s.dbReplicaMaxOpenConns()).isEqualTo(120);
        assertThat(s.databaseReplicaUrl()).isPresent();
        assertThat(s.workerShardRange()).isEqualTo(new ShardRange(50, 100));
        assertThat(s.dbQueryTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.port()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "DB_MAX_OPEN_CONNS|-1|DB_MAX_OPEN_CONNS must be a positive whole number (got \"-1\")",
            "DB_MAX_OPEN_CONNS|many|DB_MAX_OPEN_CONNS must be a positive whole number",
            "WORKER_SHARD_RANGE|0-150%|WORKER_SHARD_RANGE must lie within 0-100% and not be empty, like 0-50% or 50-100% (got \"0-150%\")",
            "WORKER_SHARD_RANGE|60-40%|WORKER_SHARD_RANGE must lie within 0-100%",
            "WORKER_SHARD_RANGE|half|WORKER_SHARD_RANGE must be whole percents like 0-50% or 50-100% (got \"half\")",
            "DATABASE_URL|mysql://h/db|DATABASE_URL must start with postgres://",
            "DATABASE_URL|postgres://h|DATABASE_URL names no database",
            "REDIS_URL|http://r|REDIS_URL must start with redis://",
            "PORT|70000|PORT must be a port number between 0 and 65535",
            "DB_QUERY_TIMEOUT|soon|DB_QUERY_TIMEOUT must be a duration such as 500ms, 5s, 2m or 7d",
            "DB_QUERY_TIMEOUT|10ms|DB_QUERY_TIMEOUT must be at least 100ms",
            "SEED_DEMO|perhaps|SEED_DEMO must be true or false",
            "LOG_FORMAT|xml|LOG_FORMAT must be json or text",
            "LOG_LEVEL|loud|LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR (got \"LOUD\")",
            "REDIS_KEY_PREFIX|a b|REDIS_KEY_PREFIX may hold only",
            "WEB_PAIRING_TIMEOUT|5s|WEB_PAIRING_TIMEOUT must be at least 10000ms",
            "WEB_SEND_TIMEOUT|fast|WEB_SEND_TIMEOUT must be a duration",
            "JWT_SECRET|too-short|JWT_SECRET must be at least 32 characters",
            "SENDLINE_MASTER_KEY|not base64!|SENDLINE_MASTER_KEY is not Base64",
            "SENDLINE_MASTER_KEY|eyJhIjoxfQ==|SENDLINE_MASTER_KEY is not a Tink keyset in JSON",
            "API_TOKEN_TTL|30s|API_TOKEN_TTL must be at least",
            "API_TOKEN_TTL|48h|API_TOKEN_TTL may be at most 24h",
            "API_RATE_LIMIT|0|API_RATE_LIMIT must be a positive whole number",
            "API_RATE_BURST|lots|API_RATE_BURST must be a positive whole number",
            "API_TOKEN_REQUESTS_PER_MINUTE|0|API_TOKEN_REQUESTS_PER_MINUTE must be a positive whole number",
            "CLIENT_ADDRESS_HEADER|X-Forwarded-For: 1.2.3.4|CLIENT_ADDRESS_HEADER must be a header name",
            "WEBHOOK_PRIVATE_TARGETS|sometimes|WEBHOOK_PRIVATE_TARGETS must be allow or refuse",
            "RETENTION_WEBHOOK_EVENTS|6d|RETENTION_WEBHOOK_EVENTS must be at least",
            "RETENTION_WEBHOOK_DELIVERIES|10m|RETENTION_WEBHOOK_DELIVERIES must be at least",
    })
    void a_bad_value_fails_with_one_line_that_names_the_variable(String name, String value, String expected) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);

        assertThatThrownBy(() -> Settings.from(env))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith(name)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_master_key_is_a_base64_tink_keyset_with_an_aes_256_gcm_primary_and_is_never_printed() throws Exception {
        String keyset = com.sendline.adapters.crypto.TinkSecretSealer.newKeysetJson();
        String encoded = java.util.Base64.getEncoder().encodeToString(keyset.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(Settings.from(Map.of()).secrets().masterKeyJson()).as("unset: from the data directory").isEmpty();
        Settings s = Settings.from(Map.of("SENDLINE_MASTER_KEY", encoded));
        assertThat(s.secrets().masterKeyJson()).contains(keyset);
        assertThat(s.toString()).doesNotContain(keyset).doesNotContain(encoded).contains("masterKey set");
        // Wrapped as base64 writes it without -w0.
        assertThat(Settings.from(Map.of("SENDLINE_MASTER_KEY", encoded.replaceAll("(.{76})", "$1\n")))
                .secrets().masterKeyJson()).contains(keyset);

        String aes128 = com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
                com.google.crypto.tink.KeysetHandle.generateNew(
                        com.google.crypto.tink.aead.PredefinedAeadParameters.AES128_GCM),
                com.google.crypto.tink.InsecureSecretKeyAccess.get());
        String aes128Encoded = java.util.Base64.getEncoder().encodeToString(aes128.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Settings.from(Map.of("SENDLINE_MASTER_KEY", aes128Encoded)))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith("SENDLINE_MASTER_KEY must have an AES256_GCM primary key")
                .hasMessageContaining("tinkey create-keyset")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(aes128Encoded).doesNotContain("keyValue"));
    }

    @Test
    void a_password_in_a_bad_url_is_never_echoed() {
        assertThatThrownBy(() -> Settings.from(Map.of("DATABASE_URL", "postgres://u:hunter2@/db")))
                .isInstanceOf(ConfigurationError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void half_a_redis_split_or_a_replica_without_a_primary_is_refused() {
        assertThatThrownBy(() -> Settings.from(Map.of("REDIS_QUEUE_URL", "redis://q")))
                .hasMessageStartingWith("REDIS_CACHE_URL is not set");
        assertThatThrownBy(() -> Settings.from(Map.of("DATABASE_REPLICA_URL", "postgres://r/db")))
                .hasMessageStartingWith("DATABASE_REPLICA_URL is set but DATABASE_URL is not");
    }
}
