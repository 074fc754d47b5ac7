package com.sendline.bootstrap.wiring;

import com.sendline.adapters.phonenumbers.LibPhoneNumberRecipients;
import com.sendline.adapters.postgres.PostgresCloudNumbers;
import com.sendline.adapters.postgres.PostgresWebCredentials;
import com.sendline.adapters.recurrence.LibraryRecurrenceCalendar;
import com.sendline.adapters.whatsappcloud.CloudApiClient;
import com.sendline.adapters.whatsappcloud.CloudApiDriver;
import com.sendline.adapters.whatsappcloud.CloudApiSettings;
import com.sendline.adapters.whatsappcloud.CloudSender;
import com.sendline.adapters.whatsappcloud.RedisPhoneThrottle;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.adapters.redis.RedisPairingQr;
import com.sendline.adapters.whatsappweb.WebClient;
import com.sendline.adapters.whatsappweb.WebDriver;
import com.sendline.adapters.whatsappweb.WebPairing;
import com.sendline.adapters.whatsappweb.WebSettings;
import com.sendline.adapters.whatsappweb.cobalt.CobaltClient;
import com.sendline.application.devices.StartPairing;
import com.sendline.application.scheduling.CancelMessage;
import com.sendline.application.scheduling.RescheduleMessage;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.scheduling.UnlimitedQuota;
import com.sendline.application.worker.Worker;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.engine.EngineConfig;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.bootstrap.metrics.MicrometerDispatchMetrics;
import com.sendline.domain.crypto.SecretSealer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The scheduling engine: built at start-up, its worker started unless WORKER_ENABLED=false. */
@Factory
final class SchedulingWiring {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchedulingWiring.class);

    @Singleton
    SimulatorDriver simulatorDriver(Settings settings) {
        return new SimulatorDriver(SimulatorSettings.defaults()
                .withConnectLatency(settings.engine().simulatorConnect())
                .withSendLatency(settings.engine().simulatorSend()));
    }

    /** The cluster-wide per-number send rate of the Cloud API, in the queue Redis. */
    @Singleton
    @Bean(preDestroy = "close")
    RedisPhoneThrottle cloudThrottle(Settings settings, Infrastructure infra) {
        return new RedisPhoneThrottle(infra.queueRedis().client(), settings.redisKeyPrefix(),
                settings.engine().cloudApiRpsPerPhone(), CloudApiSettings.defaults().maxThrottleWait());
    }

    /**
     * Where Meta's "stop sending from this number" lands. The engine that can pause a number needs the Cloud driver
     * first, so the alert finds the engine through this holder once it exists.
     */
    static final class CloudAlerts implements java.util.function.Consumer<com.sendline.adapters.whatsappcloud.CloudAlert> {
        private volatile SchedulingEngine engine;

        @Override
        public void accept(com.sendline.adapters.whatsappcloud.CloudAlert alert) {
            SchedulingEngine e = engine;
            if (e == null) {
                LOG.warn("Cloud API number {} must pause ({}), but the engine is not up yet", alert.phoneNumberId(),
                        alert.code());
                return;
            }
            e.pauseCloudNumber().pause(alert.phoneNumberId(), alert.code());
        }
    }

    @Singleton
    CloudAlerts cloudAlerts() {
        return new CloudAlerts();
    }

    /** Its pool of connections to Meta is closed with the application (after the engine that sends through it). */
    @Singleton
    @Bean(preDestroy = "close")
    CloudApiClient cloudApiClient(Settings settings) {
        return new CloudApiClient(CloudApiSettings.defaults()
                .withBaseUrl(settings.engine().cloudApiBaseUrl())
                .withVersion(settings.engine().cloudApiVersion())
                .withRpsPerPhone(settings.engine().cloudApiRpsPerPhone()));
    }

    @Singleton
    CloudApiDriver cloudApiDriver(Infrastructure infra, CloudApiClient client, RedisPhoneThrottle throttle,
                                  CloudAlerts alerts, SecretSealer sealer) {
        CloudSender sender = new CloudSender(client, throttle, alerts);
        return new CloudApiDriver(new PostgresCloudNumbers(infra.database(), sealer), sender);
    }

    /** WhatsApp Web credentials, in Postgres (migration V5). */
    @Singleton
    PostgresWebCredentials webCredentials(Infrastructure infra, SecretSealer sealer) {
        return new PostgresWebCredentials(infra.database(), sealer);
    }

    @Singleton
    WebSettings webSettings(Settings settings) {
        return WebSettings.defaults()
                .withConnectTimeout(settings.engine().webConnectTimeout())
                .withSendTimeout(settings.engine().webSendTimeout())
                .withPairingTimeout(settings.engine().webPairingTimeout());
    }

    /** The WhatsApp Web protocol library (Cobalt); building it opens no connection. */
    @Singleton
    WebClient webClient(PostgresWebCredentials credentials) {
        return new CobaltClient(credentials);
    }

    @Singleton
    WebDriver webDriver(PostgresWebCredentials credentials, WebClient client, WebSettings settings) {
        return new WebDriver(credentials, client, settings);
    }

    /** QR pairings run on the instance that started them; closing it cancels those still waiting for a scan. */
    @Singleton
    @Bean(preDestroy = "close")
    WebPairing webPairing(PostgresWebCredentials credentials, WebClient client, WebSettings settings) {
        return new WebPairing(client, credentials, settings);
    }

    /** Pairing status in the cache Redis: any instance can show the QR code of a pairing another one runs. */
    @Singleton
    @Bean(preDestroy = "close")
    RedisPairingQr pairingQr(Infrastructure infra, Settings settings) {
        return new RedisPairingQr(infra.cacheRedis().client(), settings.redisKeyPrefix());
    }

    @Singleton
    com.sendline.domain.session.QrImages qrImages() {
        return new com.sendline.adapters.whatsappweb.ZxingQrImages();
    }

    @Singleton
    com.sendline.application.devices.RemoveDevice removeDevice(SchedulingEngine engine) {
        return engine.removeDevice();
    }

    @Singleton
    StartPairing startPairing(SchedulingEngine engine, PostgresWebCredentials credentials, WebPairing pairing,
                              RedisPairingQr qr, Clock clock) {
        return new StartPairing(engine.devices(), credentials, pairing, qr, engine.backoff(), clock);
    }

    @Context
    @Bean(preDestroy = "close")
    SchedulingEngine schedulingEngine(Settings settings, Infrastructure infra, SimulatorDriver simulator,
                                      CloudApiDriver cloud, WebDriver web, CloudAlerts alerts, MeterRegistry registry,
                                      Clock clock, SecretSealer sealer) {
        String holder = ManagementFactory.getRuntimeMXBean().getName().replace('|', '_') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        SchedulingEngine engine = new SchedulingEngine(EngineConfig.from(settings, holder), infra.database(),
                sealer, infra.queueRedis().client(), settings.redisKeyPrefix(), List.of(simulator, cloud, web),
                new LibPhoneNumberRecipients(), new LibraryRecurrenceCalendar(), new UnlimitedQuota(),
                new MicrometerDispatchMetrics(registry), clock);
        Gauge.builder("sendline.sessions.hot", engine.sessions(), s -> s.hotSessions())
                .description("Live device sessions on this instance").register(registry);
        Gauge.builder("sendline.queue.depth", engine, SchedulingEngine::queueDepth)
                .description("Due-queue entries waiting or leased in this instance's shard").register(registry);
        alerts.engine = engine;
        if (settings.engine().workerEnabled()) {
            engine.worker().start();
        }
        return engine;
    }

    @Singleton
    @Bean(typed = {Worker.class, com.sendline.application.operations.Drainable.class})
    Worker worker(SchedulingEngine engine) {
        return engine.worker();
    }

    @Singleton
    ScheduleMessage scheduleMessage(SchedulingEngine engine) {
        return engine.scheduleMessage();
    }

    @Singleton
    CancelMessage cancelMessage(SchedulingEngine engine) {
        return engine.cancelMessage();
    }

    @Singleton
    RescheduleMessage rescheduleMessage(SchedulingEngine engine) {
        return engine.rescheduleMessage();
    }

    @Singleton
    com.sendline.application.devices.AddCloudNumber addCloudNumber(SchedulingEngine engine) {
        return engine.addCloudNumber();
    }

    @Singleton
    com.sendline.application.devices.AddSimulatorDevice addSimulatorDevice(SchedulingEngine engine) {
        return new com.sendline.application.devices.AddSimulatorDevice(engine.devices(),
                new LibPhoneNumberRecipients());
    }

    /** The messages themselves, for the partner API's reads. */
    @Singleton
    com.sendline.domain.scheduling.MessageStore messageStore(SchedulingEngine engine) {
        return engine.messages();
    }
}
