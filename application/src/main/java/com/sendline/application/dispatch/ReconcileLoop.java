package com.sendline.application.dispatch;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.application.sessions.SessionPool;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.scheduling.SendResult;
import com.sendline.domain.session.BackoffState;
import com.sendline.domain.session.SessionSlots;
import com.sendline.domain.session.SlotLease;
import com.sendline.domain.sharding.ShardRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Postgres is the truth; this loop makes Redis agree with it, every 60 s. Every scheduled message due within the
 * horizon is put back in the queue unless it is there already (Redis was flushed, evicted, or an enqueue failed).
 * A message left 'sending' by a worker that died mid-send is ended 'failed' with a reason, not sent again: it may
 * already have gone out, and a duplicate is the worse outcome. Device states that no live session backs (the worker
 * that held them is gone) go back to COLD.
 */
public final class ReconcileLoop extends PeriodicLoop {
    private static final System.Logger LOG = System.getLogger(ReconcileLoop.class.getName());
    static final String INTERRUPTED = "SEND_INTERRUPTED: the worker stopped while sending; not retried because "
            + "it may have been delivered";

    private final MessageStore store;
    private final DueQueue queue;
    private final Devices devices;
    private final SessionSlots slots;
    private final BackoffState backoff;
    private final SessionPool sessions;
    private final ShardRange shard;
    private final Clock clock;
    private final Duration horizon;
    private final Duration stuckAfter;

    public ReconcileLoop(MessageStore store, DueQueue queue, Devices devices, SessionSlots slots,
                         BackoffState backoff, SessionPool sessions, ShardRange shard, Clock clock,
                         Duration interval, Duration horizon, Duration stuckAfter) {
        super("reconcile", interval);
        this.store = store;
        this.queue = queue;
        this.devices = devices;
        this.slots = slots;
        this.backoff = backoff;
        this.sessions = sessions;
        this.shard = shard;
        this.clock = clock;
        this.horizon = horizon;
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected void tick() {
        restoreQueue();
        endStuckSends();
        repairSessionStates();
    }

    /** @return how many entries were missing from the queue */
    public int restoreQueue() {
        Instant until = clock.instant().plus(horizon);
        MessageId after = null;
        int added = 0;
        while (true) {
            List<DueEntry> page = store.pending(shard, until, after, 1_000);
            if (page.isEmpty()) {
                break;
            }
            List<DueEntry> restored = queue.restore(page);
            if (!restored.isEmpty()) {
                // The page was read a moment ago: a worker may have sent some of these since. Those go back out.
                java.util.Set<MessageId> still = store.stillScheduled(restored.stream().map(DueEntry::message)
                        .toList());
                for (DueEntry e : restored) {
                    if (still.contains(e.message())) {
                        added++;
                    } else {
                        queue.withdraw(e);
                    }
                }
            }
            after = page.getLast().message();
        }
        if (added > 0) {
            LOG.log(System.Logger.Level.WARNING, "Reconcile put " + added + " missing message(s) back in the queue");
        }
        return added;
    }

    void endStuckSends() {
        List<ScheduledMessage> stuck = store.stuckSending(shard, clock.instant().minus(stuckAfter), 500);
        if (!stuck.isEmpty()) {
            store.finish(stuck.stream().map(m -> new SendResult(m.failed(INTERRUPTED), null)).toList());
            LOG.log(System.Logger.Level.WARNING, stuck.size() + " message(s) were left mid-send by a stopped worker "
                    + "and are now failed");
        }
    }

    void repairSessionStates() {
        Set<com.sendline.domain.device.DeviceId> held = new HashSet<>();
        for (SlotLease l : slots.held()) {
            held.add(l.device());
        }
        Instant now = clock.instant();
        for (Device d : devices.inStates(EnumSet.of(SessionState.CONNECTING, SessionState.HOT,
                SessionState.BACKOFF), 1_000)) {
            if (!shard.contains(d.businessId()) || sessions.isLive(d.id())) {
                continue;
            }
            boolean orphan = switch (d.sessionState()) {
                case CONNECTING, HOT -> !held.contains(d.id());
                case BACKOFF -> backoff.blockedUntil(d.id(), now).isEmpty();
                case COLD -> false;
            };
            if (orphan) {
                devices.setSessionState(d.businessId(), d.id(), SessionState.COLD);
            }
        }
    }
}
