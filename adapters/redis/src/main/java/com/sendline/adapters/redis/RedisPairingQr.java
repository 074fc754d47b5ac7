package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest pairing status of each device in Redis ({@code pairing:{device}}), so that whichever instance a
 * request reaches can show the QR code of a pairing another instance is running. A status outlives its pairing by
 * {@link #KEPT_FOR}, long enough for a screen to show how it ended.
 */
public final class RedisPairingQr implements PairingQr, AutoCloseable {
    static final Duration KEPT_FOR = Duration.ofMinutes(10);
    private static final String SEPARATOR = "\u001f";
    private final String prefix;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    public RedisPairingQr(RedisClient client, String keyPrefix) {
        this.prefix = keyPrefix;
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    private String key(DeviceId device) {
        return prefix + "pairing:{" + device + "}";
    }

    @Override
    public void publish(DeviceId device, PairingStatus status) {
        String value = String.join(SEPARATOR, status.stage().name(), Long.toString(status.at().toEpochMilli()),
                status.qrPayload() == null ? "" : status.qrPayload(), status.detail() == null ? "" : status.detail());
        redis.set(key(device), value, SetArgs.Builder.px(KEPT_FOR.toMillis()));
    }

    @Override
    public Optional<PairingStatus> latest(DeviceId device) {
        String value = redis.get(key(device));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(SEPARATOR, 4);
        if (parts.length != 4) {
            return Optional.empty();
        }
        PairingStatus.Stage stage = PairingStatus.Stage.valueOf(parts[0]);
        return Optional.of(new PairingStatus(stage, parts[2].isEmpty() ? null : parts[2],
                Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[3].isEmpty() ? null : parts[3]));
    }

    @Override
    public void forget(DeviceId device) {
        redis.del(key(device));
    }

    @Override
    public void close() {
        connection.close();
    }
}
