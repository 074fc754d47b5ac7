package com.sendline.application.apiaccess;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.ApiKeys;

import java.time.Clock;

/** An owner revokes one of its keys: from then on it gets no tokens. Revoking twice is fine. */
public final class RevokeApiKey {
    private final ApiKeys keys;
    private final Clock clock;

    public RevokeApiKey(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @throws UnknownApiKey when the owner has no such key (another owner's key is unknown too) */
    public void revoke(ApiKeyOwner owner, ApiKeyId id) {
        if (!keys.revoke(owner, id, clock.instant())
                && keys.list(owner).stream().noneMatch(k -> k.id().equals(id))) {
            throw new UnknownApiKey("no API key " + id);
        }
    }
}
