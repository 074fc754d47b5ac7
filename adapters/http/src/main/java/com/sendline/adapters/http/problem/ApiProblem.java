package com.sendline.adapters.http.problem;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** Thrown by a controller to answer with a problem document instead of its normal body. */
public final class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

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

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String requestId) {
        Problem base = Problem.of(status.getCode(), code, title, getMessage(), requestId);
        return new Problem(base.type(), base.title(), base.status(), base.detail(), base.code(), base.requestId(),
                errors);
    }
}
