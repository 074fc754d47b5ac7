package com.sendline.adapters.http.apiaccess;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.apiaccess.AuthenticateApiKey;
import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
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

import java.util.Map;

/**
 * Exchanges an API key for a short-lived signed JWT. The token names the key ({@code sub}), the tenant it acts for
 * ({@code tenant_type}, {@code tenant}) and the key's scopes ({@code roles}, so endpoints can require one).
 */
@ProblemResponses
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1/auth")
public final class TokenController {
    private final AuthenticateApiKey authenticate;
    private final TokenGenerator tokens;
    private final int ttlSeconds;

    public TokenController(AuthenticateApiKey authenticate, TokenGenerator tokens,
                           @Value("${sendline.api.token-ttl-seconds:3600}") int ttlSeconds) {
        this.authenticate = authenticate;
        this.tokens = tokens;
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
    public TokenResponse createToken(@Body TokenRequest request) {
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
}
