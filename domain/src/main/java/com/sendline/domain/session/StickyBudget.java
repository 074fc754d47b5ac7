package com.sendline.domain.session;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Connected time a freshly linked device may stay HOT without anything to send, so the user sees it online while
 * setting up. The budget burns only while the device is HOT: a start time is kept, and the remaining time is
 * computed from it when asked — nothing counts down in the background.
 */
public interface StickyBudget {
    Duration FIRST_LINK = Duration.ofHours(24);

    /** Grants {@link #FIRST_LINK} the first time a device is linked; later links change nothing. */
    void grantOnFirstLink(BusinessId business, DeviceId device);

    void startBurning(DeviceId device, Instant now);

    void stopBurning(DeviceId device, Instant now);

    Map<DeviceId, Duration> remaining(Collection<DeviceId> devices, Instant now);

    /** Devices with budget left, most left first. */
    List<Candidate> candidates(Instant now, int limit);

    record Candidate(BusinessId business, DeviceId device, Duration remaining) {
    }
}
