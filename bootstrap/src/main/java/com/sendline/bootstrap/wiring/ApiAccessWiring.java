package com.sendline.bootstrap.wiring;

import com.sendline.adapters.postgres.PostgresApiKeys;
import com.sendline.adapters.postgres.PostgresIdempotencyRecords;
import com.sendline.application.apiaccess.AuthenticateApiKey;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.apiaccess.RevokeApiKey;
import com.sendline.application.apiaccess.RunOnce;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The partner API's keys: kept in Postgres, exchanged for tokens by the HTTP layer. */
@Factory
final class ApiAccessWiring {
    @Singleton
    PostgresApiKeys apiKeys(Infrastructure infra) {
        return new PostgresApiKeys(infra.database());
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(PostgresApiKeys keys, Clock clock) {
        return new AuthenticateApiKey(keys, clock);
    }

    @Singleton
    CreateApiKey createApiKey(PostgresApiKeys keys, Clock clock) {
        return new CreateApiKey(keys, clock);
    }

    @Singleton
    PostgresIdempotencyRecords idempotencyRecords(Infrastructure infra) {
        return new PostgresIdempotencyRecords(infra.database());
    }

    @Singleton
    RunOnce runOnce(PostgresIdempotencyRecords records, Clock clock) {
        return new RunOnce(records, clock);
    }

    @Singleton
    RevokeApiKey revokeApiKey(PostgresApiKeys keys, Clock clock) {
        return new RevokeApiKey(keys, clock);
    }
}
