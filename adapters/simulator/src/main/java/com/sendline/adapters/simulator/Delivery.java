package com.sendline.adapters.simulator;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;

import java.time.Instant;
import java.util.Objects;

/**
 * One message the simulator accepted, as a recipient's phone would have received it.
 *
 * @param calledAt when {@code send} was entered: how late the engine was is {@code calledAt} minus the due time
 * @param sentAt when {@code send} accepted the message, after the simulated latency
 */
public record Delivery(MessageId messageId, DeviceId deviceId, PhoneNumber to, MessageBody body, Instant calledAt,
                       Instant sentAt, String providerId) {
    public Delivery {
        Objects.requireNonNull(messageId, "message id");
        Objects.requireNonNull(deviceId, "device id");
        Objects.requireNonNull(to, "recipient");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(calledAt, "called at");
        Objects.requireNonNull(sentAt, "sent at");
        Objects.requireNonNull(providerId, "provider id");
    }

    public String text() {
        return body.text();
    }
}
