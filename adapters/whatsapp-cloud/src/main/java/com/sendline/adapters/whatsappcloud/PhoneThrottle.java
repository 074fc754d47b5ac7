package com.sendline.adapters.whatsappcloud;

import java.time.Duration;

/** Paces the sends of each phone number so that Meta's per-number throughput limit is not hit. */
public interface PhoneThrottle {

    /**
     * Waits until this number may make one more call to Meta.
     *
     * @return how long it waited
     * @throws ThrottleRefused when the wait would be too long, or the throttle cannot be asked
     */
    Duration acquire(String phoneNumberId) throws ThrottleRefused, InterruptedException;

    /** Never waits: for tests, or where Meta's own limit is the only guard. */
    static PhoneThrottle unlimited() {
        return phoneNumberId -> Duration.ZERO;
    }
}
