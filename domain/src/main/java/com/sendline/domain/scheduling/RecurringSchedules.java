package com.sendline.domain.scheduling;

import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The recurring schedules of each business. */
public interface RecurringSchedules {
    void add(RecurringSchedule schedule);

    Optional<RecurringSchedule> find(BusinessId business, RecurringScheduleId id);

    List<RecurringSchedule> list(BusinessId business);

    /** Saves the new state only if the stored one still has {@code before}'s next occurrence and pause flag. */
    boolean replace(RecurringSchedule before, RecurringSchedule after);

    /** @return false when the business has no such schedule */
    boolean remove(BusinessId business, RecurringScheduleId id);

    /** Active schedules of the shard whose next occurrence is at or before {@code until}. */
    List<RecurringSchedule> dueBy(ShardRange shard, Instant until, int limit);
}
