package com.sendline.domain.scheduling;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of a recurring schedule. */
public record RecurringScheduleId(UUID value) {
    public RecurringScheduleId {
        Objects.requireNonNull(value, "schedule id");
    }

    public static RecurringScheduleId random() {
        return new RecurringScheduleId(UUID.randomUUID());
    }

    public static RecurringScheduleId parse(String text) {
        return new RecurringScheduleId(Ids.parse(text, "schedule id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
