package com.sendline.application.webhook;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookSecret;
import com.sendline.domain.webhook.WebhookSubscription;
import com.sendline.domain.webhook.WebhookSubscriptions;

import java.time.Clock;
import java.util.List;

/** A business subscribes a URL to events; the signing secret is shown this once. */
public final class SubscribeWebhook {
    private final WebhookSubscriptions subscriptions;
    private final Clock clock;

    public SubscribeWebhook(WebhookSubscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public record Created(WebhookSubscription subscription, WebhookSecret secret) {
    }

    /** @throws com.sendline.domain.webhook.InvalidWebhookSubscription naming every wrong field */
    public Created subscribe(BusinessId business, String url, List<String> events, String description) {
        WebhookSubscription subscription = WebhookSubscription.create(business, url, events, description,
                clock.instant());
        WebhookSecret secret = WebhookSecret.generate();
        subscriptions.add(subscription, secret);
        return new Created(subscription, secret);
    }
}
