package com.sendline.application.webhook;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookDeliveryId;
import com.sendline.domain.webhook.WebhookSubscriptionId;

import java.time.Clock;

/** A business asks for a delivery again — delivered, failing or dead — with a fresh count of tries. */
public final class RedeliverWebhook {
    private final WebhookDeliveries deliveries;
    private final Runnable wake;
    private final Clock clock;

    /** @param wake tells this instance's delivery loop to look now rather than at its next poll */
    public RedeliverWebhook(WebhookDeliveries deliveries, Runnable wake, Clock clock) {
        this.deliveries = deliveries;
        this.wake = wake;
        this.clock = clock;
    }

    /** @return false when the business's subscription has no such delivery */
    public boolean redeliver(BusinessId business, WebhookSubscriptionId subscription, WebhookDeliveryId delivery) {
        boolean queued = deliveries.redeliver(business, subscription, delivery, clock.instant());
        if (queued) {
            wake.run();
        }
        return queued;
    }
}
