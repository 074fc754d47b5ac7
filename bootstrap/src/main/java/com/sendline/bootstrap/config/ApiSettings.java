package com.sendline.bootstrap.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The partner API's tokens.
 *
 * @param jwtSecret HMAC key that signs and checks tokens (JWT_SECRET, at least 32 characters); every instance of an
 *                  installation needs the same one. Unset: a random one kept in the data directory
 * @param tokenTtl  how long an access token is good for (API_TOKEN_TTL)
 * @param rateLimit steady calls per second each API key may make (API_RATE_LIMIT)
 * @param rateBurst calls a quiet key may make at once (API_RATE_BURST)
 * @param tokenRequestsPerMinute token requests per minute each client address may make
 *                               (API_TOKEN_REQUESTS_PER_MINUTE); a third of it may come at once
 * @param clientAddressHeader the header a reverse proxy puts the client's address in (CLIENT_ADDRESS_HEADER);
 *                            unset: the address of the connection itself
 */
public record ApiSettings(Optional<String> jwtSecret, Duration tokenTtl, int rateLimit, int rateBurst,
                          int tokenRequestsPerMinute, Optional<String> clientAddressHeader) {
    @Override
    public String toString() {
        return "ApiSettings[jwtSecret " + (jwtSecret.isPresent() ? "set" : "from the data directory") + ", tokenTtl "
                + tokenTtl + ", rateLimit " + rateLimit + "/s, rateBurst " + rateBurst + ", tokenRequestsPerMinute "
                + tokenRequestsPerMinute + ", clientAddressHeader " + clientAddressHeader.orElse("(connection)") + "]";
    }

    static ApiSettings from(Env env) {
        Optional<String> secret = env.text("JWT_SECRET");
        if (secret.isPresent() && secret.get().length() < 32) {
            throw new ConfigurationError("JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key)");
        }
        Duration ttl = env.duration("API_TOKEN_TTL", Duration.ofHours(1), Duration.ofMinutes(1));
        if (ttl.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigurationError("API_TOKEN_TTL may be at most 24h (a token cannot be revoked before it"
                    + " expires)");
        }
        int rate = env.positiveInt("API_RATE_LIMIT", 100);
        int burst = env.positiveInt("API_RATE_BURST", 2 * rate);
        int tokenRequests = env.positiveInt("API_TOKEN_REQUESTS_PER_MINUTE", 60);
        Optional<String> header = env.text("CLIENT_ADDRESS_HEADER").map(String::strip);
        if (header.isPresent() && !header.get().matches("[A-Za-z0-9-]+")) {
            throw new ConfigurationError("CLIENT_ADDRESS_HEADER must be a header name such as X-Forwarded-For");
        }
        return new ApiSettings(secret, ttl, rate, burst, tokenRequests, header);
    }
}
