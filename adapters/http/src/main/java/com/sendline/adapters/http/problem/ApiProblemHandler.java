package com.sendline.adapters.http.problem;

import com.sendline.adapters.http.operations.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces(Problem.CONTENT_TYPE)
public final class ApiProblemHandler implements ExceptionHandler<ApiProblem, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiProblem problem) {
        return response(request, problem);
    }

    /** The answer for a problem, for filters that answer before any controller runs. */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ApiProblem problem) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(problem.status())
                .contentType(Problem.CONTENT_TYPE)
                .body(problem.toProblem(RequestIds.of(request)));
        Long retryAfter = problem.retryAfterSeconds();
        if (retryAfter != null) {
            response.header(io.micronaut.http.HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        return response;
    }
}
