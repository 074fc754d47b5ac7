package com.sendline.bootstrap.wiring;

import com.sendline.adapters.crypto.Argon2PasswordHasher;
import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PostgresBusinesses;
import com.sendline.adapters.postgres.PostgresDevices;
import com.sendline.adapters.postgres.PostgresOperators;
import com.sendline.adapters.postgres.PostgresResellers;
import com.sendline.adapters.postgres.PostgresUsers;
import com.sendline.adapters.postgres.ReadRoute;
import com.sendline.application.cache.InvalidationBus;
import com.sendline.application.tenancy.ResolveBranding;
import com.sendline.application.tenancy.SeedDemo;
import com.sendline.application.tenancy.UpdateBranding;
import com.sendline.bootstrap.config.Settings;
import com.sendline.domain.device.Devices;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.Operators;
import com.sendline.domain.tenancy.PasswordHasher;
import com.sendline.domain.tenancy.Resellers;
import com.sendline.domain.tenancy.Users;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Tenancy ports to their adapters, by hand. Which repositories read from the replica is decided here, one line
 * each: resellers (cached branding lookups) and device lists tolerate a moment of lag; users never do.
 */
@Factory
final class TenancyWiring {

    @Singleton
    Operators operators(Database db) {
        return new PostgresOperators(db);
    }

    @Singleton
    Resellers resellers(Database db) {
        return new PostgresResellers(db, ReadRoute.REPLICA);
    }

    @Singleton
    Businesses businesses(Database db) {
        return new PostgresBusinesses(db, ReadRoute.PRIMARY);
    }

    @Singleton
    Users users(Database db) {
        return new PostgresUsers(db);
    }

    @Singleton
    Devices devices(Database db) {
        return new PostgresDevices(db, ReadRoute.REPLICA);
    }

    @Singleton
    PasswordHasher passwordHasher() {
        return Argon2PasswordHasher.owaspDefaults();
    }

    /** Built at start-up, not on the first request: its invalidation subscription must exist before traffic. */
    @Context
    @Bean(preDestroy = "close")
    ResolveBranding resolveBranding(Resellers resellers, InvalidationBus bus, Settings settings, Clock clock) {
        return new ResolveBranding(resellers, bus, settings.brandingCacheTtl(), clock);
    }

    @Singleton
    UpdateBranding updateBranding(Resellers resellers, InvalidationBus bus) {
        return new UpdateBranding(resellers, bus);
    }

    @Singleton
    SeedDemo seedDemo(Operators operators, Resellers resellers, Businesses businesses, Devices devices, Users users,
                      PasswordHasher hasher) {
        return new SeedDemo(operators, resellers, businesses, devices, users, hasher);
    }
}
