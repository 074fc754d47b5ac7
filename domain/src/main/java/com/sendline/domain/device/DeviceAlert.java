package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.Objects;

/**
 * Something about a device its owner must hear of: WhatsApp stopped a number from sending, a session was logged
 * out. Kept, so the dashboard and the partner API can show it, and outbound webhooks can relay it.
 *
 * @param code    stable, upper-case: {@code NUMBER_PAUSED}, …
 * @param reason  the channel's own code behind it ({@code GRAPH_131048}), if any
 * @param message a sentence for a person; never a secret
 */
public record DeviceAlert(BusinessId business, DeviceId device, String code, String reason, String message,
                          Instant raisedAt) {
    public DeviceAlert {
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(raisedAt, "raised at");
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,63}")) {
            throw new IllegalArgumentException("alert code must be UPPER_SNAKE_CASE: " + code);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("an alert needs a message");
        }
        if (message.length() > 1_000) {
            message = message.substring(0, 1_000);
        }
    }
}
