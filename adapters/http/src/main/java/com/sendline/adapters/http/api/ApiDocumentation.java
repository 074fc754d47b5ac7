package com.sendline.adapters.http.api;

import com.sendline.adapters.http.problem.Problem;
import io.micronaut.openapi.annotation.OpenAPIExclude;
import io.micronaut.openapi.annotation.OpenAPIExtraSchema;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/**
 * The head of the OpenAPI document that micronaut-openapi writes at compile time from the controllers (their
 * Javadoc becomes the descriptions). Only the partner API is in it: the operational, dashboard and Meta-facing
 * routes are left out, so a generated client has nothing it may not call.
 */
@OpenAPIDefinition(
        info = @Info(
                title = "Sendline Partner API",
                version = "v1",
                description = """
                        Drive a Sendline business from your own software: devices, messages, schedules, contacts \
                        and webhooks.

                        Exchange an API key for a bearer token at `POST /api/v1/auth/token` and send it as \
                        `Authorization: Bearer <token>`. Each key carries scopes (`devices:read`, \
                        `messages:write`, ...); an endpoint answers 403 `FORBIDDEN_SCOPE` to a token without its \
                        scope. A reseller's token names the business it acts for in `Sendline-Business-Id`.

                        Every error is an `application/problem+json` document (schema `Problem`) with a stable \
                        `code` to branch on; another tenant's id answers 404 `NOT_FOUND`, exactly like a missing \
                        one."""),
        servers = @Server(url = "/", description = "This Sendline installation"))
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A token from POST /api/v1/auth/token; its scopes are the key's.")
@OpenAPIExtraSchema(classes = {Problem.class, Problem.FieldError.class})
@OpenAPIExclude(packages = {
        "com.sendline.adapters.http.operations",
        "com.sendline.adapters.http.realtime",
        "com.sendline.adapters.http.tenancy"},
        classNames = "com.sendline.adapters.http.webhooks.CloudWebhookController")
public final class ApiDocumentation {
    /** The security scheme every scoped operation requires. */
    public static final String BEARER = "bearerAuth";

    private ApiDocumentation() {
    }
}
