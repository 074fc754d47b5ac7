package com.sendline.domain.device;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a device's live session is. Almost every device is COLD almost all the time: a live session costs real
 * memory, so one is woken (CONNECTING, then HOT) only when a send is due, and parked (BACKOFF) when connecting fails.
 */
public enum SessionState {
    COLD,
    CONNECTING,
    HOT,
    BACKOFF;

    public boolean canMoveTo(SessionState next) {
        return successors().contains(next);
    }

    /** @throws IllegalStateException for a move the state machine does not have */
    public SessionState moveTo(SessionState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a session cannot go from " + this + " to " + next);
        }
        return next;
    }

    private Set<SessionState> successors() {
        return switch (this) {
            case COLD -> EnumSet.of(CONNECTING);
            // COLD again when a connect is abandoned (its slot was taken back, the device was removed).
            case CONNECTING -> EnumSet.of(HOT, BACKOFF, COLD);
            // COLD: idle timeout or preempted; BACKOFF: the stream broke.
            case HOT -> EnumSet.of(COLD, BACKOFF);
            case BACKOFF -> EnumSet.of(COLD, CONNECTING);
        };
    }
}
