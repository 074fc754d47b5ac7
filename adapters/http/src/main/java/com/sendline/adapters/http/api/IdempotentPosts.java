package com.sendline.adapters.http.api;

import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem;
import com.sendline.application.apiaccess.RunOnce;
import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.IdempotencyKey;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the partner API's POSTs. The request is fingerprinted by route and canonical body (the
 * parsed request re-serialised, so whitespace and key order do not matter); the first answer under a key is kept
 * and replayed, marked {@code Idempotent-Replayed: true}. Without the header a POST simply runs.
 */
@Singleton
public final class IdempotentPosts {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final RunOnce runOnce;
    private final JsonMapper json;

    public IdempotentPosts(RunOnce runOnce, JsonMapper json) {
        this.runOnce = runOnce;
        this.json = json;
    }

    /**
     * @param route    names the operation, e.g. {@code POST /api/v1/messages} (with path ids filled in)
     * @param request  the parsed body (or any value standing for the request's content)
     * @param status   the status of a fresh answer (201 for a create)
     * @param location where the created resource lives, from the answer's body; null for none
     */
    public <T> HttpResponse<T> respond(Authentication caller, String idempotencyKey, String route, Object request,
                                       Class<T> type, HttpStatus status, Supplier<T> action,
                                       Function<T, String> location) {
        return respond(caller, idempotencyKey, route, request, type, status, reserved -> action.get(), location);
    }

    /**
     * As the other {@code respond}, for a create that can be idempotent on the new resource's id: {@code action} is
     * given the id the key reserved ({@link RunOnce#run(IdempotencyKey, String, Function)}), the same again for a
     * retry that takes over from a request that died before answering; null when the request has no key.
     */
    public <T> HttpResponse<T> respond(Authentication caller, String idempotencyKey, String route, Object request,
                                       Class<T> type, HttpStatus status, Function<UUID, T> action,
                                       Function<T, String> location) {
        if (idempotencyKey == null) {
            return withLocation(HttpResponse.<T>status(status).body(action.apply(null)), location);
        }
        IdempotencyKey key = key(caller, idempotencyKey);
        RunOnce.Answer answer;
        Object[] fresh = new Object[1];
        try {
            answer = runOnce.run(key, fingerprint(route, request), (UUID reserved) -> {
                T body = action.apply(reserved);
                fresh[0] = body;
                return new RunOnce.Answer(status.getCode(), write(body));
            });
        } catch (RunOnce.KeyReused e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "Idempotency-Key " + idempotencyKey + " was already used with a different request; use a new"
                            + " key for a new request.");
        } catch (RunOnce.StillRunning e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_USE", "Request in progress",
                    "A request with Idempotency-Key " + idempotencyKey + " is still being processed; retry shortly.")
                    .retryAfter(Duration.ofSeconds(1));
        }
        if (fresh[0] != null) {
            @SuppressWarnings("unchecked")
            T body = (T) fresh[0];
            return withLocation(HttpResponse.<T>status(status).body(body), location);
        }
        T replayed = read(answer.body(), type);
        return withLocation(HttpResponse.<T>status(HttpStatus.valueOf(answer.status())).body(replayed), location)
                .header(REPLAYED, "true");
    }

    private static <T> MutableHttpResponse<T> withLocation(MutableHttpResponse<T> response, Function<T, String> location) {
        if (location != null && response.body() != null) {
            response.header(HttpHeaders.LOCATION, location.apply(response.body()));
        }
        return response;
    }

    private static IdempotencyKey key(Authentication caller, String value) {
        try {
            return new IdempotencyKey(ApiKeyId.parse(caller.getName()), value);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed", e.getMessage(),
                    List.of(new Problem.FieldError(HEADER, e.getMessage())));
        }
    }

    private String fingerprint(String route, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(route.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
