package com.sendline.adapters.http.operations;

import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.core.order.Ordered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a correlation id — taken from {@code X-Request-Id} or made up — that appears on every log line
 * written while serving it (through the propagated MDC, across thread hops) and is returned in the response, then
 * writes one access-log line. The query string is never logged: it may carry tokens.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public final class RequestIdFilter implements Ordered {
    private static final Logger ACCESS = LoggerFactory.getLogger("sendline.access");
    private static final String STARTED = "sendline.startedNanos";

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = RequestIds.fromHeaderOrNew(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new RequestIdLogContext(id));
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        response.getHeaders().set(RequestIds.HEADER, id);
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        long micros = (System.nanoTime() - started) / 1_000;
        String path = request.getPath();
        if (path.startsWith("/health") || path.startsWith("/prometheus")) {
            // Probes hit these every few seconds; keep them out of the default log.
            ACCESS.debug("{} {} {} {}us", request.getMethodName(), path, response.code(), micros);
        } else {
            ACCESS.info("{} {} {} {}us", request.getMethodName(), path, response.code(), micros);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
