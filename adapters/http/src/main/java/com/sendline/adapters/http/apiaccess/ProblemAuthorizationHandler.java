package com.sendline.adapters.http.apiaccess;

import com.sendline.adapters.http.operations.RequestIds;
import com.sendline.adapters.http.problem.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A call the security rules refuse gets a problem document like every other error: 401 {@code UNAUTHORIZED}
 * without a valid token (missing, malformed, expired, signed with another key), 403 {@code FORBIDDEN_SCOPE} when
 * the token is good but its key lacks the scope the endpoint requires.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Produces(Problem.CONTENT_TYPE)
public final class ProblemAuthorizationHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        String requestId = RequestIds.of(request);
        if (e.isForbidden()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(Problem.CONTENT_TYPE)
                    .body(Problem.of(403, "FORBIDDEN_SCOPE", "Forbidden", "The API key behind this token lacks"
                            + " the scope this endpoint requires.", requestId));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(Problem.CONTENT_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(Problem.of(401, "UNAUTHORIZED", "Unauthorized", "A valid bearer token is required: get one"
                        + " at POST /api/v1/auth/token.", requestId));
    }
}
