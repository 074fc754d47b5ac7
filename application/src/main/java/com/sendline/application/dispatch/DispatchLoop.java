package com.sendline.application.dispatch;

import com.sendline.application.worker.Loop;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.LeasedBatch;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.sharding.ShardRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The main loop. It knows the earliest due instant of each partition it owns and sleeps until the soonest one —
 * or until an enqueue anywhere in the cluster announces something sooner — so a message goes out at its instant,
 * not at the next tick of a fixed poll. Every {@code fullScan} it re-reads all partition heads, in case a wake-up
 * was lost.
 */
public final class DispatchLoop implements Loop {
    private static final System.Logger LOG = System.getLogger(DispatchLoop.class.getName());

    private final DueQueue queue;
    private final Dispatcher dispatcher;
    private final ShardRange shard;
    private final Clock clock;
    private final DispatchSettings settings;
    private final Map<QueuePartition, Instant> heads = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean rescan = true;
    private volatile boolean waitingForRoom;
    private volatile boolean running;
    private Thread thread;
    private AutoCloseable subscription;
    private Instant lastFullScan = Instant.EPOCH;
    private Instant lastExtend = Instant.EPOCH;

    public DispatchLoop(DueQueue queue, Dispatcher dispatcher, ShardRange shard, Clock clock,
                        DispatchSettings settings) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.shard = shard;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = queue.onEnqueued(this::enqueued);
        dispatcher.onRoom(this::wakeUp);
        // A platform thread: the loop that decides when things are due must not queue for a carrier behind sends.
        thread = Thread.ofPlatform().name("sendline-dispatch").daemon(true).start(this::run);
    }

    private void enqueued(DueEntry entry) {
        if (entry == null) {
            rescan = true;
        } else {
            QueuePartition p = entry.partition();
            if (!shard.owns(p)) {
                return;
            }
            heads.merge(p, entry.dueAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void wakeUp() {
        if (waitingForRoom) {
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Dispatch step failed; retrying in 1 s: " + e);
                rescan = true;
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void step() {
        Instant now = clock.instant();
        if (rescan || Duration.between(lastFullScan, now).compareTo(settings.fullScan()) >= 0) {
            rescan = false;
            lastFullScan = now;
            Map<QueuePartition, Instant> fresh = queue.earliestDue(shard.partitions());
            for (QueuePartition p : shard.partitions()) {
                Instant head = fresh.get(p);
                if (head != null) {
                    heads.merge(p, head, (a, b) -> a.isBefore(b) ? a : b);
                } else {
                    heads.remove(p);
                }
            }
        }
        if (Duration.between(lastExtend, now).compareTo(settings.lease().dividedBy(3)) >= 0) {
            lastExtend = now;
            dispatcher.extendLeases();
        }
        boolean leasedAny = false;
        for (var head : List.copyOf(heads.entrySet())) {
            if (!running) {
                return;
            }
            if (head.getValue().isAfter(now)) {
                continue;
            }
            if (!dispatcher.hasRoom()) {
                break;
            }
            QueuePartition p = head.getKey();
            // Drop the cached head first: a wake-up arriving while we lease must not be overwritten below.
            heads.remove(p, head.getValue());
            LeasedBatch leased = queue.lease(p, now, settings.batchSize(), now.plus(settings.lease()));
            if (!leased.entries().isEmpty()) {
                leasedAny = true;
                dispatcher.submit(leased.entries());
            }
            leased.nextDue().ifPresent(next -> heads.merge(p, next, (a, b) -> a.isBefore(b) ? a : b));
        }
        if (leasedAny) {
            return;
        }
        Instant soonest = heads.values().stream().min(Instant::compareTo).orElse(null);
        Instant nextScan = lastFullScan.plus(settings.fullScan());
        Instant nextExtend = lastExtend.plus(settings.lease().dividedBy(3));
        Instant until = nextScan.isBefore(nextExtend) ? nextScan : nextExtend;
        if (soonest != null && soonest.isBefore(until)) {
            until = soonest;
        }
        Duration wait = Duration.between(clock.instant(), until);
        boolean full = !dispatcher.hasRoom();
        if (full) {
            // Full: sleep until the dispatcher says it has room (or 20 ms), even if work is already due.
            wait = Duration.ofMillis(20);
        }
        if (wait.isPositive()) {
            waitingForRoom = full;
            synchronized (wake) {
                try {
                    if (!full || !dispatcher.hasRoom()) {
                        wake.wait(Math.max(1, wait.toMillis()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                } finally {
                    waitingForRoom = false;
                }
            }
        }
    }

    private void sleep(Duration d) {
        synchronized (wake) {
            try {
                wake.wait(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing the wake-up subscription: " + e);
            }
            subscription = null;
        }
    }
}
