package com.sendline.domain.session;

import com.sendline.domain.device.DeviceId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cluster-wide cap on live sessions: {@code capacity()} slots, each held by at most one device. A session may
 * connect only while it holds a slot.
 */
public interface SessionSlots {
    int capacity();

    /**
     * Takes a free slot for the device, or returns the one it already holds. Empty when all are taken, or when
     * {@code sticky} and {@code capacity() - 1} slots are sticky already: one slot is always kept for due sends.
     */
    Optional<SlotLease> tryAcquire(DeviceId device, String holder, boolean sticky, Duration ttl);

    /** @return false when the slot is no longer this lease's (it expired): the session must close at once */
    boolean refresh(SlotLease lease, Duration ttl);

    /** Frees the slot if this lease still holds it. */
    void release(SlotLease lease);

    /** Every slot held right now, by any process. */
    List<SlotLease> held();

    /** Asks whoever holds the device's slot to give it up (a due send needs it). */
    void requestRelease(DeviceId device);

    /** Called on this process when some process asked for a device's slot, and when a slot was freed. */
    AutoCloseable onSlotEvents(Consumer<DeviceId> releaseRequested, Runnable slotFreed);
}
