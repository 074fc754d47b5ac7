package com.sendline.domain.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The inbox: every event a channel reported, kept before anything is done with it, once per idempotency key.
 * It is also the work queue of the processing that follows.
 */
public interface InboundEvents {
    /**
     * Keeps the events not seen before (by platform, business and idempotency key) in one go.
     *
     * @param processAfter until then the events are the caller's to process (nobody claims them); a caller that
     *                     hands them to processing itself passes a lease, one that does not passes now
     * @return the events that were new, as stored; the others were redeliveries and were dropped
     */
    List<StoredInboundEvent> record(List<InboundEvent> events, Instant processAfter);

    /**
     * Takes up to {@code limit} events due for processing and hides them from other callers for {@code lease}: if
     * the caller dies, they come back.
     */
    List<StoredInboundEvent> claim(Instant now, Duration lease, int limit);

    /** Records how each claimed event ended; an event with a retry instant comes back then. */
    void settle(Collection<Settlement> settlements);

    /** Events kept but not yet processed (a gauge of how far processing is behind). */
    long backlog();

    /**
     * Deletes at most {@code limit} events processed before {@code before} and no longer waiting for a retry: past
     * the provider's redelivery horizon their keys guard nothing. @return how many were deleted
     */
    int forgetProcessedBefore(Instant before, int limit);

    record StoredInboundEvent(long id, InboundEvent event, int attempts) {
    }

    /** @param retryAt null when the event is done with */
    record Settlement(long id, String outcome, Instant retryAt) {
        public static Settlement done(long id, String outcome) {
            return new Settlement(id, outcome, null);
        }
    }
}
