package com.sendline.application.recurring;

import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurrenceRule;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringScheduleId;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.Businesses;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A business sets up a message that repeats on a cron or RRULE rule, in its own time zone unless it names another.
 * Occurrences due within the next minutes are created at once.
 */
public final class CreateRecurringSchedule {
    private final Businesses businesses;
    private final Devices devices;
    private final RecipientNumbers numbers;
    private final RecurrenceCalendar calendar;
    private final RecurringSchedules schedules;
    private final MaterializeOccurrences materialize;
    private final Clock clock;

    /**
     * @param timeZone IANA zone name, or null for the business's zone
     * @param start    local date-time the rule counts from, or null for now
     */
    public record Request(BusinessId business, DeviceId device, String to, String body, RecurrenceRule rule,
                          String timeZone, LocalDateTime start) {
    }

    public CreateRecurringSchedule(Businesses businesses, Devices devices, RecipientNumbers numbers,
                                   RecurrenceCalendar calendar, RecurringSchedules schedules,
                                   MaterializeOccurrences materialize, Clock clock) {
        this.businesses = businesses;
        this.devices = devices;
        this.numbers = numbers;
        this.calendar = calendar;
        this.schedules = schedules;
        this.materialize = materialize;
        this.clock = clock;
    }

    /**
     * @throws UnknownDevice when the business has no such device
     * @throws InvalidSchedule naming the field that was refused
     */
    public RecurringSchedule create(Request r) {
        return store(r, RecurringScheduleId.random());
    }

    /**
     * As {@link #create(Request)}, under an id chosen beforehand: creating again under an id the business already
     * has returns that schedule and creates nothing (a retried request whose first run stored the schedule but died
     * before answering — a second schedule would send every occurrence twice).
     */
    public RecurringSchedule create(Request r, RecurringScheduleId id) {
        return schedules.find(r.business(), id).orElseGet(() -> store(r, id));
    }

    private RecurringSchedule store(Request r, RecurringScheduleId id) {
        Device device = devices.find(r.business(), r.device())
                .orElseThrow(() -> new UnknownDevice("no device " + r.device()));
        var to = field("to", () -> numbers.parse(r.to(), null));
        var body = field("body", () -> new MessageBody(r.body() == null ? "" : r.body()));
        field("rule", () -> {
            calendar.validate(r.rule());
            return r.rule();
        });
        ZoneId zone = field("timeZone", () -> zone(r));
        Instant now = clock.instant();
        LocalDateTime start = r.start() != null ? r.start()
                : LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.SECONDS);
        Instant first = calendar.nextAfter(r.rule(), zone, start, now.minusMillis(1))
                .orElseThrow(() -> new InvalidSchedule("rule", "the rule never fires after now"));
        RecurringSchedule schedule = new RecurringSchedule(id, r.business(), device.id(),
                to, body, r.rule(), zone, start, false, first);
        schedules.add(schedule);
        materialize.materialize(schedule);
        return schedules.find(r.business(), schedule.id()).orElse(schedule);
    }

    /** Runs one check, naming the field when it refuses. */
    private static <T> T field(String name, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidSchedule e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSchedule(name, e.getMessage());
        }
    }

    private ZoneId zone(Request r) {
        if (r.timeZone() == null || r.timeZone().isBlank()) {
            return businesses.self(r.business()).map(Business::timeZone).orElse(ZoneOffset.UTC);
        }
        try {
            ZoneId zone = ZoneId.of(r.timeZone().strip());
            if (zone instanceof ZoneOffset) {
                throw new IllegalArgumentException("time zone must be a region like Europe/Berlin, not a fixed "
                        + "offset, so daylight-saving changes are followed");
            }
            return zone;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + r.timeZone());
        }
    }
}
