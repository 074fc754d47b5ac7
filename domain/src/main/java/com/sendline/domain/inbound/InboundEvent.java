package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.util.Objects;

/**
 * One thing a channel told us, already attributed to the business and device it concerns.
 *
 * @param platform where it came from ({@code whatsapp-cloud}); part of the idempotency key
 */
public record InboundEvent(String platform, BusinessId business, DeviceId device, InboundPayload payload) {
    public static final String CLOUD_API = "whatsapp-cloud";

    public InboundEvent {
        if (platform == null || !platform.matches("[a-z-]{1,40}")) {
            throw new IllegalArgumentException("platform must be a short lower-case name: " + platform);
        }
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(payload, "payload");
    }

    public String idempotencyKey() {
        return payload.idempotencyKey();
    }
}
