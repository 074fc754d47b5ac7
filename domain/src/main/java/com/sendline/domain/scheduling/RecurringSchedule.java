package com.sendline.domain.scheduling;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A message a business sends again and again on a rule, in its own time zone. Each occurrence becomes one
 * {@link ScheduledMessage} shortly before it is due; {@code nextAt} is the next one not yet created (null once
 * the rule has ended).
 *
 * @param start the local date-time the rule counts from
 */
public record RecurringSchedule(RecurringScheduleId id, BusinessId businessId, DeviceId deviceId,
                                PhoneNumber recipient, MessageBody body, RecurrenceRule rule, ZoneId zone,
                                LocalDateTime start, boolean paused, Instant nextAt) {
    public RecurringSchedule {
        Objects.requireNonNull(id, "schedule id");
        Objects.requireNonNull(businessId, "business id");
        Objects.requireNonNull(deviceId, "device id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(zone, "time zone");
        Objects.requireNonNull(start, "start");
        if (nextAt != null) {
            nextAt = nextAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
    }

    public boolean ended() {
        return nextAt == null;
    }

    public RecurringSchedule pausedNow() {
        return new RecurringSchedule(id, businessId, deviceId, recipient, body, rule, zone, start, true, nextAt);
    }

    /** Resumed with the next occurrence after now: missed occurrences while paused are not sent late. */
    public RecurringSchedule resumed(Instant next) {
        return new RecurringSchedule(id, businessId, deviceId, recipient, body, rule, zone, start, false, next);
    }

    public RecurringSchedule advancedTo(Instant next) {
        return new RecurringSchedule(id, businessId, deviceId, recipient, body, rule, zone, start, paused, next);
    }

    /** The scheduled message for the occurrence at {@link #nextAt}. */
    public ScheduledMessage occurrence() {
        if (nextAt == null) {
            throw new IllegalStateException("schedule " + id + " has ended");
        }
        return ScheduledMessage.schedule(businessId, deviceId, recipient, body, nextAt);
    }
}
