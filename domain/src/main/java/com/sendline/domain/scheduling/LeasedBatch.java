package com.sendline.domain.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one lease call took, and when the partition's next entry is due — answered in the same round trip, so the
 * main loop knows when to wake without asking again.
 */
public record LeasedBatch(List<DueEntry> entries, Optional<Instant> nextDue) {
    public LeasedBatch {
        entries = List.copyOf(entries);
        Objects.requireNonNull(nextDue, "next due");
    }
}
