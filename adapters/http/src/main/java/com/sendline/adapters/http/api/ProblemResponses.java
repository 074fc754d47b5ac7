package com.sendline.adapters.http.api;

import com.sendline.adapters.http.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, on a controller of the partner API, that its errors are problem documents: the OpenAPI document then
 * lists a {@code default} response of type {@code application/problem+json} ({@link Problem}) on each operation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "4XX", description = "An error, as a problem document with a stable `code`",
        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface ProblemResponses {
}
