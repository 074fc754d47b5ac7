package com.sendline.application.webhook;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookSecret;
import com.sendline.domain.webhook.WebhookSubscription;
import com.sendline.domain.webhook.WebhookSubscriptionId;
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
        return store(WebhookSubscription.create(business, url, events, description, clock.instant()));
    }

    /**
     * As {@link #subscribe(BusinessId, String, List, String)}, under an id chosen beforehand: subscribing again under
     * an id the business already has returns that subscription and its secret, and subscribes nothing (a retried
     * request whose first run stored it but died before answering — a second subscription would get every event
     * twice).
     */
    public Created subscribe(BusinessId business, String url, List<String> events, String description,
                             WebhookSubscriptionId id) {
        WebhookSubscription wanted = WebhookSubscription.create(business, url, events, description, clock.instant())
                .withId(id);
        return subscriptions.find(business, id)
                .flatMap(existing -> subscriptions.secret(business, id).map(secret -> new Created(existing, secret)))
                .orElseGet(() -> store(wanted));
    }

    private Created store(WebhookSubscription subscription) {
        WebhookSecret secret = WebhookSecret.generate();
        subscriptions.add(subscription, secret);
        return new Created(subscription, secret);
    }
}
