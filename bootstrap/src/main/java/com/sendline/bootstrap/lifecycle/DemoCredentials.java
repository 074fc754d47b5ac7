package com.sendline.bootstrap.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What a newcomer needs to try the demo, as written to {@code <data dir>/demo-credentials.json}. */
@Serdeable
/**
 * @param apiKey the demo business's partner API key (all scopes), exchanged at {@code POST /api/v1/auth/token};
 *               null in files written before there was one
 */
public record DemoCredentials(String url, String resellerId, String businessId, String deviceId, List<Login> logins,
                              @io.micronaut.core.annotation.Nullable String apiKey) {
    @Serdeable
    public record Login(String role, String email, String password) {
    }
}
