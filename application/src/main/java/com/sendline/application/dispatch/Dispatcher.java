package com.sendline.application.dispatch;

import com.sendline.application.batching.GroupCommit;
import com.sendline.application.sessions.SessionPool;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.scheduling.SendResult;
import com.sendline.domain.session.SendFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Sends leased entries, one device at a time per task and up to {@code concurrency} devices at once. For each
 * device: get its session, claim its messages in Postgres (the gate: one statement for the group), send what the
 * claim returned, record every outcome in one statement, and only then let the queue forget the entries. Leases of
 * everything in hand are extended while it runs, so a slow send is never mistaken for a dead worker.
 */
public final class Dispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final Duration NO_SLOT_RETRY = Duration.ofSeconds(1);

    private final DueQueue queue;
    private final MessageStore store;
    private final Devices devices;
    private final SessionPool sessions;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final DispatchSettings settings;
    private final RandomGenerator random;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private static final int MAX_GROUP = 500;
    private final Set<DueEntry> inHand = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<DeviceId, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private volatile Runnable roomListener;
    private final GroupCommit<List<MessageId>, Map<MessageId, ScheduledMessage>> claims;
    private final GroupCommit<List<SendResult>, Boolean> outcomes;
    private volatile boolean halted;
    private volatile boolean draining;

    public Dispatcher(DueQueue queue, MessageStore store, Devices devices, SessionPool sessions, Clock clock,
                      DispatchMetrics metrics, DispatchSettings settings, RandomGenerator random) {
        this.queue = queue;
        this.store = store;
        this.devices = devices;
        this.sessions = sessions;
        this.clock = clock;
        this.metrics = metrics;
        this.settings = settings;
        this.random = random;
        this.permits = new Semaphore(settings.concurrency(), true);
        // Claims and outcomes of different devices share statements under load (see GroupCommit).
        this.claims = new GroupCommit<>("claims", 2, 50, requests -> {
            List<MessageId> all = new ArrayList<>();
            requests.forEach(all::addAll);
            Map<MessageId, ScheduledMessage> byId = new HashMap<>();
            store.claim(all, clock.instant()).forEach(m -> byId.put(m.id(), m));
            return byId;
        });
        this.outcomes = new GroupCommit<>("outcomes", 2, 50, requests -> {
            List<SendResult> all = new ArrayList<>();
            requests.forEach(all::addAll);
            store.finish(all);
            return Boolean.TRUE;
        });
    }

    /** False while enough leased entries are in hand; the main loop leases no more until there is room. */
    public boolean hasRoom() {
        return inHand.size() < settings.concurrency() * settings.batchSize();
    }

    /** Called whenever work finishes, so a main loop waiting for room can lease again at once. */
    public void onRoom(Runnable listener) {
        this.roomListener = listener;
    }

    /**
     * Takes a leased batch; returns at once. Entries go to their device's mailbox; one task per device drains it,
     * so entries of the same device that arrive while the device waits for its turn are sent as one group — one
     * claim and one outcome statement for all of them. Under a backlog groups grow; when idle they stay small and
     * nothing waits for company.
     */
    public void submit(List<DueEntry> batch) {
        inHand.addAll(batch);
        for (DueEntry e : batch) {
            while (true) {
                Mailbox box = mailboxes.computeIfAbsent(e.device(), d -> new Mailbox(d));
                boolean start;
                synchronized (box) {
                    if (box.retired) {
                        continue;
                    }
                    box.pending.add(e);
                    start = !box.running;
                    box.running = true;
                }
                if (start) {
                    executor.execute(() -> drain(box));
                }
                break;
            }
        }
    }

    private static final class Mailbox {
        final DeviceId device;
        final List<DueEntry> pending = new ArrayList<>();
        boolean running;
        boolean retired;

        Mailbox(DeviceId device) {
            this.device = device;
        }
    }

    private void drain(Mailbox box) {
        while (true) {
            boolean permitted = false;
            try {
                // Fair permits: a device with more work queues behind the devices already waiting for a turn.
                permits.acquire();
                permitted = true;
                List<DueEntry> group;
                synchronized (box) {
                    group = new ArrayList<>(box.pending.subList(0, Math.min(MAX_GROUP, box.pending.size())));
                    box.pending.subList(0, group.size()).clear();
                }
                if (!group.isEmpty()) {
                    runGroup(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (permitted) {
                    permits.release();
                }
            }
            synchronized (box) {
                if (box.pending.isEmpty() || halted || Thread.currentThread().isInterrupted()) {
                    box.running = false;
                    box.retired = true;
                    mailboxes.remove(box.device, box);
                    box.pending.forEach(inHand::remove); // halted: left to their leases
                    box.pending.clear();
                    return;
                }
            }
        }
    }

    private void runGroup(List<DueEntry> group) {
        try {
            if (halted) {
                return; // a halted worker leaves its leases to expire, as a crashed one would
            }
            if (draining) {
                queue.postpone(group, clock.instant()); // a graceful stop gives back what it has not begun
                return;
            }
            sendGroup(group);
        } catch (RuntimeException e) {
            // Postgres or Redis failed mid-way: the leases run out and the entries come back; the gate keeps
            // anything already claimed from going out twice.
            LOG.log(System.Logger.Level.WARNING, "Sending " + group.size() + " message(s) of device "
                    + group.getFirst().device() + " failed; they will be retried after their lease: " + e);
        } finally {
            group.forEach(inHand::remove);
            Runnable listener = roomListener;
            if (listener != null) {
                listener.run();
            }
        }
    }

    private void sendGroup(List<DueEntry> group) {
        DueEntry first = group.getFirst();
        Optional<SessionPool.Use> live = sessions.useIfLive(first.device());
        if (live.isPresent()) {
            sendWith(live.get(), live.get().device(), group);
            return;
        }
        Optional<Device> found = devices.find(first.business(), first.device());
        if (found.isEmpty()) {
            // Device removed: its messages went with it (cascade); nothing to send.
            queue.acknowledge(group);
            return;
        }
        Device device = found.get();
        SessionPool.Acquired acquired = sessions.acquire(device);
        switch (acquired) {
            case SessionPool.Blocked blocked -> {
                queue.postpone(group, blocked.until());
                return;
            }
            case SessionPool.NoSlot ignored -> {
                queue.postpone(group, clock.instant().plus(NO_SLOT_RETRY));
                return;
            }
            case SessionPool.Ready ready -> sendWith(ready.use(), device, group);
        }
    }

    private void sendWith(SessionPool.Use use, Device device, List<DueEntry> group) {
        // A message can be in the queue under two entries (a retry moved its instant and reconcile restored the
        // new one): it is sent once, with the first entry, and the others are simply acknowledged.
        Map<MessageId, DueEntry> entries = new HashMap<>();
        group.forEach(e -> entries.putIfAbsent(e.message(), e));
        Outcomes out = new Outcomes();
        try {
            List<MessageId> ids = List.copyOf(entries.keySet());
            Map<MessageId, ScheduledMessage> all = claims.submit(ids);
            List<ScheduledMessage> claimed = new ArrayList<>();
            for (DueEntry e : group) {
                ScheduledMessage m = all.get(e.message());
                if (m != null && entries.get(e.message()) == e) {
                    claimed.add(m);
                } else {
                    // Not claimed: already sent, cancelled, moved to later, or another worker has it right now.
                    out.done(e);
                }
            }
            int parallel = Math.max(1, use.session().maxConcurrentSends());
            if (parallel == 1 || claimed.size() == 1) {
                claimed.forEach(m -> sendOne(use, device, m, entries.get(m.id()), out));
            } else {
                // A stateless channel (the Cloud API) takes several requests at once; its throttle paces them.
                try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
                    Semaphore inFlight = new Semaphore(parallel);
                    for (ScheduledMessage m : claimed) {
                        inFlight.acquireUninterruptibly();
                        sends.execute(() -> {
                            try {
                                sendOne(use, device, m, entries.get(m.id()), out);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                }
            }
            if (out.broken) {
                use.broken();
            }
        } finally {
            use.done();
        }
        if (!out.results.isEmpty()) {
            outcomes.submit(out.results);
        }
        if (!out.done.isEmpty()) {
            queue.acknowledge(out.done);
        }
        out.retries.forEach((at, list) -> queue.postpone(list, at));
    }

    /** What became of a device group's messages; filled from one thread or, for parallel sends, several. */
    private static final class Outcomes {
        final List<SendResult> results = new ArrayList<>();
        final List<DueEntry> done = new ArrayList<>();
        final Map<Instant, List<DueEntry>> retries = new LinkedHashMap<>();
        volatile boolean broken;

        synchronized void done(DueEntry entry) {
            done.add(entry);
        }

        synchronized void finished(SendResult result, DueEntry entry) {
            results.add(result);
            done.add(entry);
        }

        synchronized void retry(SendResult result, DueEntry entry, Instant at) {
            results.add(result);
            retries.computeIfAbsent(at, k -> new ArrayList<>()).add(entry);
        }
    }

    private void sendOne(SessionPool.Use use, Device device, ScheduledMessage m, DueEntry entry, Outcomes out) {
        if (out.broken) {
            Instant at = clock.instant().plus(Duration.ofSeconds(2));
            out.retry(new SendResult(m.retryAt(at, "SESSION_CLOSED: the session dropped before this message"),
                    null), entry, at);
            return;
        }
        Instant called = clock.instant();
        metrics.dispatched(Duration.between(m.dueAt(), called).isNegative() ? Duration.ZERO
                : Duration.between(m.dueAt(), called));
        try {
            String providerId = use.session().send(m.id(), m.recipient(), m.body());
            metrics.sent(device.channel(), Duration.between(called, clock.instant()));
            out.finished(new SendResult(m.sent(), providerId), entry);
        } catch (SendFailure f) {
            String reason = f.code() + ": " + f.getMessage();
            if (f.retryable() && m.attempts() < settings.maxAttempts()) {
                // WhatsApp's own "wait this long" (a recipient's pair rate limit) beats our backoff.
                Instant at = clock.instant().plus(f.retryAfter()
                        .orElseGet(() -> RetryDelay.after(m.attempts(), random)));
                metrics.retried(device.channel(), f.code());
                out.retry(new SendResult(m.retryAt(at, reason), null), entry, at);
            } else {
                metrics.failed(device.channel(), f.code());
                out.finished(new SendResult(m.failed(reason), null), entry);
            }
            if (f.sessionBroken()) {
                out.broken = true;
            }
        }
    }

    /** Keeps the leases of every entry in hand alive; called by the main loop well within a lease. */
    public void extendLeases() {
        if (!halted && !inHand.isEmpty()) {
            queue.extend(List.copyOf(inHand), clock.instant().plus(settings.lease()));
        }
    }

    /**
     * Stops at once without giving anything back, like a crashed process: groups not started are dropped with
     * their leases; a group already sending finishes its current claim. For tests of lease expiry, and nothing else.
     */
    public void halt() {
        halted = true;
    }

    /** Lets running groups finish; groups not begun are given back to the queue, due at once. */
    @Override
    public void close() {
        draining = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        claims.close();
        outcomes.close();
    }
}
