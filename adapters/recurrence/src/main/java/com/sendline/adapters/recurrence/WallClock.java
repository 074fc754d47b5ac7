package com.sendline.adapters.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Iterator;
import java.util.Optional;

/**
 * Turns wall-clock occurrences into instants in a zone. A local time inside a daylight-saving gap is moved forward
 * by the gap's length, and one that happens twice takes the earlier offset: exactly what
 * {@link ZonedDateTime#ofLocal} does with no preferred offset.
 *
 * <p>The one subtlety: a time moved out of a gap lands among the times just after the gap, so mapped instants
 * are not always in the same order as the local times. The search therefore starts early enough to see gap times
 * that can still land after {@code after}, and keeps the earliest instant found.
 */
final class WallClock {
    private WallClock() {
    }

    static Optional<Instant> firstAfter(LocalOccurrences occurrences, ZoneId zone, LocalDateTime start,
            Instant after) {
        LocalDateTime from = latest(searchStart(zone, after), start);
        LocalDateTime horizon = from.plus(LocalOccurrences.HORIZON);
        Instant earliest = null;
        for (Iterator<LocalDateTime> it = occurrences.from(from); it.hasNext(); ) {
            LocalDateTime local = it.next();
            if (local.isAfter(horizon)) {
                break;
            }
            ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
            Instant at = zoned.toInstant();
            if (!at.isAfter(after)) {
                continue;
            }
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
            // A time that exists as written maps in order, so nothing later can land before it.
            if (zoned.toLocalDateTime().equals(local)) {
                break;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * Where to start reading local times. Normally the wall-clock time of {@code after}; but just after a gap, times
     * from inside the gap fire up to one gap length late, so those must be read too.
     */
    private static LocalDateTime searchStart(ZoneId zone, Instant after) {
        ZoneOffsetTransition last = zone.getRules().previousTransition(after.plusNanos(1));
        if (last != null && last.isGap() && after.isBefore(last.getInstant().plus(last.getDuration()))) {
            return last.getDateTimeBefore();
        }
        return LocalDateTime.ofInstant(after, zone);
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
