package com.sendline.adapters.http.apiaccess;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * The bearer token's caller, as Micronaut's {@link TokenAuthenticationFetcher} finds it, without what that one adds
 * for every request: resolving the request's host and locale for a {@code TokenValidatedEvent} that nothing here
 * listens to (3 % of the JVM's CPU at 5,000 partner API calls a second), and a stream over the token readers (2 %).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public final class BearerAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final List<TokenReader<HttpRequest<?>>> readers;
    private final List<TokenValidator<HttpRequest<?>>> validators;

    public BearerAuthenticationFetcher(List<TokenReader<HttpRequest<?>>> readers,
                                       List<TokenValidator<HttpRequest<?>>> validators) {
        this.readers = readers.stream().sorted(OrderUtil.COMPARATOR).toList();
        this.validators = validators;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String value = token(request);
        if (value == null) {
            return Mono.empty();
        }
        // In order, the first that knows the token decides: the remembered tokens first, then the JWT check.
        return Flux.fromIterable(validators)
                .concatMap(validator -> validator.validateToken(value, request))
                .next()
                .doOnNext(who -> request.setAttribute(SecurityFilter.TOKEN, value));
    }

    /** The first reader's token (in their order, as Micronaut's resolver takes it), without its stream per request. */
    private String token(HttpRequest<?> request) {
        for (TokenReader<HttpRequest<?>> reader : readers) {
            Optional<String> token = reader.findToken(request);
            if (token.isPresent()) {
                return token.get();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
