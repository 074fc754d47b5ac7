package com.sendline.bootstrap.wiring;

import com.sendline.application.inbound.ReceiveCloudWebhook;
import com.sendline.application.inbound.VerifyCloudWebhook;
import com.sendline.bootstrap.engine.SchedulingEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Inbound webhooks: intake for the HTTP layer; processing runs in the engine's worker. */
@Factory
final class InboundWiring {
    @Singleton
    ReceiveCloudWebhook receiveCloudWebhook(SchedulingEngine engine, MeterRegistry registry) {
        Gauge.builder("sendline.inbound.backlog", engine.inbox(), inbox -> inbox.backlog())
                .description("Webhook events kept but not yet processed (installation-wide)").register(registry);
        return engine.receiveCloudWebhook();
    }

    @Singleton
    VerifyCloudWebhook verifyCloudWebhook(SchedulingEngine engine) {
        return engine.verifyCloudWebhook();
    }
}
