package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of a webhook subscription. */
public record WebhookSubscriptionId(UUID value) {
    public WebhookSubscriptionId {
        Objects.requireNonNull(value, "webhook id");
    }

    public static WebhookSubscriptionId random() {
        return new WebhookSubscriptionId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static WebhookSubscriptionId parse(String text) {
        return new WebhookSubscriptionId(Ids.parse(text, "webhook id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
