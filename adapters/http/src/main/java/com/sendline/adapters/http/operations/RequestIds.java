package com.sendline.adapters.http.operations;

import io.micronaut.http.HttpRequest;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The correlation id of a request: the caller's {@code X-Request-Id} when it is sane, a fresh one otherwise. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = "sendline.requestId";
    // Caller-supplied ids end up in logs: refuse anything that could forge log lines or bloat them.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String fromHeaderOrNew(String header) {
        if (header != null && SANE.matcher(header).matches()) {
            return header;
        }
        // A correlation id, not a secret: it is returned to the caller and logged. No SecureRandom (a lock and a
        // system call per request) needed.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    /** The id the filter gave this request (or a new one for requests that never reached it). */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class)
                .orElseGet(() -> fromHeaderOrNew(request.getHeaders().get(HEADER)));
    }
}
