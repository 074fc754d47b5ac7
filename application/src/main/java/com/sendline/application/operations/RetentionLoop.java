package com.sendline.application.operations;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.inbound.InboundEvents;
import com.sendline.domain.webhook.WebhookDeliveries;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets what no longer needs keeping, so tables that grow with traffic stop growing: Meta's webhook events once
 * Meta can no longer redeliver them, and partner webhook deliveries that ended long ago. Deletes in small batches
 * (short locks, little WAL at once) and at most {@link #MAX_BATCHES_PER_TICK} of them per tick, so a first run on a
 * large backlog spreads over several ticks. Every worker instance runs it; racing deletes are harmless.
 */
public final class RetentionLoop extends PeriodicLoop {
    private static final System.Logger LOG = System.getLogger(RetentionLoop.class.getName());
    static final int BATCH = 5_000;
    static final int MAX_BATCHES_PER_TICK = 20;
    private final InboundEvents inbound;
    private final WebhookDeliveries deliveries;
    private final Retention keep;
    private final Clock clock;

    /**
     * How long records are kept.
     *
     * @param inboundEvents     Meta's webhook events, after processing; Meta redelivers for up to 7 days, so less
     *                          than that would let a late redelivery be processed twice
     * @param webhookDeliveries partner webhook deliveries that were delivered or dead-lettered
     */
    public record Retention(Duration inboundEvents, Duration webhookDeliveries) {
        public static final Duration META_REDELIVERY_HORIZON = Duration.ofDays(7);

        public Retention {
            if (inboundEvents.compareTo(META_REDELIVERY_HORIZON) <= 0) {
                throw new IllegalArgumentException("webhook events must be kept longer than Meta's 7-day redelivery"
                        + " horizon");
            }
            if (webhookDeliveries.isNegative() || webhookDeliveries.isZero()) {
                throw new IllegalArgumentException("webhook deliveries must be kept for a positive time");
            }
        }
    }

    public RetentionLoop(InboundEvents inbound, WebhookDeliveries deliveries, Retention keep, Clock clock,
                         Duration interval) {
        super("retention", interval);
        this.inbound = inbound;
        this.deliveries = deliveries;
        this.keep = keep;
        this.clock = clock;
    }

    @Override
    protected void tick() {
        var now = clock.instant();
        int events = drain(() -> inbound.forgetProcessedBefore(now.minus(keep.inboundEvents()), BATCH));
        int sent = drain(() -> deliveries.forgetFinishedBefore(now.minus(keep.webhookDeliveries()), BATCH));
        if (events + sent > 0) {
            LOG.log(System.Logger.Level.INFO, "Retention: forgot " + events + " webhook event(s) and " + sent
                    + " webhook delivery(ies)");
        }
    }

    private static int drain(java.util.function.IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }
}
