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

    /**
     * The business's schedules in the order they were created, after the one created at {@code afterCreated} with
     * id {@code afterId} (both null for the first page), at most {@code limit}.
     */
    List<Listed> page(BusinessId business, Instant afterCreated, RecurringScheduleId afterId, int limit);

    /** A schedule with when it was created, which is how lists are ordered. */
    record Listed(RecurringSchedule schedule, Instant createdAt) {
    }

    /** Saves the new state only if the stored one still has {@code before}'s next occurrence and pause flag. */
    boolean replace(RecurringSchedule before, RecurringSchedule after);

    /** @return false when the business has no such schedule */
    boolean remove(BusinessId business, RecurringScheduleId id);

    /** Active schedules of the shard whose next occurrence is at or before {@code until}. */
    List<RecurringSchedule> dueBy(ShardRange shard, Instant until, int limit);
}
