package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * WhatsApp's customer-service window: for 24 hours after a customer last wrote to a business's number, the business
 * may answer with free-form messages; outside it only approved templates go through.
 */
public record CustomerServiceWindow(DeviceId device, PhoneNumber contact, Instant lastInboundAt) {
    public static final Duration LENGTH = Duration.ofHours(24);
    /** The refusal code when a free-form message would go out with the window closed. */
    public static final String CLOSED_CODE = "OUTSIDE_CUSTOMER_SERVICE_WINDOW";

    public CustomerServiceWindow {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(lastInboundAt, "last inbound instant");
    }

    public Instant closesAt() {
        return lastInboundAt.plus(LENGTH);
    }

    public boolean isOpenAt(Instant when) {
        return when.isBefore(closesAt());
    }
}
