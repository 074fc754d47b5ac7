package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing a channel told us, already attributed to the business and device it concerns.
 *
 * @param platform where it came from ({@code whatsapp-cloud}); part of the idempotency key
 */
public record InboundEvent(String platform, BusinessId business, DeviceId device, InboundPayload payload) {
    public static final String CLOUD_API = "whatsapp-cloud";
    /** Compiled once: every webhook event passes here (String.matches compiled it per event). */
    private static final Pattern PLATFORM = Pattern.compile("[a-z-]{1,40}");

    public InboundEvent {
        if (platform == null || !PLATFORM.matcher(platform).matches()) {
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
