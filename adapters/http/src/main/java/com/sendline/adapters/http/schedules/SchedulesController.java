package com.sendline.adapters.http.schedules;

import com.sendline.adapters.http.api.IdempotentPosts;
import com.sendline.adapters.http.api.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.sendline.adapters.http.api.Page;
import com.sendline.adapters.http.api.PageRequest;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem;
import com.sendline.application.recurring.ChangeRecurringSchedule;
import com.sendline.application.recurring.CreateRecurringSchedule;
import com.sendline.application.recurring.InvalidSchedule;
import com.sendline.application.recurring.UnknownSchedule;
import com.sendline.application.recurring.UpcomingOccurrences;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.RecurrenceRule;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringScheduleId;
import com.sendline.domain.scheduling.RecurringSchedules;
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
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The calling business's recurring schedules (reading needs {@code schedules:read}, changing
 * {@code schedules:write}). Another business's schedule is 404, like a missing one. Rules are read in the
 * schedule's time zone: "every day at 09:00" stays 09:00 local across daylight-saving changes.
 */
@Secured("schedules:read")
@ProblemResponses
@Controller("/api/v1/schedules")
public final class SchedulesController {
    static final int DEFAULT_COUNT = 5;
    /** A list shows each schedule's next occurrence only; GET one for more. */
    static final int LIST_COUNT = 1;

    private final RecurringSchedules schedules;
    private final ApiTenant tenant;
    private final CreateRecurringSchedule create;
    private final ChangeRecurringSchedule change;
    private final UpcomingOccurrences upcoming;

    private final IdempotentPosts idempotent;

    public SchedulesController(RecurringSchedules schedules, ApiTenant tenant, CreateRecurringSchedule create,
                               ChangeRecurringSchedule change, UpcomingOccurrences upcoming,
                               IdempotentPosts idempotent) {
        this.idempotent = idempotent;
        this.schedules = schedules;
        this.tenant = tenant;
        this.create = create;
        this.change = change;
        this.upcoming = upcoming;
    }

    /**
     * @param cron     five-field cron, or null when {@code rrule} is given
     * @param rrule    RFC 5545 RRULE, or null when {@code cron} is given
     * @param timeZone IANA region; null for the business's own zone
     * @param startsAt local date-time in {@code timeZone} the rule counts from; null for now
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScheduleRequest(@Nullable String deviceId, @Nullable String to, @Nullable String body,
                                  @Nullable String cron, @Nullable String rrule, @Nullable String timeZone,
                                  @Nullable String startsAt) {
    }

    /** @param local the same instant on the schedule's wall clock, with its offset then */
    @Serdeable
    public record Occurrence(String at, String local) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScheduleBody(String id, String deviceId, String to, String body, @Nullable String cron,
                               @Nullable String rrule, String timeZone, String startsAt, boolean paused,
                               List<Occurrence> nextOccurrences) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The schedule with its next occurrences, with its Location",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ScheduleBody.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("schedules:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<ScheduleBody> createSchedule(Authentication caller,
                                             @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                             @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                             @Body ScheduleRequest request) {
        BusinessId id = tenant.business(caller, business);
        List<Problem.FieldError> errors = new ArrayList<>();
        DeviceId device = null;
        try {
            device = DeviceId.parse(request.deviceId());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("deviceId", request.deviceId() == null ? "is required"
                    : "no such device"));
        }
        String ruleField = request.rrule() != null && request.cron() == null ? "rrule" : "cron";
        RecurrenceRule rule = null;
        if ((request.cron() == null) == (request.rrule() == null)) {
            errors.add(new Problem.FieldError("cron", "give exactly one of cron and rrule"));
        } else {
            try {
                rule = request.cron() != null ? RecurrenceRule.cron(request.cron())
                        : RecurrenceRule.rrule(request.rrule());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(ruleField, e.getMessage()));
            }
        }
        LocalDateTime start = null;
        if (request.startsAt() != null) {
            try {
                start = LocalDateTime.parse(request.startsAt().strip());
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("startsAt", "must be a local date-time in the schedule's time"
                        + " zone, e.g. 2026-03-01T09:00"));
            }
        }
        if (request.body() != null && request.body().indexOf('\u0000') >= 0) {
            // Postgres text cannot hold NUL: refuse it here rather than fail on the insert.
            errors.add(new Problem.FieldError("body", "contains a NUL character"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        DeviceId deviceId = device;
        RecurrenceRule validRule = rule;
        LocalDateTime startLocal = start;
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/schedules " + id, request,
                ScheduleBody.class, HttpStatus.CREATED, (java.util.UUID reserved) -> {
                    RecurringSchedule schedule;
                    try {
                        var wanted = new CreateRecurringSchedule.Request(id, deviceId, request.to(),
                                request.body(), validRule, request.timeZone(), startLocal);
                        // The id an Idempotency-Key reserved: a retry after a crash finds the schedule it made.
                        schedule = reserved == null ? create.create(wanted)
                                : create.create(wanted, new RecurringScheduleId(reserved));
                    } catch (UnknownDevice e) {
                        throw new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found",
                                "No device " + deviceId + ".",
                                List.of(new Problem.FieldError("deviceId", "no such device")));
                    } catch (InvalidSchedule e) {
                        throw ApiProblem.invalid(List.of(new Problem.FieldError("rule".equals(e.field()) ? ruleField : e.field(),
                                e.getMessage())));
                    }
                    return view(schedule, DEFAULT_COUNT);
                }, b -> "/api/v1/schedules/" + b.id());
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page<ScheduleBody> listSchedules(Authentication caller,
                                   @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                   @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        BusinessId id = tenant.business(caller, business);
        PageRequest page = PageRequest.of(limit, cursor);
        Instant afterCreated = null;
        RecurringScheduleId afterId = null;
        if (!page.first()) {
            try {
                afterCreated = Instant.parse(page.part(0, 2));
                afterId = RecurringScheduleId.parse(page.part(1, 2));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw PageRequest.badCursor();
            }
        }
        List<RecurringSchedules.Listed> rows = schedules.page(id, afterCreated, afterId, page.limit() + 1);
        return Page.of(rows, page, l -> view(l.schedule(), LIST_COUNT),
                l -> PageRequest.cursorAfter(l.createdAt().toString(), l.schedule().id().toString()));
    }

    /** With the next {@code count} occurrences (1–50, default 5). */
    @Get(value = "/{scheduleId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScheduleBody getSchedule(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                            @PathVariable String scheduleId, @QueryValue @Nullable Integer count) {
        BusinessId id = tenant.business(caller, business);
        int n = count == null ? DEFAULT_COUNT : count;
        if (n < 1 || n > UpcomingOccurrences.MAX_COUNT) {
            throw ApiProblem.invalid(List.of(new Problem.FieldError("count", "must be between 1 and "
                    + UpcomingOccurrences.MAX_COUNT)));
        }
        RecurringSchedule schedule = schedules.find(id, parse(scheduleId))
                .orElseThrow(() -> notFound(scheduleId));
        return view(schedule, n);
    }

    /** Stops sending; occurrences already created and not yet sending are cancelled. Pausing twice is fine. */
    @Post(value = "/{scheduleId}/pause", produces = MediaType.APPLICATION_JSON)
    @Secured("schedules:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScheduleBody pauseSchedule(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                              @PathVariable String scheduleId) {
        BusinessId id = tenant.business(caller, business);
        try {
            return view(change.pause(id, parse(scheduleId)), DEFAULT_COUNT);
        } catch (UnknownSchedule e) {
            throw notFound(scheduleId);
        }
    }

    /** Continues with the next occurrence after now: what fell due while paused is not sent late. */
    @Post(value = "/{scheduleId}/resume", produces = MediaType.APPLICATION_JSON)
    @Secured("schedules:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScheduleBody resumeSchedule(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                               @PathVariable String scheduleId) {
        BusinessId id = tenant.business(caller, business);
        try {
            return view(change.resume(id, parse(scheduleId)), DEFAULT_COUNT);
        } catch (UnknownSchedule e) {
            throw notFound(scheduleId);
        }
    }

    /** Deletes the schedule and cancels its occurrences not yet sending. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted; pending occurrences cancelled")
    @Delete("/{scheduleId}")
    @Secured("schedules:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> deleteSchedule(Authentication caller,
                                     @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                     @PathVariable String scheduleId) {
        BusinessId id = tenant.business(caller, business);
        try {
            change.delete(id, parse(scheduleId));
        } catch (UnknownSchedule e) {
            throw notFound(scheduleId);
        }
        return HttpResponse.noContent();
    }

    private ScheduleBody view(RecurringSchedule s, int count) {
        List<Occurrence> next = upcoming.next(s, count).stream()
                .map(at -> new Occurrence(at.toString(),
                        at.atZone(s.zone()).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                .toList();
        boolean cron = s.rule().kind() == RecurrenceRule.Kind.CRON;
        return new ScheduleBody(s.id().toString(), s.deviceId().toString(), s.recipient().e164(), s.body().text(),
                cron ? s.rule().expression() : null, cron ? null : s.rule().expression(), s.zone().getId(),
                s.start().toString(), s.paused(), next);
    }

    private static RecurringScheduleId parse(String scheduleId) {
        try {
            return RecurringScheduleId.parse(scheduleId);
        } catch (IllegalArgumentException e) {
            throw notFound(scheduleId);
        }
    }

    private static ApiProblem notFound(String scheduleId) {
        return ApiProblem.notFound("schedule " + scheduleId);
    }

}
