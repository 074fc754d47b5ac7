package com.sendline.domain.inbound;

import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * WhatsApp's word on a message we sent: sent, delivered, read or failed. Each status of a message is a separate
 * event, so the key is the provider's id plus the status.
 *
 * @param callbackId our own message id when the provider echoed it back (Meta's {@code biz_opaque_callback_data})
 * @param error      the provider's reason, for a failure
 */
public record DeliveryReceipt(String providerMessageId, Optional<MessageId> callbackId, MessageStatus status,
                              Instant at, String error) implements InboundPayload {
    private static final EnumSet<MessageStatus> REPORTED = EnumSet.of(MessageStatus.SENT, MessageStatus.DELIVERED,
            MessageStatus.READ, MessageStatus.FAILED);

    public DeliveryReceipt {
        providerMessageId = IncomingMessage.requireProviderId(providerMessageId);
        Objects.requireNonNull(callbackId, "callback id");
        Objects.requireNonNull(at, "instant");
        if (status == null || !REPORTED.contains(status)) {
            throw new IllegalArgumentException("a receipt reports sent, delivered, read or failed, not " + status);
        }
        if (error != null && error.length() > 1_000) {
            error = error.substring(0, 1_000);
        }
    }

    @Override
    public String idempotencyKey() {
        return "status:" + providerMessageId + ":" + status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
