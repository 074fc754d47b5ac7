package com.sendline.application.apiaccess;

import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeySecret;
import com.sendline.domain.apiaccess.ApiKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A partner presents an API key to get a token: the key must exist, match its stored hash and not be revoked.
 * Every failure looks the same to the caller, so a guess learns nothing about which part was wrong.
 */
public final class AuthenticateApiKey {
    /** Last-used is a hint for the owner, not an audit log: written at most this often per key. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeys keys;
    private final Clock clock;

    public AuthenticateApiKey(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the key the presented text stands for, or empty when it is not a live key */
    public Optional<ApiKey> authenticate(String presented) {
        ApiKeySecret secret;
        try {
            secret = ApiKeySecret.parse(presented == null ? "" : presented);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.byPrefix(secret.prefix())
                .filter(k -> secret.matches(k.secretHash()))
                .filter(k -> !k.isRevoked());
        key.ifPresent(k -> {
            var now = clock.instant();
            if (k.lastUsedAt() == null || k.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
                keys.used(k.id(), now);
            }
        });
        return key;
    }
}
