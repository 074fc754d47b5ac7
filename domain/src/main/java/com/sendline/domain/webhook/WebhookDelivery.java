package com.sendline.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one subscription, as the partner sees it in the deliveries list.
 *
 * @param data           the event's {@code data} object as JSON, written when the event happened
 * @param lastStatusCode the receiver's HTTP status on the last try; null when it never answered
 * @param nextAttemptAt  when the next try is due; null once delivered or dead
 */
public record WebhookDelivery(WebhookDeliveryId id, WebhookSubscriptionId subscription, WebhookEvent event,
                              String data, DeliveryStatus status, int attempts, Integer lastStatusCode,
                              String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {
    public WebhookDelivery {
        Objects.requireNonNull(id, "delivery id");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "created at");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        if ((status == DeliveryStatus.DELIVERED) != (deliveredAt != null)) {
            throw new IllegalArgumentException("a delivered delivery, and only one, has a delivered time");
        }
    }
}
