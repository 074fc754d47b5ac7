package com.sendline.bootstrap.wiring;

import com.sendline.adapters.postgres.PostgresWebhookDeliveries;
import com.sendline.adapters.postgres.PostgresWebhookSubscriptions;
import com.sendline.adapters.webhooks.HttpWebhookSender;
import com.sendline.application.operations.Drainable;
import com.sendline.application.webhook.DeliverWebhook;
import com.sendline.application.webhook.RedeliverWebhook;
import com.sendline.application.webhook.RemoveWebhook;
import com.sendline.application.webhook.SubscribeWebhook;
import com.sendline.application.operations.RetentionLoop;
import com.sendline.application.webhook.WebhookDeliveryLoop;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.config.WebhookSettings;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.webhook.RetrySchedule;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookSubscriptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Outbound partner webhooks: subscriptions for the HTTP layer, and the delivery loop, which runs wherever the worker
 * runs (WORKER_ENABLED) on threads of its own and stops with the other loops on a drain.
 */
@Factory
final class WebhooksWiring {
    @Singleton
    WebhookSubscriptions webhookSubscriptions(Infrastructure infra, SecretSealer sealer) {
        return new PostgresWebhookSubscriptions(infra.database(), sealer);
    }

    @Singleton
    WebhookDeliveries webhookDeliveries(Infrastructure infra, SecretSealer sealer) {
        return new PostgresWebhookDeliveries(infra.database(), sealer);
    }

    @Singleton
    @Bean(preDestroy = "close")
    HttpWebhookSender webhookSender(Settings settings) {
        WebhookSettings w = settings.webhooks();
        return new HttpWebhookSender(w.connectTimeout(), w.timeout(), w.privateTargets());
    }

    @Context
    @Bean(typed = {WebhookDeliveryLoop.class, Drainable.class}, preDestroy = "close")
    WebhookDeliveryLoop webhookDeliveryLoop(Settings settings, WebhookDeliveries deliveries, MeterRegistry registry,
                                            Clock clock, HttpWebhookSender sender) {
        WebhookSettings w = settings.webhooks();
        DeliverWebhook deliver = new DeliverWebhook(deliveries, sender,
                new RetrySchedule(w.retryFirst(), w.retryCap(), w.maxAttempts()), clock, new SplittableRandom());
        WebhookDeliveryLoop loop = new WebhookDeliveryLoop(deliveries, deliver, clock,
                new WebhookDeliveryLoop.Settings(w.concurrency(), w.poll(), w.lease()));
        Gauge.builder("sendline.webhooks.in_flight", loop, WebhookDeliveryLoop::inFlight)
                .description("Webhook deliveries being tried now on this instance").register(registry);
        if (settings.engine().workerEnabled()) {
            loop.start();
        }
        return loop;
    }

    /** Forgets old webhook events and deliveries, hourly, wherever the worker runs. */
    @Context
    @Bean(preDestroy = "stop")
    RetentionLoop retentionLoop(Settings settings, WebhookDeliveries deliveries,
                                com.sendline.bootstrap.engine.SchedulingEngine engine, Clock clock) {
        WebhookSettings w = settings.webhooks();
        RetentionLoop loop = new RetentionLoop(engine.inbox(), deliveries,
                new RetentionLoop.Retention(w.keepEvents(), w.keepDeliveries()), clock, Duration.ofHours(1));
        if (settings.engine().workerEnabled()) {
            loop.start();
        }
        return loop;
    }

    @Singleton
    SubscribeWebhook subscribeWebhook(WebhookSubscriptions subscriptions, Clock clock) {
        return new SubscribeWebhook(subscriptions, clock);
    }

    @Singleton
    RemoveWebhook removeWebhook(WebhookSubscriptions subscriptions) {
        return new RemoveWebhook(subscriptions);
    }

    @Singleton
    RedeliverWebhook redeliverWebhook(WebhookDeliveries deliveries, WebhookDeliveryLoop loop, Clock clock) {
        return new RedeliverWebhook(deliveries, loop::nudge, clock);
    }
}
