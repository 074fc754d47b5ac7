package com.sendline.domain.scheduling;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which of a business's messages to list, newest first: optionally only some statuses, one device, and a window of
 * due instants ({@code dueFrom} inclusive, {@code dueBefore} exclusive), continuing after {@code before}.
 *
 * @param before the last message of the previous page (ids sort by creation), or null for the first page
 */
public record MessageQuery(BusinessId business, Set<MessageStatus> statuses, DeviceId device, Instant dueFrom,
                           Instant dueBefore, MessageId before, int limit) {
    public static final int MAX_LIMIT = 1_000;

    public MessageQuery {
        Objects.requireNonNull(business, "business");
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (dueFrom != null && dueBefore != null && !dueFrom.isBefore(dueBefore)) {
            throw new IllegalArgumentException("the due window is empty: from must be before to");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
