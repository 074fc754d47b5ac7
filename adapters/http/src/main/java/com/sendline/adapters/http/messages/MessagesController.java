package com.sendline.adapters.http.messages;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.api.IdempotentPosts;
import com.sendline.adapters.http.api.IsoInstants;
import com.sendline.adapters.http.api.Page;
import com.sendline.adapters.http.api.PageRequest;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem.FieldError;
import com.sendline.application.scheduling.CancelMessage;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.application.scheduling.UnknownMessage;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageQuery;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.NotAllowedNow;
import com.sendline.domain.scheduling.QuotaGate;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;
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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The calling business's messages: schedule one ({@code messages:write}), list and read them
 * ({@code messages:read}), cancel one that has not started sending ({@code messages:write}).
 */
@Secured("messages:read")
@ProblemResponses
@Controller("/api/v1/messages")
public final class MessagesController {
    private final ApiTenant tenant;
    private final ScheduleMessage schedule;
    private final CancelMessage cancel;
    private final MessageStore messages;
    private final IdempotentPosts idempotent;

    public MessagesController(ApiTenant tenant, ScheduleMessage schedule, CancelMessage cancel, MessageStore messages,
                              IdempotentPosts idempotent) {
        this.tenant = tenant;
        this.schedule = schedule;
        this.cancel = cancel;
        this.messages = messages;
        this.idempotent = idempotent;
    }

    /**
     * Schedules a message: {@code 201} with the message and its {@code Location}. Without {@code sendAt} (or with
     * one in the past) it is due now. Retrying with the same {@code Idempotency-Key} and body returns the first
     * answer and creates nothing; the same key with another body is 422 {@code IDEMPOTENCY_KEY_REUSED}.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The scheduled message, with its Location",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MessageView.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("messages:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<MessageView> createMessage(Authentication caller,
                                            @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                            @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                            @Body NewMessage request) {
        BusinessId id = tenant.business(caller, business);
        ScheduleMessage.Request valid = validate(id, request);
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/messages " + id, request, MessageView.class,
                HttpStatus.CREATED, reserved -> MessageView.of(scheduled(valid, reserved)),
                m -> "/api/v1/messages/" + m.id());
    }

    /**
     * Lists messages newest first. Filters: {@code status} (comma-separated), {@code deviceId}, and a window of
     * send instants, {@code sendAtFrom} (inclusive) to {@code sendAtTo} (exclusive).
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page<MessageView> listMessages(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                  @QueryValue @Nullable String status, @QueryValue @Nullable String deviceId,
                                  @QueryValue @Nullable String sendAtFrom, @QueryValue @Nullable String sendAtTo,
                                  @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        BusinessId id = tenant.business(caller, business);
        PageRequest page = PageRequest.of(limit, cursor);
        List<FieldError> errors = new ArrayList<>();
        Set<MessageStatus> statuses = statuses(status, errors);
        DeviceId device = null;
        if (deviceId != null && !deviceId.isBlank()) {
            try {
                device = DeviceId.parse(deviceId);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("deviceId", "is not a device id"));
            }
        }
        Instant from = instant("sendAtFrom", sendAtFrom, errors);
        Instant to = instant("sendAtTo", sendAtTo, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("sendAtTo", "must be after sendAtFrom"));
        }
        failOn(errors);
        MessageId before = null;
        if (!page.first()) {
            try {
                before = MessageId.parse(page.part(0, 1));
            } catch (IllegalArgumentException e) {
                throw PageRequest.badCursor();
            }
        }
        List<com.sendline.domain.scheduling.ScheduledMessage> rows = messages.list(
                new MessageQuery(id, statuses, device, from, to, before, page.limit() + 1));
        return Page.of(rows, page, MessageView::of, m -> PageRequest.cursorAfter(m.id().toString()));
    }

    @Get(value = "/{messageId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MessageView getMessage(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                           @PathVariable String messageId) {
        BusinessId id = tenant.business(caller, business);
        return messages.find(id, parse(messageId)).map(MessageView::of).orElseThrow(() -> notFound(messageId));
    }

    /**
     * Cancels a message that has not started sending: {@code 200} with the cancelled message; 409
     * {@code ALREADY_SENDING} once a worker has it, 409 {@code ALREADY_FINISHED} when it is sent, failed or
     * cancelled.
     */
    @Delete(value = "/{messageId}", produces = MediaType.APPLICATION_JSON)
    @Secured("messages:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MessageView cancelMessage(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                              @PathVariable String messageId) {
        BusinessId id = tenant.business(caller, business);
        try {
            return MessageView.of(cancel.cancel(id, parse(messageId)));
        } catch (UnknownMessage e) {
            throw notFound(messageId);
        } catch (NotAllowedNow e) {
            throw new ApiProblem(HttpStatus.CONFLICT, e.code(), "Cannot cancel", e.getMessage());
        }
    }

    private ScheduleMessage.Request validate(BusinessId business, NewMessage request) {
        List<FieldError> errors = new ArrayList<>();
        DeviceId device = null;
        if (request.deviceId() == null || request.deviceId().isBlank()) {
            errors.add(new FieldError("deviceId", "is required"));
        } else {
            try {
                device = DeviceId.parse(request.deviceId());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("deviceId", "is not a device id"));
            }
        }
        if (request.to() == null || request.to().isBlank()) {
            errors.add(new FieldError("to", "is required"));
        }
        if (request.body() == null || request.body().isBlank()) {
            errors.add(new FieldError("body", "is required"));
        } else {
            try {
                new MessageBody(request.body());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("body", e.getMessage()));
            }
        }
        Instant sendAt = instant("sendAt", request.sendAt(), errors);
        failOn(errors);
        return new ScheduleMessage.Request(business, device, request.to(), request.body(), sendAt);
    }

    /** @param reserved the id an {@code Idempotency-Key} reserved for the message; null without one */
    private com.sendline.domain.scheduling.ScheduledMessage scheduled(ScheduleMessage.Request request,
                                                                      @Nullable java.util.UUID reserved) {
        try {
            return reserved == null ? schedule.schedule(request)
                    : schedule.schedule(request, new MessageId(reserved));
        } catch (UnknownDevice e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No device " + request.device() + ".",
                    List.of(new FieldError("deviceId", "no such device")));
        } catch (RecipientNumbers.InvalidRecipient e) {
            throw ApiProblem.invalid(List.of(new FieldError("to", e.getMessage())));
        } catch (QuotaGate.QuotaExceeded e) {
            throw new ApiProblem(HttpStatus.PAYMENT_REQUIRED, e.code(), "Quota exceeded", e.getMessage());
        } catch (NotAllowedNow e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), "Not allowed now", e.getMessage());
        }
    }

    private static Set<MessageStatus> statuses(String status, List<FieldError> errors) {
        Set<MessageStatus> statuses = EnumSet.noneOf(MessageStatus.class);
        if (status == null || status.isBlank()) {
            return statuses;
        }
        for (String s : status.split(",")) {
            try {
                statuses.add(MessageStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "unknown status '" + s.trim() + "'; one of scheduled, sending,"
                        + " sent, delivered, read, failed, cancelled"));
            }
        }
        return statuses;
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return IsoInstants.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "is not an ISO-8601 instant with an offset, e.g. 2027-01-31T09:00:00Z"));
            return null;
        }
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }


    private static MessageId parse(String messageId) {
        try {
            return MessageId.parse(messageId);
        } catch (IllegalArgumentException e) {
            throw notFound(messageId);
        }
    }

    private static ApiProblem notFound(String messageId) {
        return ApiProblem.notFound("message " + messageId);
    }
}
