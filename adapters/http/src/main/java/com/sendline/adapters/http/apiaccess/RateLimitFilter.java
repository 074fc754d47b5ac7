package com.sendline.adapters.http.apiaccess;

import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.ApiProblemHandler;
import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyRateLimit;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Every authenticated partner API call counts against its API key's rate; over it, 429 {@code RATE_LIMITED} with
 * {@code Retry-After}. Runs after authentication, so only real keys are counted. When Redis cannot answer, calls
 * go through: a rate limit is protection, not a reason to fail a partner's request.
 */
@ServerFilter("/api/v1/**")
public final class RateLimitFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private final ApiKeyRateLimit limits;
    private final UncheckedAdmissions unchecked = new UncheckedAdmissions(LOG,
            "Rate limits unavailable, admitting partner API calls unchecked: {}");

    public RateLimitFilter(ApiKeyRateLimit limits) {
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    public Publisher<MutableHttpResponse<?>> admit(HttpRequest<?> request,
                                                   FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (caller == null) {
            return next.proceed();
        }
        ApiKeyId key;
        try {
            key = ApiKeyId.parse(caller.getName());
        } catch (IllegalArgumentException e) {
            return next.proceed();
        }
        CompletionStage<Duration> asking;
        try {
            asking = limits.admit(key);
        } catch (RuntimeException e) {
            unchecked.admitted(e);
            return next.proceed();
        }
        if (asking instanceof CompletableFuture<?> known && known.isDone() && !known.isCompletedExceptionally()
                && Duration.ZERO.equals(known.join())) {
            // Admitted from this instance's lease: no Redis answer to wait for, so no Reactor hop either.
            return next.proceed();
        }
        return Mono.fromCompletionStage(asking)
                .onErrorResume(e -> {
                    unchecked.admitted(e);
                    return Mono.just(Duration.ZERO);
                })
                .flatMap(wait -> wait.isZero() ? Mono.from(next.proceed()) : Mono.just(limited(request, wait)));
    }


    private static MutableHttpResponse<?> limited(HttpRequest<?> request, Duration wait) {
        return ApiProblemHandler.response(request, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Rate limited", "This API key is making calls faster than its limit; retry after the number of"
                        + " seconds in Retry-After.").retryAfter(wait));
    }
}
