package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Messages customers sent to the business's numbers. */
public interface InboundMessages {
    /**
     * Keeps the messages not already kept (by number and provider id), and moves each customer's
     * customer-service window to their latest message, in one go.
     *
     * @return the provider ids of the messages that were new
     */
    Set<String> addAll(List<Addressed> messages);

    /** A customer's message with the number it was sent to. */
    record Addressed(BusinessId business, DeviceId device, IncomingMessage message) {
        public Addressed {
            Objects.requireNonNull(business, "business");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(message, "message");
        }
    }
}
