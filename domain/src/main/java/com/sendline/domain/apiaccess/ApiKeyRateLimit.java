package com.sendline.domain.apiaccess;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How many calls an API key may make, shared by every instance: a steady rate with room for a short burst. One
 * partner's runaway loop then slows only that partner.
 */
public interface ApiKeyRateLimit {
    /**
     * Counts one call by the key, without blocking the caller. @return {@link Duration#ZERO} when the call may go
     * ahead, otherwise how long the caller should wait before the next call would be admitted
     */
    CompletionStage<Duration> admit(ApiKeyId key);
}
