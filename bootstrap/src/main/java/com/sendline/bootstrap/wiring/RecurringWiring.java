package com.sendline.bootstrap.wiring;

import com.sendline.adapters.recurrence.LibraryRecurrenceCalendar;
import com.sendline.application.recurring.ChangeRecurringSchedule;
import com.sendline.application.recurring.CreateRecurringSchedule;
import com.sendline.application.recurring.UpcomingOccurrences;
import com.sendline.bootstrap.engine.SchedulingEngine;
import com.sendline.domain.scheduling.RecurringSchedules;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Recurring schedules for the partner API: the engine's own use cases and store, so the API and workers agree. */
@Factory
final class RecurringWiring {
    @Singleton
    RecurringSchedules recurringSchedules(SchedulingEngine engine) {
        return engine.schedules();
    }

    @Singleton
    CreateRecurringSchedule createRecurringSchedule(SchedulingEngine engine) {
        return engine.createRecurring();
    }

    @Singleton
    ChangeRecurringSchedule changeRecurringSchedule(SchedulingEngine engine) {
        return engine.changeRecurring();
    }

    /** The calendar is stateless; this one only previews occurrences, the engine's creates them. */
    @Singleton
    UpcomingOccurrences upcomingOccurrences(Clock clock) {
        return new UpcomingOccurrences(new LibraryRecurrenceCalendar(), clock);
    }
}
