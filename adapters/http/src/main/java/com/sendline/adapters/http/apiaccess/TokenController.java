package com.sendline.adapters.http.apiaccess;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.apiaccess.AuthenticateApiKey;
import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.apiaccess.TokenRequestLimit;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Exchanges an API key for a short-lived signed JWT. The token names the key ({@code sub}), the tenant it acts for
 * ({@code tenant_type}, {@code tenant}) and the key's scopes ({@code roles}, so endpoints can require one).
 */
@ProblemResponses
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1/auth")
public final class TokenController {
    private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);
    /** Asking Redis takes a millisecond; past this the exchange goes ahead unchecked rather than hang. */
    private static final Duration LIMIT_ANSWER_WAIT = Duration.ofSeconds(2);

    private final AuthenticateApiKey authenticate;
    private final TokenGenerator tokens;
    private final TokenRequestLimit limit;
    private final ClientAddresses addresses;
    private final int ttlSeconds;
    private final UncheckedAdmissions unchecked = new UncheckedAdmissions(LOG,
            "Token request limits unavailable, admitting token requests unchecked: {}");

    public TokenController(AuthenticateApiKey authenticate, TokenGenerator tokens, TokenRequestLimit limit,
                           ClientAddresses addresses,
                           @Value("${sendline.api.token-ttl-seconds:3600}") int ttlSeconds) {
        this.authenticate = authenticate;
        this.tokens = tokens;
        this.limit = limit;
        this.addresses = addresses;
        this.ttlSeconds = ttlSeconds;
    }

    @Serdeable
    public record TokenRequest(@Nullable String apiKey) {
        @Override
        public String toString() {
            return "TokenRequest[key hidden]";
        }
    }

    @Serdeable
    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public TokenResponse createToken(HttpRequest<?> http, @Body TokenRequest request) {
        Duration wait = admit(addresses.of(http));
        if (!wait.isZero()) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Rate limited",
                    "Too many token requests from this address; retry after the number of seconds in Retry-After."
                            + " A token lasts " + ttlSeconds + " s: keep it and reuse it until it expires.")
                    .retryAfter(wait);
        }
        if (request.apiKey() == null || request.apiKey().isBlank()) {
            throw ApiProblem.invalid("apiKey", "is required");
        }
        ApiKey key = authenticate.authenticate(request.apiKey()).orElseThrow(() -> new ApiProblem(
                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized",
                "The API key is not valid: unknown, mistyped or revoked."));
        Map<String, Object> tenant = switch (key.owner()) {
            case ApiKeyOwner.OfBusiness b -> Map.of("tenant_type", "business", "tenant", b.business().toString());
            case ApiKeyOwner.OfReseller r -> Map.of("tenant_type", "reseller", "tenant", r.reseller().toString());
        };
        Authentication who = Authentication.build(key.id().toString(),
                key.scopes().stream().map(Scope::label).sorted().toList(), tenant);
        String token = tokens.generateToken(who, ttlSeconds).orElseThrow(() -> new IllegalStateException(
                "no token signer is configured"));
        return new TokenResponse(token, "Bearer", ttlSeconds);
    }

    /** Like the per-key limit: when Redis cannot answer, the request goes ahead (warned once a minute). */
    private Duration admit(String address) {
        try {
            return limit.admit(address).toCompletableFuture()
                    .get(LIMIT_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the token request limit", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            unchecked.admitted(e);
            return Duration.ZERO;
        }
    }
}
