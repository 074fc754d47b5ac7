package com.sendline.domain.apiaccess;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, always read within their owner except when a key is presented (then by its public prefix). */
public interface ApiKeys {
    void add(ApiKey key);

    /** The key a partner presented, by the prefix it shows in the clear; revoked ones included. */
    Optional<ApiKey> byPrefix(String prefix);

    /** The owner's keys, newest first, revoked ones included (they show when they were revoked). */
    List<ApiKey> list(ApiKeyOwner owner);

    /** @return false when the owner has no such key, or it was already revoked */
    boolean revoke(ApiKeyOwner owner, ApiKeyId id, Instant at);

    /** Records that a token was issued for the key. */
    void used(ApiKeyId id, Instant at);
}
