package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of one event's delivery to one subscription; receivers see it as the event id and dedupe on it. */
public record WebhookDeliveryId(UUID value) {
    public WebhookDeliveryId {
        Objects.requireNonNull(value, "delivery id");
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static WebhookDeliveryId parse(String text) {
        return new WebhookDeliveryId(Ids.parse(text, "delivery id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
