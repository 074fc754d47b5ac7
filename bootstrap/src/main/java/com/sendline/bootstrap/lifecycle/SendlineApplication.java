package com.sendline.bootstrap.lifecycle;

import com.sendline.adapters.crypto.TinkSecretSealer;
import com.sendline.application.operations.Drainable;
import com.sendline.application.operations.Readiness;
import com.sendline.application.tenancy.SeedDemo;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.embedded.EmbeddedServices;
import com.sendline.bootstrap.wiring.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running Sendline instance: embedded services (if any), infrastructure, the Micronaut context and its HTTP
 * server. {@link #start} brings them up in dependency order; {@link #drainAndClose} takes them down in reverse,
 * letting in-flight work finish first.
 */
public final class SendlineApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendlineApplication.class);

    private final Settings settings;
    private final EmbeddedServices embedded;
    private final Infrastructure infrastructure;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Optional<SeedDemo.DemoTenancy> seeded;
    private volatile boolean closed;

    private SendlineApplication(Settings settings, EmbeddedServices embedded, Infrastructure infrastructure,
                                ApplicationContext context, EmbeddedServer server,
                                Optional<SeedDemo.DemoTenancy> seeded) {
        this.settings = settings;
        this.embedded = embedded;
        this.infrastructure = infrastructure;
        this.context = context;
        this.server = server;
        this.seeded = seeded;
    }

    public static SendlineApplication start(Settings requested) {
        EmbeddedServices embedded = new EmbeddedServices();
        Infrastructure infrastructure = null;
        ApplicationContext context = null;
        try {
            Settings settings = embedded.startWhatIsMissing(requested);
            infrastructure = Infrastructure.open(settings);
            // Before anything reads or writes a secret: a wrong key stops start-up here.
            TinkSecretSealer sealer = MasterKey.sealer(settings);
            SealedSecrets.checkAndSealLegacy(infrastructure.database(), sealer);
            Map<String, Object> properties = new HashMap<>();
            // PORT=0 asks for any free port, which Micronaut spells -1.
            properties.put("micronaut.server.port", settings.port() == 0 ? -1 : settings.port());
            properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", JwtSecret.of(settings));
            properties.put("sendline.api.token-ttl-seconds", settings.api().tokenTtl().toSeconds());
            settings.api().clientAddressHeader().ifPresent(header ->
                    properties.put("sendline.api.client-address-header", header));
            context = ApplicationContext.builder()
                    .properties(properties)
                    .singletons(settings, infrastructure, infrastructure.database(), infrastructure.queueRedis(),
                            infrastructure.cacheRedis(), sealer)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            infrastructure.primaryPool().setMetricRegistry(meters);
            if (infrastructure.replicaPool() != null) {
                infrastructure.replicaPool().setMetricRegistry(meters);
            }
            Optional<SeedDemo.DemoTenancy> seeded = settings.seedDemo()
                    ? context.getBean(SeedDemo.class).seedIfEmpty()
                    : Optional.empty();
            SendlineApplication app = new SendlineApplication(settings, embedded, infrastructure, context, server,
                    seeded);
            if (seeded.isPresent()) {
                // The demo business gets one API key with every scope, shown in the banner and kept in the file.
                String apiKey = context.getBean(com.sendline.application.apiaccess.CreateApiKey.class).create(
                        new com.sendline.domain.apiaccess.ApiKeyOwner.OfBusiness(seeded.get().businessId()),
                        "Demo key", java.util.EnumSet.allOf(com.sendline.domain.apiaccess.Scope.class)).plaintext();
                app.demoCredentialsFile().write(app.url().toString(), seeded.get(), apiKey);
            }
            context.getBean(Readiness.class).markStarted();
            LOG.info("Sendline listening on {} (shard range {})", server.getURL(), settings.workerShardRange());
            return app;
        } catch (IOException e) {
            closeQuietly(context, infrastructure, embedded);
            throw new UncheckedIOException("could not write the demo credentials: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(context, infrastructure, embedded);
            throw e;
        }
    }

    private static void closeQuietly(ApplicationContext context, Infrastructure infrastructure,
                                     EmbeddedServices embedded) {
        if (context != null) {
            context.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        embedded.close();
    }

    public DemoCredentialsFile demoCredentialsFile() {
        return new DemoCredentialsFile(settings.dataDir(), context.getBean(JsonMapper.class));
    }

    public URI url() {
        return URI.create("http://localhost:" + server.getPort());
    }

    public Settings settings() {
        return settings;
    }

    public ApplicationContext context() {
        return context;
    }

    public Optional<SeedDemo.DemoTenancy> seededNow() {
        return seeded;
    }

    /**
     * The redeploy path: readiness turns DOWN at once (the load balancer stops sending traffic), then after
     * {@code DRAIN_DELAY} every part stops taking work, realtime clients are told to reconnect elsewhere (1 s each),
     * in-flight requests finish, and everything closes — all within {@code DRAIN_TIMEOUT}.
     *
     * @return true when everything finished within the time allowed
     */
    public boolean drainAndClose() {
        if (closed) {
            return true;
        }
        long started = System.nanoTime();
        long deadline = started + settings.drainTimeout().toNanos();
        context.getBean(Readiness.class).markDraining();
        LOG.info("Draining: readiness is DOWN; closing in {} ms at most",
                settings.drainDelay().plus(settings.drainTimeout()).toMillis());
        sleep(settings.drainDelay());
        deadline += settings.drainDelay().toNanos();

        Collection<Drainable> drainables = context.getBeansOfType(Drainable.class);
        drainables.forEach(Drainable::stopTakingWork);
        boolean clean = true;
        for (Drainable d : drainables) {
            clean &= d.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        try {
            context.getBean(GracefulShutdownManager.class).shutdownGracefully().toCompletableFuture()
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            clean = false;
            LOG.warn("In-flight requests did not finish within DRAIN_TIMEOUT; closing anyway");
        } catch (ExecutionException e) {
            clean = false;
            LOG.warn("Graceful HTTP shutdown failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        close();
        LOG.info("Drained in {} ms ({})", (System.nanoTime() - started) / 1_000_000,
                clean ? "everything finished" : "some work was cut off");
        return clean;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            context.close();
            infrastructure.close();
            embedded.close();
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
