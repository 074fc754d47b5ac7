package com.sendline.application.apiaccess;

import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.ApiKeySecret;
import com.sendline.domain.apiaccess.ApiKeys;
import com.sendline.domain.apiaccess.Scope;

import java.time.Clock;
import java.util.Set;

/** A business or reseller creates an API key; the whole key is shown this once and never again. */
public final class CreateApiKey {
    private final ApiKeys keys;
    private final Clock clock;

    public CreateApiKey(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @param plaintext the key to hand to the caller now; only its hash is kept */
    public record Created(ApiKey key, String plaintext) {
        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }

    /** @throws IllegalArgumentException for a missing name or no scopes */
    public Created create(ApiKeyOwner owner, String name, Set<Scope> scopes) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = ApiKey.issue(owner, name, scopes, secret, clock.instant());
        keys.add(key);
        return new Created(key, secret.reveal());
    }
}
