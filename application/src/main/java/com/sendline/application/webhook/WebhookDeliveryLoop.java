package com.sendline.application.webhook;

import com.sendline.application.operations.Drainable;
import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.webhook.WebhookDeliveries;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends due webhook deliveries, at most {@code concurrency} at once, each on a virtual thread of its own — never on
 * the dispatch threads, so a slow or dead receiver holds up only its own deliveries, never a message. Deliveries
 * are leased in Postgres ({@code FOR UPDATE SKIP LOCKED}), so every instance can run this loop and they share the
 * work; a lease that outlives its instance makes the delivery due again. A finished try wakes the loop, so a
 * backlog drains without waiting for the next poll.
 */
public final class WebhookDeliveryLoop extends PeriodicLoop implements Drainable {
    private static final System.Logger LOG = System.getLogger(WebhookDeliveryLoop.class.getName());
    static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    /**
     * @param concurrency deliveries in flight at once on this instance
     * @param poll        how often to look for due deliveries when nothing woke the loop
     * @param lease       how long a claimed delivery is this instance's; longer than one try can take
     */
    public record Settings(int concurrency, Duration poll, Duration lease) {
        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("webhook concurrency must be at least 1");
            }
        }
    }

    private final WebhookDeliveries deliveries;
    private final DeliverWebhook deliver;
    private final Clock clock;
    private final Settings settings;
    private final Semaphore permits;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sendline-webhook-", 0).factory());
    private volatile boolean taking = true;

    public WebhookDeliveryLoop(WebhookDeliveries deliveries, DeliverWebhook deliver, Clock clock, Settings settings) {
        super("webhook-deliveries", settings.poll());
        this.deliveries = deliveries;
        this.deliver = deliver;
        this.clock = clock;
        this.settings = settings;
        this.permits = new Semaphore(settings.concurrency());
    }

    @Override
    protected void tick() {
        while (taking) {
            int free = permits.availablePermits();
            if (free == 0) {
                return; // a finishing try wakes the loop
            }
            List<WebhookDeliveries.Due> due = deliveries.claimDue(clock.instant(), settings.lease(), free);
            for (WebhookDeliveries.Due d : due) {
                permits.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        deliver.deliver(d);
                    } catch (RuntimeException e) {
                        // The lease runs out and the delivery is tried again: nothing is lost.
                        LOG.log(System.Logger.Level.WARNING, "Webhook delivery " + d.id() + " failed to settle: " + e);
                    } finally {
                        permits.release();
                        nudge();
                    }
                });
            }
            if (due.size() < free) {
                return;
            }
        }
    }

    /** Deliveries being tried now on this instance. */
    public int inFlight() {
        return settings.concurrency() - permits.availablePermits();
    }

    @Override
    public void stopTakingWork() {
        taking = false;
    }

    /**
     * Lets running tries finish for at most {@link #DRAIN_WAIT} (a drain must not spend its whole budget on slow
     * receivers), then interrupts the rest: each is recorded as failed and tried again later, by any instance.
     */
    @Override
    public boolean awaitIdle(Duration limit) {
        taking = false;
        stop();
        senders.shutdown();
        try {
            Duration wait = limit.compareTo(DRAIN_WAIT) < 0 ? limit : DRAIN_WAIT;
            if (senders.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            senders.shutdownNow();
            return senders.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void close() {
        awaitIdle(DRAIN_WAIT);
    }
}
