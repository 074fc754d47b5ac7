package com.sendline.application.webhook;

import com.sendline.domain.webhook.RetrySchedule;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookSender;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One try of one delivery: the event as JSON, signed, posted; then delivered, tried again later, or dead-lettered.
 * The body is built from the stored event, so every try of a delivery sends the same body (only the signature's
 * timestamp changes).
 */
public final class DeliverWebhook {
    private static final System.Logger LOG = System.getLogger(DeliverWebhook.class.getName());
    public static final String USER_AGENT = "Sendline-Webhooks/1";
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final RetrySchedule retries;
    private final Clock clock;
    private final RandomGenerator random;

    public DeliverWebhook(WebhookDeliveries deliveries, WebhookSender sender, RetrySchedule retries, Clock clock,
                          RandomGenerator random) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
        this.random = random;
    }

    public void deliver(WebhookDeliveries.Due due) {
        byte[] body = body(due);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Sendline-Event", due.event().label());
        headers.put("X-Sendline-Delivery", due.id().toString());
        headers.put(DeliverySignature.HEADER, DeliverySignature.header(due.secret().reveal(), clock.instant(), body));
        WebhookSender.Answer answer = sender.post(due.url(), headers, body);
        Instant now = clock.instant();
        if (answer.successful()) {
            deliveries.delivered(due, answer.statusCode(), now);
            return;
        }
        String error = answer.error() != null ? answer.error() : "HTTP " + answer.statusCode();
        if (retries.triesAgainAfter(due.attempt())) {
            deliveries.failed(due, answer.statusCode(), error,
                    now.plus(retries.delayAfter(due.attempt(), answer.retryAfter(), random)));
        } else {
            LOG.log(System.Logger.Level.INFO, "Webhook delivery " + due.id() + " (" + due.event().label()
                    + ") is dead after " + due.attempt() + " tries: " + error);
            deliveries.dead(due, answer.statusCode(), error);
        }
    }

    /** {@code {"id", "type", "createdAt", "data"}}; data is stored JSON, the other values need no escaping. */
    static byte[] body(WebhookDeliveries.Due due) {
        return ("{\"id\":\"" + due.id() + "\",\"type\":\"" + due.event().label() + "\",\"createdAt\":\""
                + due.createdAt().truncatedTo(ChronoUnit.MILLIS) + "\",\"data\":" + due.data() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
