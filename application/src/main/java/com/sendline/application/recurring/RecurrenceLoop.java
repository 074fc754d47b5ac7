package com.sendline.application.recurring;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.sharding.ShardRange;

import java.time.Clock;
import java.time.Duration;

/** Every interval, creates the messages of recurring schedules due within the horizon. */
public final class RecurrenceLoop extends PeriodicLoop {
    private final RecurringSchedules schedules;
    private final MaterializeOccurrences materialize;
    private final ShardRange shard;
    private final Clock clock;

    public RecurrenceLoop(RecurringSchedules schedules, MaterializeOccurrences materialize, ShardRange shard,
                          Clock clock, Duration interval) {
        super("recurrence", interval);
        if (interval.compareTo(materialize.horizon()) >= 0) {
            throw new IllegalArgumentException("the recurrence loop must run more often than its horizon");
        }
        this.schedules = schedules;
        this.materialize = materialize;
        this.shard = shard;
        this.clock = clock;
    }

    @Override
    protected void tick() {
        for (RecurringSchedule s : schedules.dueBy(shard, clock.instant().plus(materialize.horizon()), 500)) {
            materialize.materialize(s);
        }
    }
}
