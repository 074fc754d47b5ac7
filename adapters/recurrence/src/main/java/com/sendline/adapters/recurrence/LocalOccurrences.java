package com.sendline.adapters.recurrence;

import java.time.LocalDateTime;
import java.time.Period;
import java.util.Iterator;

/**
 * A rule's occurrences as wall-clock date-times, before any time zone is applied. Keeping the libraries on this
 * side of the line means daylight-saving behaviour is decided in one place ({@link WallClock}), not by each library.
 */
@FunctionalInterface
interface LocalOccurrences {
    /** How far ahead a search may look before it gives up; eight years still reaches a 29 February across 2100. */
    Period HORIZON = Period.ofYears(8);

    /** Occurrences at or after {@code from}, ascending; the iterator may end (COUNT, UNTIL) or go on for ever. */
    Iterator<LocalDateTime> from(LocalDateTime from);

    /** Whether the rule fires at least once within {@link #HORIZON} of {@code from}. */
    default boolean firesWithinHorizon(LocalDateTime from) {
        Iterator<LocalDateTime> occurrences = from(from);
        return occurrences.hasNext() && !occurrences.next().isAfter(from.plus(HORIZON));
    }
}
