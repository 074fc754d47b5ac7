package com.sendline.adapters.http.apiaccess;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that checked out, until they expire. A partner sends the same bearer token on every call for an
 * hour; checking its HMAC again each time (on another thread, as the JWT validator does) was a tenth of a request's
 * CPU. Nothing is lost by remembering: a JWT is valid until its {@code exp} whatever happens meanwhile — revoking a
 * key stops new tokens, not issued ones — and a forged or expired token is never remembered.
 */
@Singleton
public final class CachedTokenValidator implements TokenValidator<HttpRequest<?>> {
    /** Enough for every live token of a large installation; past it the cache starts over rather than grow. */
    static final int MAX_TOKENS = 50_000;
    @SuppressWarnings("rawtypes")
    private final ReactiveJsonWebTokenValidator jwt;
    private final ConcurrentHashMap<String, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(Authentication who, Instant until) {
    }

    @SuppressWarnings("rawtypes")
    public CachedTokenValidator(ReactiveJsonWebTokenValidator jwt) {
        this.jwt = jwt;
    }

    @Override
    public int getOrder() {
        // Before the JWT validator: a remembered token needs no second look.
        return jwt.getOrder() - 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Checked known = checked.get(token);
        Instant now = Instant.now();
        if (known != null) {
            if (now.isBefore(known.until())) {
                return Mono.just(known.who());
            }
            checked.remove(token, known);
        }
        Publisher<Authentication> checking = jwt.validateToken(token, request);
        return Mono.from(checking).doOnNext(who -> {
            Instant until = expiry(who);
            if (until != null && now.isBefore(until)) {
                if (checked.size() >= MAX_TOKENS) {
                    checked.clear();
                }
                checked.put(token, new Checked(who, until));
            }
        });
    }

    /** How many tokens are remembered now. */
    public int remembered() {
        return checked.size();
    }

    /** The token's {@code exp}, or null when it has none (such a token is checked every time). */
    private static Instant expiry(Authentication who) {
        Object exp = who.getAttributes().get("exp");
        return switch (exp) {
            case Date d -> d.toInstant();
            case Instant i -> i;
            case Number n -> Instant.ofEpochSecond(n.longValue());
            case null, default -> null;
        };
    }
}
