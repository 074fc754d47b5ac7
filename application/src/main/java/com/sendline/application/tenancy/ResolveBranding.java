package com.sendline.application.tenancy;

import com.sendline.application.cache.InvalidationBus;
import com.sendline.application.cache.LocalCache;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.Resellers;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds which reseller a request's host name belongs to, and so which branding to show. Asked on every page
 * view, so answers are cached in-process and invalidated across instances when a reseller changes its branding.
 */
public final class ResolveBranding implements AutoCloseable {
    public static final String TOPIC = "reseller-by-host";

    private final LocalCache<HostName, Optional<Reseller>> cache;

    public ResolveBranding(Resellers resellers, InvalidationBus bus, Duration ttl, Clock clock) {
        this.cache = new LocalCache<>(bus, TOPIC, HostName::new, resellers::findByHost, ttl, 10_000, clock);
    }

    public Optional<Reseller> resellerFor(HostName host) {
        return cache.get(host);
    }

    public Optional<Branding> brandingFor(HostName host) {
        return resellerFor(host).map(Reseller::branding);
    }

    @Override
    public void close() {
        cache.close();
    }
}
