package com.sendline.bootstrap.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What a newcomer needs to try the demo, as written to {@code <data dir>/demo-credentials.json}. */
@Serdeable
public record DemoCredentials(String url, String resellerId, String businessId, String deviceId, List<Login> logins) {
    @Serdeable
    public record Login(String role, String email, String password) {
    }
}
