package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A business's webhook subscriptions; every read names the business, so another tenant's id finds nothing. */
public interface WebhookSubscriptions {
    /** Keeps the subscription and the secret its deliveries are signed with. */
    void add(WebhookSubscription subscription, WebhookSecret secret);

    Optional<WebhookSubscription> find(BusinessId business, WebhookSubscriptionId id);

    /**
     * The subscription's signing secret, opened. Only for answering a retried create whose first answer was lost
     * (the instance died after storing the subscription): the partner never saw the secret, and it is shown once.
     */
    Optional<WebhookSecret> secret(BusinessId business, WebhookSubscriptionId id);

    /**
     * Newest first, at most {@code limit}; with a position, only those after it in that order.
     *
     * @param after the (createdAt, id) of the last subscription already seen, or null for the first page
     */
    List<WebhookSubscription> list(BusinessId business, Position after, int limit);

    /** @return false when the business has no such subscription; its deliveries go with it */
    boolean remove(BusinessId business, WebhookSubscriptionId id);

    /** Where a newest-first list stopped. */
    record Position(Instant createdAt, java.util.UUID id) {
    }
}
