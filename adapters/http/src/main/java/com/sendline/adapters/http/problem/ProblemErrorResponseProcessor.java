package com.sendline.adapters.http.problem;

import com.sendline.adapters.http.operations.RequestIds;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error the framework produces (no such route, wrong method, unreadable body, unexpected exception)
 * into a problem document with a stable code. A 5xx never carries the exception's text: that stays in the log,
 * under the same request id the client is given.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String requestId = RequestIds.of(context.getRequest());
        String detail;
        if (status.getCode() >= 500) {
            context.getRootCause().ifPresent(e -> LOG.error("Unhandled error answering {} {}",
                    context.getRequest().getMethodName(), context.getRequest().getPath(), e));
            detail = "Something went wrong on our side. Quote request id " + requestId + " when reporting it.";
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        }
        Problem problem = Problem.of(status.getCode(), codeFor(status), status.getReason(), detail, requestId);
        return response.contentType(Problem.CONTENT_TYPE).body(problem);
    }

    static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "MALFORMED_REQUEST";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case REQUEST_ENTITY_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case TOO_MANY_REQUESTS -> "RATE_LIMITED";
            case SERVICE_UNAVAILABLE -> "UNAVAILABLE";
            default -> status.getCode() >= 500 ? "INTERNAL_ERROR" : "REQUEST_REJECTED";
        };
    }
}
