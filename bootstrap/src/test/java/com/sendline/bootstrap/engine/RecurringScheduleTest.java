package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.recurring.CreateRecurringSchedule;
import com.sendline.domain.scheduling.RecurrenceRule;
import com.sendline.domain.scheduling.RecurringSchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A daily 02:30 Berlin schedule across the spring-forward night, through Postgres and the due queue. */
class RecurringScheduleTest {
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private List<Instant> occurrences() {
        return harness.db.write().list("select due_at from messages where schedule_id is not null order by due_at",
                ps -> { }, rs -> rs.getTimestamp(1).toInstant());
    }

    @Test
    void daily_0230_in_berlin_fires_once_at_0330_cest_on_the_last_sunday_of_march_and_never_twice() {
        harness = new EngineHarness(1);
        MutableClock clock = new MutableClock(Instant.parse("2027-03-27T12:00:00Z"));
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2),
                new SimulatorDriver(SimulatorSettings.instant()), new CountingMetrics(), clock);
        RecurringSchedule s = engine.createRecurring().create(new CreateRecurringSchedule.Request(harness.business,
                harness.devices.getFirst().id(), "+49 151 23456789", "Good morning", RecurrenceRule.cron("30 2 * * *"),
                "Europe/Berlin", LocalDateTime.parse("2027-03-01T00:00")));
        assertThat(s.nextAt()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(occurrences()).isEmpty();

        // Two minutes before: the occurrence becomes a message. 02:30 does not exist that night; 03:30 CEST does.
        clock.set(Instant.parse("2027-03-28T01:29:00Z"));
        engine.materialize().materialize(engine.schedules().find(harness.business, s.id()).orElseThrow());
        engine.materialize().materialize(engine.schedules().find(harness.business, s.id()).orElseThrow());
        assertThat(occurrences()).containsExactly(Instant.parse("2027-03-28T01:30:00Z"));
        RecurringSchedule advanced = engine.schedules().find(harness.business, s.id()).orElseThrow();
        assertThat(advanced.nextAt()).as("next day, 02:30 CEST").isEqualTo(Instant.parse("2027-03-29T00:30:00Z"));
        assertThat(engine.queue().earliestDue(com.sendline.domain.sharding.QueuePartition.of(harness.business)))
                .contains(Instant.parse("2027-03-28T01:30:00Z"));

        clock.set(Instant.parse("2027-03-29T00:29:00Z"));
        engine.materialize().materialize(advanced);
        assertThat(occurrences()).containsExactly(Instant.parse("2027-03-28T01:30:00Z"),
                Instant.parse("2027-03-29T00:30:00Z"));

        // Pausing cancels what was created ahead and not yet sent: a paused schedule sends nothing more.
        engine.changeRecurring().pause(harness.business, s.id());
        assertThat(harness.db.write().list("select status from messages where schedule_id is not null",
                ps -> { }, rs -> rs.getString(1))).containsOnly("cancelled");
        assertThat(engine.queueDepth()).isZero();

        // Resumed a moment later, before 00:30 came: that occurrence is created again and will be sent.
        engine.changeRecurring().resume(harness.business, s.id());
        assertThat(harness.db.write().list("select due_at from messages where schedule_id is not null"
                + " and status = 'scheduled'", ps -> { }, rs -> rs.getTimestamp(1).toInstant()))
                .containsExactly(Instant.parse("2027-03-29T00:30:00Z"));
        assertThat(engine.queueDepth()).isEqualTo(1);
    }

    @Test
    void rrule_schedules_pause_and_resume_without_sending_what_was_missed() {
        harness = new EngineHarness(1);
        MutableClock clock = new MutableClock(Instant.parse("2027-10-01T06:00:00Z"));
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2),
                new SimulatorDriver(SimulatorSettings.instant()), new CountingMetrics(), clock);
        RecurringSchedule s = engine.createRecurring().create(new CreateRecurringSchedule.Request(harness.business,
                harness.devices.getFirst().id(), "+4915123456789", "Weekly report",
                RecurrenceRule.rrule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"), null, null));
        // Business zone (Europe/Berlin): Monday 4 October 2027, 09:00 CEST.
        assertThat(s.nextAt()).isEqualTo(Instant.parse("2027-10-04T07:00:00Z"));

        engine.changeRecurring().pause(harness.business, s.id());
        clock.set(Instant.parse("2027-11-02T12:00:00Z"));
        engine.materialize().materialize(engine.schedules().find(harness.business, s.id()).orElseThrow());
        assertThat(occurrences()).as("paused: nothing created").isEmpty();

        RecurringSchedule resumed = engine.changeRecurring().resume(harness.business, s.id());
        // After the October change: Monday 8 November 2027, 09:00 CET.
        assertThat(resumed.nextAt()).isEqualTo(Instant.parse("2027-11-08T08:00:00Z"));
        assertThat(resumed.paused()).isFalse();

        engine.changeRecurring().delete(harness.business, s.id());
        assertThat(engine.schedules().find(harness.business, s.id())).isEmpty();
    }

    @Test
    void bad_rules_zones_and_numbers_are_refused_with_a_reason() {
        harness = new EngineHarness(1);
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2),
                new SimulatorDriver(SimulatorSettings.instant()), new CountingMetrics());
        var device = harness.devices.getFirst().id();
        assertThatThrownBy(() -> engine.createRecurring().create(new CreateRecurringSchedule.Request(
                harness.business, device, "+4915123456789", "x", RecurrenceRule.cron("61 * * * *"), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minute");
        assertThatThrownBy(() -> engine.createRecurring().create(new CreateRecurringSchedule.Request(
                harness.business, device, "+4915123456789", "x", RecurrenceRule.cron("0 9 * * *"), "+02:00", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> engine.createRecurring().create(new CreateRecurringSchedule.Request(
                harness.business, device, "+4915123456789", "x", RecurrenceRule.cron("0 9 * * *"), "Mars/Olympus",
                null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown time zone");
        assertThatThrownBy(() -> engine.createRecurring().create(new CreateRecurringSchedule.Request(
                harness.business, device, "12", "x", RecurrenceRule.cron("0 9 * * *"), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.schedules().list(harness.business)).isEmpty();
    }
}
