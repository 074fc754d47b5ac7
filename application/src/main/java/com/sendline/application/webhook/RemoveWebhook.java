package com.sendline.application.webhook;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookSubscriptionId;
import com.sendline.domain.webhook.WebhookSubscriptions;

/** A business stops a subscription; its pending deliveries are dropped with it. */
public final class RemoveWebhook {
    private final WebhookSubscriptions subscriptions;

    public RemoveWebhook(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** @return false when the business has no such subscription */
    public boolean remove(BusinessId business, WebhookSubscriptionId id) {
        return subscriptions.remove(business, id);
    }
}
