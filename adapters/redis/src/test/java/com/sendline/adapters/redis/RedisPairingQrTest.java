package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.PairingStatus;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RedisPairingQrTest {
    private final RedisClient client = RedisConnections.open(
            RedisConnections.parse(TestServices.endpoints().redisUrl(), Duration.ofSeconds(2)), Duration.ofSeconds(2));
    private final String prefix = "test-" + UUID.randomUUID() + ":";

    @AfterEach
    void close() {
        client.shutdown();
    }

    @Test
    void a_status_published_by_one_instance_is_read_by_another_until_forgotten() {
        DeviceId device = new DeviceId(UUID.randomUUID());
        Instant at = Instant.parse("2026-11-23T00:10:00.123Z");
        try (var pairingInstance = new RedisPairingQr(client, prefix);
             var otherInstance = new RedisPairingQr(client, prefix)) {
            assertThat(otherInstance.latest(device)).isEmpty();

            pairingInstance.publish(device, new PairingStatus(PairingStatus.Stage.SHOW_QR, "2@abc,def\u00e9", at, null));
            assertThat(otherInstance.latest(device)).contains(
                    new PairingStatus(PairingStatus.Stage.SHOW_QR, "2@abc,def\u00e9", at, null));

            pairingInstance.publish(device, new PairingStatus(PairingStatus.Stage.EXPIRED, null, at.plusSeconds(60),
                    "no scan within 60 s"));
            assertThat(otherInstance.latest(device)).get().satisfies(s -> {
                assertThat(s.stage()).isEqualTo(PairingStatus.Stage.EXPIRED);
                assertThat(s.qrPayload()).isNull();
                assertThat(s.detail()).isEqualTo("no scan within 60 s");
            });
            long ttl = client.connect().sync().pttl(prefix + "pairing:{" + device + "}");
            assertThat(ttl).isPositive().isLessThanOrEqualTo(RedisPairingQr.KEPT_FOR.toMillis());

            otherInstance.forget(device);
            assertThat(pairingInstance.latest(device)).isEmpty();
        }
    }
}
