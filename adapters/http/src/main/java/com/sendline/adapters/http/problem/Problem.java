package com.sendline.adapters.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error Sendline's HTTP API returns. {@code code} is the stable,
 * machine-readable part clients branch on; {@code title} and {@code detail} are for people and may be reworded.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String requestId,
                      // Present only when there are field errors (VALIDATION_FAILED).
                      @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    @Serdeable
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String title, String detail, String requestId) {
        return new Problem("https://docs.sendline.dev/problems/" + code.toLowerCase().replace('_', '-'), title,
                status, detail, code, requestId, List.of());
    }
}
