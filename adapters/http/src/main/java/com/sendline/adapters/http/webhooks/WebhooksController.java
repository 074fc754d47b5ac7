package com.sendline.adapters.http.webhooks;

import com.sendline.adapters.http.api.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.sendline.adapters.http.api.IdempotentPosts;
import com.sendline.adapters.http.api.Page;
import com.sendline.adapters.http.api.PageRequest;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem;
import com.sendline.application.webhook.RedeliverWebhook;
import com.sendline.application.webhook.RemoveWebhook;
import com.sendline.application.webhook.SubscribeWebhook;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.InvalidWebhookSubscription;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookDelivery;
import com.sendline.domain.webhook.WebhookDeliveryId;
import com.sendline.domain.webhook.WebhookEvent;
import com.sendline.domain.webhook.WebhookSubscription;
import com.sendline.domain.webhook.WebhookSubscriptionId;
import com.sendline.domain.webhook.WebhookSubscriptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The calling business's webhook subscriptions and their deliveries (reading needs {@code webhooks:read}, changes
 * {@code webhooks:write}). Another business's subscription or delivery is 404, like a missing one.
 */
@Secured("webhooks:read")
@ProblemResponses
@Controller("/api/v1/webhooks")
public final class WebhooksController {
    private final ApiTenant tenant;
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final SubscribeWebhook subscribe;
    private final RemoveWebhook remove;
    private final RedeliverWebhook redeliver;

    private final IdempotentPosts idempotent;

    public WebhooksController(ApiTenant tenant, WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
                              SubscribeWebhook subscribe, RemoveWebhook remove, RedeliverWebhook redeliver,
                              IdempotentPosts idempotent) {
        this.idempotent = idempotent;
        this.tenant = tenant;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.subscribe = subscribe;
        this.remove = remove;
        this.redeliver = redeliver;
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SubscribeRequest(@Nullable String url, @Nullable List<String> events, @Nullable String description) {
    }

    /** A subscription; {@code secret} only in the answer to its creation. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionBody(String id, String url, List<String> events, @Nullable String description,
                                   Instant createdAt, @Nullable String secret) {
        static SubscriptionBody of(WebhookSubscription s, String secret) {
            return new SubscriptionBody(s.id().toString(), s.url().toString(),
                    s.events().stream().map(WebhookEvent::label).toList(), s.description(), s.createdAt(), secret);
        }
    }

    @Serdeable
    public record DeliveryBody(String id, String event, String status, int attempts, @Nullable Integer lastStatusCode,
                               @Nullable String lastError, @Nullable Instant nextAttemptAt, Instant createdAt,
                               @Nullable Instant deliveredAt) {
        static DeliveryBody of(WebhookDelivery d) {
            return new DeliveryBody(d.id().toString(), d.event().label(), d.status().label(), d.attempts(),
                    d.lastStatusCode(), d.lastError(), d.nextAttemptAt(), d.createdAt(), d.deliveredAt());
        }
    }

    /** Subscribes a URL to events; the answer carries the signing secret, shown this once. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The subscription, with its signing secret (shown once)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SubscriptionBody.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("webhooks:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<SubscriptionBody> createWebhook(Authentication caller,
                                                 @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                                 @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                                 @Body SubscribeRequest request) {
        BusinessId id = tenant.business(caller, business);
        // A replayed answer repeats the signing secret, which the subscription keeps anyway (to sign with).
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/webhooks " + id, request,
                SubscriptionBody.class, HttpStatus.CREATED, (java.util.UUID reserved) -> {
                    try {
                        // The id an Idempotency-Key reserved: a retry after a crash finds the subscription it made.
                        SubscribeWebhook.Created created = reserved == null
                                ? subscribe.subscribe(id, request.url(), request.events(), request.description())
                                : subscribe.subscribe(id, request.url(), request.events(), request.description(),
                                        new WebhookSubscriptionId(reserved));
                        return SubscriptionBody.of(created.subscription(), created.secret().reveal());
                    } catch (InvalidWebhookSubscription e) {
                        throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                                e.getMessage() + ".", e.problems().stream()
                                .map(p -> new Problem.FieldError(p.field(), p.message())).toList());
                    }
                }, w -> "/api/v1/webhooks/" + w.id());
    }

    /** Newest first, paginated. */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page<SubscriptionBody> listWebhooks(Authentication caller,
                                       @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                       @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        BusinessId id = tenant.business(caller, business);
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(subscriptions.list(id, position(page), page.limit() + 1), page,
                s -> SubscriptionBody.of(s, null),
                s -> PageRequest.cursorAfter(s.createdAt().toString(), s.id().toString()));
    }

    @Get(value = "/{webhookId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SubscriptionBody getWebhook(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                @PathVariable String webhookId) {
        BusinessId id = tenant.business(caller, business);
        return SubscriptionBody.of(find(id, webhookId), null);
    }

    /** Ends the subscription; deliveries not yet made are dropped with it. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted")
    @Delete("/{webhookId}")
    @Secured("webhooks:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> deleteWebhook(Authentication caller,
                                     @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                     @PathVariable String webhookId) {
        BusinessId id = tenant.business(caller, business);
        if (!remove.remove(id, parse(webhookId))) {
            throw notFound("webhook " + webhookId);
        }
        return HttpResponse.noContent();
    }

    /** The subscription's deliveries, newest first, paginated. */
    @Get(value = "/{webhookId}/deliveries", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page<DeliveryBody> listDeliveries(Authentication caller,
                                         @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                         @PathVariable String webhookId, @QueryValue @Nullable Integer limit,
                                         @QueryValue @Nullable String cursor) {
        BusinessId id = tenant.business(caller, business);
        WebhookSubscription subscription = find(id, webhookId);
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(deliveries.list(id, subscription.id(), position(page), page.limit() + 1), page,
                DeliveryBody::of, d -> PageRequest.cursorAfter(d.createdAt().toString(), d.id().toString()));
    }

    /** Queues the delivery again now, whatever its state (a dead one too), with a fresh count of tries. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Queued for delivery now")
    @Post("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @Secured("webhooks:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> redeliver(Authentication caller,
                                        @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                        @PathVariable String webhookId, @PathVariable String deliveryId) {
        BusinessId id = tenant.business(caller, business);
        WebhookDeliveryId delivery;
        try {
            delivery = WebhookDeliveryId.parse(deliveryId);
        } catch (IllegalArgumentException e) {
            throw notFound("delivery " + deliveryId);
        }
        if (!redeliver.redeliver(id, parse(webhookId), delivery)) {
            throw notFound("delivery " + deliveryId);
        }
        return HttpResponse.accepted();
    }

    private WebhookSubscription find(BusinessId business, String webhookId) {
        return subscriptions.find(business, parse(webhookId)).orElseThrow(() -> notFound("webhook " + webhookId));
    }

    private static WebhookSubscriptions.Position position(PageRequest page) {
        if (page.first()) {
            return null;
        }
        try {
            return new WebhookSubscriptions.Position(Instant.parse(page.part(0, 2)),
                    UUID.fromString(page.part(1, 2)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw PageRequest.badCursor();
        }
    }

    private static WebhookSubscriptionId parse(String webhookId) {
        try {
            return WebhookSubscriptionId.parse(webhookId);
        } catch (IllegalArgumentException e) {
            throw notFound("webhook " + webhookId);
        }
    }

    private static ApiProblem notFound(String what) {
        return ApiProblem.notFound("" + what);
    }
}
