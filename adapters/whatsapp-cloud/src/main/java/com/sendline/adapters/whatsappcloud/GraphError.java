package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What Meta said when it did not take a message: its {@code {"error":{…}}} body plus the HTTP status and any
 * {@code Retry-After}. Holds only what Meta sent back, never the request, so never the access token.
 *
 * @param code       Meta's error code (e.g. 130429), or 0 when the body was not a Graph error (a proxy's HTML page)
 * @param subcode    Meta's {@code error_subcode}, or 0
 * @param details    Meta's {@code error_data.details}, often the more useful half; null when absent
 * @param retryAfter null when the answer had no (readable) {@code Retry-After}
 */
public record GraphError(int httpStatus, int code, int subcode, String type, String message, String details,
                         String fbtraceId, Duration retryAfter) {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_TEXT = 1_000;

    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }

    /** Meta's message and details in one line, for failure messages. */
    public String describe() {
        String text = message.isBlank() ? "HTTP " + httpStatus : message;
        return details == null || details.isBlank() || text.contains(details) ? text : text + " (" + details + ")";
    }

    /**
     * Reads Meta's answer. {@code secret} (the token the request carried) is cut out of every text taken from the
     * answer: Meta does not echo tokens, but a proxy or a future error message might, and these texts end up in
     * logs and in failure messages the engine stores.
     */
    static GraphError parse(int status, String body, String retryAfterHeader, Instant now, String secret) {
        Duration retryAfter = retryAfter(retryAfterHeader, now);
        JsonNode error = null;
        try {
            JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
            error = root == null ? null : root.get("error");
        } catch (java.io.IOException e) {
            // not JSON: a gateway's page rather than Meta's answer; the status alone must do
        }
        if (error == null || !error.isObject()) {
            return new GraphError(status, 0, 0, "", "HTTP " + status, null, "", retryAfter);
        }
        JsonNode details = error.path("error_data").get("details");
        return new GraphError(status, error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                clean(error.path("type").asText(""), secret), clean(error.path("message").asText(""), secret),
                details == null || details.isNull() ? null : clean(details.asText(), secret),
                clean(error.path("fbtrace_id").asText(""), secret), retryAfter);
    }

    /** An answer that said "OK" but could not be read as one. */
    static GraphError unreadable(int status, String what) {
        return new GraphError(status, 0, 0, "", what, null, "", null);
    }

    private static String clean(String text, String secret) {
        String out = secret == null || secret.isEmpty() ? text : text.replace(secret, "[token hidden]");
        return out.length() > MAX_TEXT ? out.substring(0, MAX_TEXT) + "…" : out;
    }

    /** Seconds, or an HTTP date; nonsense counts as absent rather than failing the whole answer. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
