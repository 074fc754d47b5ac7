package com.sendline.application.inbound;

import com.sendline.application.batching.GroupCommit;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.inbound.InboundEvent;
import com.sendline.domain.inbound.InboundEvents;
import com.sendline.domain.inbound.WebhookPayloads;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta posts a webhook: it is checked, kept, and acknowledged — nothing more. Processing (moving message statuses,
 * storing customers' messages) happens after, so Meta's call returns in milliseconds and never times out behind
 * our own work.
 *
 * <ol>
 *   <li>The signature is checked against the raw bytes before anything is read from them.</li>
 *   <li>Each item is attributed to the business owning the number in {@code metadata.phone_number_id} — and only
 *       if that number's app secret is the one that signed the body, so one Meta app cannot post events for
 *       another's numbers.</li>
 *   <li>The events are kept once per idempotency key; a redelivery is acknowledged and dropped.</li>
 *   <li>Processing gets the new events in memory (see {@link InboundLoop}).</li>
 * </ol>
 */
public final class ReceiveCloudWebhook implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceiveCloudWebhook.class.getName());

    private final CloudWebhookDirectory directory;
    private final WebhookPayloads payloads;
    private final GroupCommit<List<InboundEvent>, Integer> inbox;
    private final InboundLoop processing;
    private final Clock clock;

    /** What was done with one webhook. */
    public record Receipt(int events, int ignored) {
    }

    /**
     * @param processing this instance's processing loop: when it runs, new events are stored under its lease and
     *                   handed to it in memory; when it does not (WORKER_ENABLED=false), they are stored due at once
     *                   and a worker's sweep takes them
     */
    public ReceiveCloudWebhook(CloudWebhookDirectory directory, WebhookPayloads payloads, InboundEvents events,
                               InboundLoop processing, Clock clock) {
        this.directory = directory;
        this.payloads = payloads;
        this.processing = processing;
        this.clock = clock;
        // Webhooks arriving together share one INSERT: at 2,000 a second that is a few hundred statements, not 2,000.
        // One statement at a time: with two in flight each carried half as many posts for the same fixed cost, and
        // the intake took 0.91-0.96 cores of the JVM and 0.72 of PostgreSQL at 2,000 posts a second; with one,
        // 0.77 and 0.67, latency unchanged (docs/benchmarks.md, "fifth session").
        this.inbox = new GroupCommit<>("webhook-inbox", 1, 200, batches -> {
            List<InboundEvent> all = new ArrayList<>();
            batches.forEach(all::addAll);
            boolean local = processing.isRunning();
            Instant now = clock.instant();
            List<InboundEvents.StoredInboundEvent> stored = events.record(all,
                    local ? now.plus(ProcessInboundEvents.LEASE) : now);
            if (local && !stored.isEmpty()) {
                processing.handOver(stored);
            }
            return stored.size();
        });
    }

    /**
     * @param signatureHeader the {@code X-Hub-Signature-256} header as sent, or null
     * @throws WebhookRejected when the signature is missing or wrong, or the body is not a webhook
     */
    public Receipt receive(byte[] body, String signatureHeader) {
        WebhookSignature signature = WebhookSignature.parse(signatureHeader);
        if (signature == null) {
            throw new WebhookRejected(WebhookRejected.Reason.UNSIGNED, "X-Hub-Signature-256 is missing or not of"
                    + " the form sha256=<64 hex digits>");
        }
        String secret = directory.secretThatSigned(body, signature).orElseThrow(() -> new WebhookRejected(
                WebhookRejected.Reason.BAD_SIGNATURE, "the signature does not match the body with any app secret"
                + " of this installation's Cloud numbers"));
        List<WebhookPayloads.Item> items;
        try {
            items = payloads.read(body);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED, e.getMessage());
        }
        List<InboundEvent> events = new ArrayList<>(items.size());
        int ignored = 0;
        for (WebhookPayloads.Item item : items) {
            CloudNumbers.Owned owned = directory.number(item.accountNumberId()).orElse(null);
            if (owned == null) {
                // Acknowledged all the same: a number removed here would otherwise make Meta retry for days.
                ignored++;
                LOG.log(System.Logger.Level.INFO, "Webhook event for unknown Cloud number " + item.accountNumberId()
                        + " ignored");
                continue;
            }
            CloudNumber number = owned.number();
            if (!number.appSecret().equals(secret)) {
                ignored++;
                LOG.log(System.Logger.Level.WARNING, "Webhook event for Cloud number " + item.accountNumberId()
                        + " was signed by another Meta app's secret; ignored");
                continue;
            }
            events.add(new InboundEvent(InboundEvent.CLOUD_API, owned.business(), number.device(), item.payload()));
        }
        if (!events.isEmpty()) {
            inbox.submit(events);
        }
        return new Receipt(events.size(), ignored);
    }

    @Override
    public void close() {
        inbox.close();
    }
}
