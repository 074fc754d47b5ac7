package com.sendline.adapters.http.problem;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** Thrown by a controller to answer with a problem document instead of its normal body. */
public final class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;
    private java.time.Duration retryAfter;

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 400 {@code VALIDATION_FAILED} listing every bad field; the detail names them all for a person to read. */
    public static ApiProblem invalid(List<Problem.FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b)
                        .orElse("invalid request") + ".", errors);
    }

    /** 400 {@code VALIDATION_FAILED} for one bad field. */
    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /**
     * 404 {@code NOT_FOUND}: "No {what}." — the same for an id that never existed and for another tenant's, so an
     * answer never tells which ids exist elsewhere.
     */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No " + what + ".");
    }

    /** Adds a {@code Retry-After} header: when the caller may try again. */
    public ApiProblem retryAfter(java.time.Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    /** @return whole seconds to put in {@code Retry-After}, or null for none */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String requestId) {
        Problem base = Problem.of(status.getCode(), code, title, getMessage(), requestId);
        return new Problem(base.type(), base.title(), base.status(), base.detail(), base.code(), base.requestId(),
                errors);
    }
}
