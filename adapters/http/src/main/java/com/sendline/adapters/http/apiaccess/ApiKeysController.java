package com.sendline.adapters.http.apiaccess;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem.FieldError;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.apiaccess.RevokeApiKey;
import com.sendline.application.apiaccess.UnknownApiKey;
import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.ApiKeys;
import com.sendline.domain.apiaccess.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The caller's own API keys — its business's, or its reseller's for a reseller key: list them ({@code keys:read}),
 * make one ({@code keys:write}; the secret is in the answer once and never again), revoke one ({@code keys:write};
 * it gets no more tokens, and tokens already issued run out within {@code API_TOKEN_TTL}).
 */
@Secured("keys:read")
@ProblemResponses
@Controller("/api/v1/api-keys")
public final class ApiKeysController {
    private final ApiTenant tenant;
    private final ApiKeys keys;
    private final CreateApiKey create;
    private final RevokeApiKey revoke;

    public ApiKeysController(ApiTenant tenant, ApiKeys keys, CreateApiKey create, RevokeApiKey revoke) {
        this.tenant = tenant;
        this.keys = keys;
        this.create = create;
        this.revoke = revoke;
    }

    @Serdeable
    public record KeyBody(String id, String name, String prefix, List<String> scopes, Instant createdAt,
                          @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        static KeyBody of(ApiKey k) {
            return new KeyBody(k.id().toString(), k.name(), k.prefix(),
                    k.scopes().stream().map(Scope::label).sorted().toList(), k.createdAt(), k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    /** A new key: {@code apiKey} is its whole secret text, shown in this answer only. */
    @Serdeable
    public record CreatedKey(String id, String name, String prefix, List<String> scopes, Instant createdAt,
                             String apiKey) {
        @Override
        public String toString() {
            return "CreatedKey[" + id + ", " + prefix + ", secret hidden]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewKey(@Nullable String name, @Nullable List<String> scopes) {
    }

    @Serdeable
    public record KeyList(List<KeyBody> data) {
    }

    /** The owner's keys, newest first, revoked ones included (with {@code revokedAt}). */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public KeyList listApiKeys(Authentication caller) {
        return new KeyList(keys.list(tenant.owner(caller)).stream().map(KeyBody::of).toList());
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201",
            description = "The key, with its secret text shown this once",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CreatedKey.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("keys:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<CreatedKey> createApiKey(Authentication caller, @Body NewKey request) {
        ApiKeyOwner owner = tenant.owner(caller);
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            errors.add(new FieldError("name", "is required, 1 to 100 characters"));
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            errors.add(new FieldError("scopes", "needs at least one scope"));
        } else {
            for (String label : request.scopes()) {
                Scope.fromLabel(label == null ? "" : label.trim()).ifPresentOrElse(scopes::add,
                        () -> errors.add(new FieldError("scopes", "unknown scope '" + label + "'")));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        List<String> beyond = scopes.stream().map(Scope::label).filter(l -> !caller.getRoles().contains(l))
                .sorted().toList();
        if (!beyond.isEmpty()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN_SCOPE", "Forbidden",
                    "A key cannot give a new key scopes it does not have itself: " + String.join(", ", beyond) + ".");
        }
        // No Idempotency-Key here: replaying the answer would mean keeping the key's secret text, which is never
        // stored. A retried create makes a second key; list and revoke the spare.
        CreateApiKey.Created created = create.create(owner, request.name().trim(), scopes);
        KeyBody body = KeyBody.of(created.key());
        return HttpResponse.created(new CreatedKey(body.id(), body.name(), body.prefix(), body.scopes(),
                body.createdAt(), created.plaintext())).header("Location", "/api/v1/api-keys/" + body.id());
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Revoked")
    @Delete("/{keyId}")
    @Secured("keys:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> revokeApiKey(Authentication caller, @PathVariable String keyId) {
        try {
            revoke.revoke(tenant.owner(caller), ApiKeyId.parse(keyId));
        } catch (UnknownApiKey | IllegalArgumentException e) {
            throw ApiProblem.notFound("API key " + keyId);
        }
        return HttpResponse.noContent();
    }
}
