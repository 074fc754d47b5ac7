package com.sendline.domain.session;

import com.sendline.domain.device.DeviceId;

import java.util.Objects;

/**
 * One of the hot-set slots, held by one device on one worker process. A slot exists only as long as its holder
 * keeps refreshing it: a crashed process frees its slots by expiry.
 *
 * @param holder the worker process holding it
 * @param sticky held for a sticky session rather than for a due send: such a slot may be preempted
 */
public record SlotLease(int slot, DeviceId device, String holder, boolean sticky) {
    public SlotLease {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(holder, "holder");
        if (holder.isBlank() || holder.contains("|")) {
            throw new IllegalArgumentException("a holder is a non-blank name without '|'");
        }
        if (slot < 0) {
            throw new IllegalArgumentException("slot numbers start at 0");
        }
    }
}
