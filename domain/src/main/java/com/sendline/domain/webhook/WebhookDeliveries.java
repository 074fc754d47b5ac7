package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.BusinessId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outbox of partner events. Rows are written by the store itself in the same transaction as the change they
 * report (a message's status, an inbound message, a device's session state), one per subscription that wants the
 * event, so an event is never lost and costs nothing when nobody subscribed. This port reads them and records how
 * each try went.
 */
public interface WebhookDeliveries {
    /** A delivery leased for one try. */
    record Due(WebhookDeliveryId id, WebhookEvent event, String data, Instant createdAt, int attempt, URI url,
               WebhookSecret secret) {
    }

    /**
     * Leases up to {@code limit} deliveries whose next try is due, counting the try; rows another instance holds are
     * skipped, not waited for. A lease that is not settled in time (the instance died) makes the delivery due again.
     */
    List<Due> claimDue(Instant now, Duration lease, int limit);

    /** Deletes at most {@code limit} deliveries that ended (delivered or dead) before {@code before}. @return how many */
    int forgetFinishedBefore(Instant before, int limit);

    /** The receiver answered 2xx. Ignored when a later try of the same delivery was leased meanwhile. */
    void delivered(Due delivery, int statusCode, Instant at);

    /** The try failed; the next one is due at {@code nextAttemptAt}. */
    void failed(Due delivery, Integer statusCode, String error, Instant nextAttemptAt);

    /** The last allowed try failed: dead-lettered, kept and visible. */
    void dead(Due delivery, Integer statusCode, String error);

    /**
     * A subscription's deliveries, newest first.
     *
     * @param after the (createdAt, id) of the last delivery already seen, or null for the first page
     */
    List<WebhookDelivery> list(BusinessId business, WebhookSubscriptionId subscription,
                               WebhookSubscriptions.Position after, int limit);

    /**
     * Makes the delivery due now with a fresh count of tries, whatever its state (a dead one too).
     *
     * @return false when the business's subscription has no such delivery
     */
    boolean redeliver(BusinessId business, WebhookSubscriptionId subscription, WebhookDeliveryId delivery,
                      Instant now);
}
