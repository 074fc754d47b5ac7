package com.sendline.bootstrap.metrics;

import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.domain.device.Channel;
import com.sendline.domain.session.BackoffState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;

/**
 * The engine's series on /prometheus: {@code sendline_dispatch_lateness_seconds} and
 * {@code sendline_send_latency_seconds} (histograms with p50/p95/p99), sends, failures and retries by channel,
 * slot waits, preemptions and backoffs.
 */
public final class MicrometerDispatchMetrics implements DispatchMetrics {
    private final MeterRegistry registry;
    private final Timer lateness;
    private final Timer slotWait;
    private final Counter preemptions;

    public MicrometerDispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lateness = Timer.builder("sendline.dispatch.lateness")
                .description("From a message's due instant to the driver's send call")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.slotWait = Timer.builder("sendline.session.slot.wait")
                .description("How long due sends waited for a hot-set slot")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        this.preemptions = Counter.builder("sendline.session.preemptions")
                .description("Sticky sessions closed to free a slot for a due send").register(registry);
    }

    @Override
    public void dispatched(Duration lateness) {
        this.lateness.record(lateness);
    }

    @Override
    public void sent(Channel channel, Duration sendLatency) {
        Timer.builder("sendline.send.latency").description("Driver send call duration")
                .tag("channel", name(channel)).publishPercentiles(0.5, 0.95, 0.99)
                .register(registry).record(sendLatency);
        registry.counter("sendline.messages.sent", "channel", name(channel)).increment();
    }

    @Override
    public void failed(Channel channel, String code) {
        registry.counter("sendline.messages.failed", "channel", name(channel), "code", code).increment();
    }

    @Override
    public void retried(Channel channel, String code) {
        registry.counter("sendline.messages.retried", "channel", name(channel), "code", code).increment();
    }

    @Override
    public void slotWait(Duration waited) {
        slotWait.record(waited);
    }

    @Override
    public void preempted() {
        preemptions.increment();
    }

    @Override
    public void backoff(BackoffState.Failure kind) {
        registry.counter("sendline.session.backoffs", "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
    }

    private static String name(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
