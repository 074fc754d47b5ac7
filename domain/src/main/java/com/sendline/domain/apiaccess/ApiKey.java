package com.sendline.domain.apiaccess;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An API key's record: everything but the secret, of which only the hash is kept.
 *
 * @param lastUsedAt when a token was last issued for it, or null
 * @param revokedAt  when it was revoked, or null; a revoked key gets no more tokens
 */
public record ApiKey(ApiKeyId id, ApiKeyOwner owner, String name, String prefix, String secretHash,
                     Set<Scope> scopes, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "created at");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("an API key needs a name of 1 to 100 characters");
        }
        if (prefix == null || !prefix.matches("[0-9A-Za-z]{12}")) {
            throw new IllegalArgumentException("an API key prefix is 12 letters and digits");
        }
        if (secretHash == null || !secretHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an API key is stored as a SHA-256 hex digest");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    public static ApiKey issue(ApiKeyOwner owner, String name, Set<Scope> scopes, ApiKeySecret secret, Instant now) {
        return new ApiKey(ApiKeyId.random(), owner, name, secret.prefix(), secret.hash(), scopes, now, null, null);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + " sl_" + prefix + "_…, " + owner + ", " + scopes + (isRevoked() ? ", revoked" : "")
                + "]";
    }
}
