package com.sendline.domain.session;

import com.sendline.domain.device.DeviceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which devices are waiting before they may connect again, and how many failures in a row led there. A block
 * simply expires; nothing has to remember to lift it.
 */
public interface BackoffState {
    enum Failure { CONNECT, STREAM_ERROR_515 }

    /** @return when the device may connect again, or empty when it may now */
    Optional<Instant> blockedUntil(DeviceId device, Instant now);

    /** Counts one more failure of this kind in a row. @return the count, 1 for the first */
    int recordFailure(DeviceId device, Failure kind);

    void block(DeviceId device, Duration delay);

    /** A healthy session: failures in a row start from zero again. */
    void clear(DeviceId device);
}
