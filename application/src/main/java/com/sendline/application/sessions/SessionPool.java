package com.sendline.application.sessions;

import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.session.BackoffState;
import com.sendline.domain.session.ConnectBackoff;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SessionEvents;
import com.sendline.domain.session.SessionSlots;
import com.sendline.domain.session.SlotLease;
import com.sendline.domain.session.StickyBudget;
import com.sendline.domain.session.StreamErrorBackoff;
import com.sendline.domain.sharding.ShardRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The live sessions of this worker process, within the cluster-wide hot set. A send asks for its device's session:
 * an open one is shared; otherwise a slot is taken (making room if needed: an idle session here, or the sticky
 * session with the least budget anywhere, is asked to go), the device connects, and its state moves
 * COLD → CONNECTING → HOT. Failures put the device in backoff; idle sessions go back to COLD.
 */
public final class SessionPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionPool.class.getName());
    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    private final Map<Channel, DeviceDriver> drivers = new EnumMap<>(Channel.class);
    private final SessionSlots slots;
    private final BackoffState backoff;
    private final StickyBudget sticky;
    private final Devices devices;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final SessionSettings settings;
    private final RandomGenerator random;
    private final ConcurrentHashMap<DeviceId, Live> live = new ConcurrentHashMap<>();
    private final ReentrantLock[] deviceLocks = new ReentrantLock[256];
    private final Object freed = new Object();
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicInteger maxLiveAtOnce = new AtomicInteger();
    private volatile AutoCloseable subscription;

    /** What a send gets when it asks for a session. */
    public sealed interface Acquired permits Ready, Blocked, NoSlot {
    }

    /** A usable session; {@link Use#done()} must be called when the send is over. */
    public record Ready(Use use) implements Acquired {
    }

    /** The device may not connect before {@code until} (backoff). */
    public record Blocked(Instant until) implements Acquired {
    }

    /** No slot came free in time; try again in a moment. */
    public record NoSlot() implements Acquired {
    }

    public SessionPool(Collection<DeviceDriver> drivers, SessionSlots slots, BackoffState backoff, StickyBudget sticky,
                       Devices devices, Clock clock, DispatchMetrics metrics, SessionSettings settings,
                       RandomGenerator random) {
        drivers.forEach(d -> this.drivers.put(d.channel(), d));
        this.slots = slots;
        this.backoff = backoff;
        this.sticky = sticky;
        this.devices = devices;
        this.clock = clock;
        this.metrics = metrics;
        this.settings = settings;
        this.random = random;
        for (int i = 0; i < deviceLocks.length; i++) {
            deviceLocks[i] = new ReentrantLock();
        }
    }

    /** Listens for other workers asking for a slot back, and for slots coming free. */
    public void start() {
        if (subscription == null) {
            // Slot events arrive on the Redis client's I/O thread, which must never wait on Redis itself.
            subscription = slots.onSlotEvents(
                    device -> Thread.ofVirtual().name("sendline-slot-release").start(() -> releaseIfIdleQuietly(device)),
                    this::wakeWaiters);
        }
    }

    public int hotSessions() {
        return live.size();
    }

    /** The most sessions this process has held open at once. */
    public int maxLiveAtOnce() {
        return maxLiveAtOnce.get();
    }

    public boolean isLive(DeviceId device) {
        return live.containsKey(device);
    }

    /** A session in use by one send. */
    public final class Use {
        private final Live session;
        private boolean done;

        private Use(Live session) {
            this.session = session;
        }

        public DeviceSession session() {
            return session.session;
        }

        public Device device() {
            return session.device;
        }

        public void done() {
            if (done) {
                return;
            }
            done = true;
            session.lastUsed = clock.instant();
            if (session.inUse.decrementAndGet() == 0 && waiters.get() > 0) {
                wakeWaiters();
            }
        }

        /** The session broke during the send: close it; the next send connects again. */
        public void broken() {
            done();
            // A driver may have parked the device on its way out (Meta paused the number): keep it in BACKOFF.
            boolean parked = backoff.blockedUntil(session.id(), clock.instant()).isPresent();
            close(session, parked ? SessionState.BACKOFF : SessionState.COLD);
        }
    }

    private final class Live {
        final Device device;
        final DeviceSession session;
        volatile SlotLease slot;
        final AtomicInteger inUse = new AtomicInteger();
        volatile Instant lastUsed;
        boolean closing;

        Live(Device device, DeviceSession session, SlotLease slot, Instant now) {
            this.device = device;
            this.session = session;
            this.slot = slot;
            this.lastUsed = now;
        }

        DeviceId id() {
            return device.id();
        }

        boolean sticky() {
            return slot != null && slot.sticky();
        }

        synchronized boolean tryUse() {
            if (closing || !session.isOpen()) {
                return false;
            }
            inUse.incrementAndGet();
            return true;
        }

        synchronized boolean tryCloseIfIdle() {
            if (closing || inUse.get() > 0) {
                return false;
            }
            closing = true;
            return true;
        }

        synchronized boolean markClosing() {
            boolean first = !closing;
            closing = true;
            return first;
        }
    }

    /** The device's open session, if this process has one: no lookup, no Redis, no Postgres. */
    public Optional<Use> useIfLive(DeviceId device) {
        Live existing = live.get(device);
        return existing != null && existing.tryUse() ? Optional.of(new Use(existing)) : Optional.empty();
    }

    /** A session for a due send, connecting (and waiting up to the configured time for a slot) if needed. */
    public Acquired acquire(Device device) {
        Live existing = live.get(device.id());
        if (existing != null && existing.tryUse()) {
            return new Ready(new Use(existing));
        }
        ReentrantLock lock = lockOf(device.id());
        lock.lock();
        try {
            existing = live.get(device.id());
            if (existing != null) {
                if (existing.tryUse()) {
                    return new Ready(new Use(existing));
                }
                close(existing, SessionState.COLD);
                // Another thread may be closing it: its slot is ours only once that close has let go of it.
                if (!awaitGone(existing)) {
                    return new NoSlot();
                }
            }
            Instant start = clock.instant();
            Optional<Instant> blocked = backoff.blockedUntil(device.id(), start);
            if (blocked.isPresent()) {
                return new Blocked(blocked.get());
            }
            DeviceDriver driver = drivers.get(device.channel());
            if (driver != null && !driver.holdsLiveSession()) {
                return connect(device, null, false); // stateless: outside the hot set, no slot to take
            }
            Instant deadline = start.plus(settings.maxSlotWait());
            boolean waited = false;
            while (true) {
                Optional<SlotLease> slot = slots.tryAcquire(device.id(), settings.holder(), false, settings.slotTtl());
                if (slot.isPresent()) {
                    if (waited) {
                        metrics.slotWait(Duration.between(start, clock.instant()));
                    }
                    return connect(device, slot.get(), false);
                }
                waited = true;
                makeRoom(device.id());
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    metrics.slotWait(Duration.between(start, now));
                    return new NoSlot();
                }
                awaitFreed(Duration.between(now, deadline).compareTo(WAIT_STEP) < 0
                        ? Duration.between(now, deadline) : WAIT_STEP);
            }
        } finally {
            lock.unlock();
        }
    }

    private Acquired connect(Device device, SlotLease slot, boolean forSticky) {
        DeviceDriver driver = drivers.get(device.channel());
        if (driver == null) {
            releaseSlot(slot);
            throw new IllegalStateException("no driver for channel " + device.channel());
        }
        devices.setSessionState(device.businessId(), device.id(), SessionState.CONNECTING);
        DeviceSession session;
        try {
            session = driver.connect(device, reason -> disconnected(device.id(), reason));
        } catch (ConnectFailure f) {
            releaseSlot(slot);
            wakeWaiters();
            return new Blocked(backOff(device, f.kind()));
        } catch (RuntimeException e) {
            releaseSlot(slot);
            devices.setSessionState(device.businessId(), device.id(), SessionState.COLD);
            wakeWaiters();
            throw e;
        }
        Instant now = clock.instant();
        Live l = new Live(device, session, slot, now);
        if (!forSticky) {
            l.inUse.incrementAndGet();
        }
        live.put(device.id(), l);
        maxLiveAtOnce.accumulateAndGet(live.size(), Math::max);
        devices.setSessionState(device.businessId(), device.id(), SessionState.HOT);
        backoff.clear(device.id());
        if (slot != null) {
            sticky.grantOnFirstLink(device.businessId(), device.id());
            sticky.startBurning(device.id(), now);
        }
        return new Ready(new Use(l));
    }

    private Instant backOff(Device device, SessionEvents.Disconnect kind) {
        Duration delay;
        BackoffState.Failure failure;
        if (kind == SessionEvents.Disconnect.STREAM_ERROR_515) {
            failure = BackoffState.Failure.STREAM_ERROR_515;
            delay = StreamErrorBackoff.after(backoff.recordFailure(device.id(), failure), random).delay();
        } else {
            failure = BackoffState.Failure.CONNECT;
            delay = ConnectBackoff.delay(backoff.recordFailure(device.id(), failure), random);
        }
        backoff.block(device.id(), delay);
        metrics.backoff(failure);
        devices.setSessionState(device.businessId(), device.id(), SessionState.BACKOFF);
        LOG.log(System.Logger.Level.INFO, "Device " + device.id() + " backs off " + delay.toMillis() + " ms after "
                + kind);
        return clock.instant().plus(delay);
    }

    private void disconnected(DeviceId device, SessionEvents.Disconnect reason) {
        Live l = live.get(device);
        if (l == null || !l.markClosing()) {
            return;
        }
        Instant now = clock.instant();
        try {
            sticky.stopBurning(device, now);
        } finally {
            try {
                releaseSlot(l.slot);
            } finally {
                live.remove(device, l);
                wakeWaiters();
            }
        }
        if (reason == SessionEvents.Disconnect.CONNECTION_LOST) {
            devices.setSessionState(l.device.businessId(), device, SessionState.COLD);
        } else {
            backOff(l.device, reason);
        }
    }

    /** Frees one slot for {@code requester}: an idle session here, else asks the holders elsewhere. */
    private void makeRoom(DeviceId requester) {
        List<SlotLease> held = slots.held();
        for (SlotLease lease : held) {
            if (lease.device().equals(requester) && !lease.holder().equals(settings.holder())) {
                // The device is live on another worker: ask for it back if it is idle there.
                slots.requestRelease(requester);
                return;
            }
        }
        List<Live> idle = live.values().stream()
                .filter(l -> l.slot != null && l.inUse.get() == 0 && !l.closing).toList();
        Optional<Live> victim = lowestBudget(idle.stream().filter(Live::sticky).toList())
                .or(() -> idle.stream().filter(l -> !l.sticky())
                        .min(Comparator.comparing((Live l) -> l.lastUsed)));
        if (victim.isPresent() && victim.get().tryCloseIfIdle()) {
            if (victim.get().sticky()) {
                metrics.preempted();
            }
            closeNow(victim.get(), SessionState.COLD);
            return;
        }
        List<SlotLease> remote = held.stream().filter(l -> !l.holder().equals(settings.holder())).toList();
        List<SlotLease> remoteSticky = remote.stream().filter(SlotLease::sticky).toList();
        if (!remoteSticky.isEmpty()) {
            Map<DeviceId, Duration> left = sticky.remaining(remoteSticky.stream().map(SlotLease::device).toList(),
                    clock.instant());
            remoteSticky.stream().min(Comparator.comparing(l -> left.getOrDefault(l.device(), Duration.ZERO)))
                    .ifPresent(l -> slots.requestRelease(l.device()));
            return;
        }
        // Every other worker's sessions are for sends; those idle right now will give theirs up.
        remote.forEach(l -> slots.requestRelease(l.device()));
    }

    private Optional<Live> lowestBudget(List<Live> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<DeviceId, Duration> left = sticky.remaining(candidates.stream().map(Live::id).toList(), clock.instant());
        return candidates.stream().min(Comparator.comparing(l -> left.getOrDefault(l.id(), Duration.ZERO)));
    }

    private void releaseIfIdleQuietly(DeviceId device) {
        try {
            releaseIfIdle(device);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Giving up the slot of " + device + " failed: " + e);
        }
    }

    /** Another worker needs a slot: give up this device's session if no send is using it. */
    private void releaseIfIdle(DeviceId device) {
        Live l = live.get(device);
        if (l != null && l.tryCloseIfIdle()) {
            if (l.sticky()) {
                metrics.preempted();
            }
            closeNow(l, SessionState.COLD);
        }
    }

    private void close(Live l, SessionState next) {
        if (l.markClosing()) {
            closeNow(l, next);
        }
    }

    /** Called once per session, by whoever set {@code closing}. */
    private void closeNow(Live l, SessionState next) {
        try {
            l.session.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Closing the session of " + l.id() + " failed: " + e);
        }
        try {
            sticky.stopBurning(l.id(), clock.instant());
            devices.setSessionState(l.device.businessId(), l.id(), next);
        } finally {
            // Disconnected first, slot freed next, forgotten last: nobody may connect this device again (or take
            // its slot) while the old session could still be open.
            try {
                releaseSlot(l.slot);
            } finally {
                live.remove(l.id(), l);
                wakeWaiters();
            }
        }
    }

    private boolean awaitGone(Live l) {
        Instant deadline = clock.instant().plus(settings.maxSlotWait());
        while (live.get(l.id()) == l) {
            if (clock.instant().isAfter(deadline)) {
                return false;
            }
            awaitFreed(Duration.ofMillis(20));
        }
        return true;
    }

    /** Closes the device's session on this process, if it has one (the device is being removed). */
    public void disconnect(DeviceId device) {
        Live l = live.get(device);
        if (l != null) {
            close(l, SessionState.COLD);
        }
    }

    /** Keeps every slot this process holds alive; a slot that was lost (expired, Redis flushed) is taken again. */
    public void refreshSlots() {
        for (Live l : live.values()) {
            if (l.slot == null || slots.refresh(l.slot, settings.slotTtl())) {
                continue;
            }
            Optional<SlotLease> again = slots.tryAcquire(l.id(), settings.holder(), l.sticky(), settings.slotTtl());
            if (again.isPresent() && again.get().holder().equals(settings.holder())) {
                l.slot = again.get();
            } else {
                LOG.log(System.Logger.Level.WARNING, "Lost the hot-set slot of " + l.id() + "; disconnecting");
                close(l, SessionState.COLD);
            }
        }
    }

    /** HOT sessions unused for the idle timeout go back to COLD (sticky ones stay until their budget is spent). */
    public int closeIdle() {
        Instant cutoff = clock.instant().minus(settings.idleTimeout());
        int closed = 0;
        for (Live l : live.values()) {
            if (!l.sticky() && l.lastUsed.isBefore(cutoff) && l.tryCloseIfIdle()) {
                closeNow(l, SessionState.COLD);
                closed++;
            }
        }
        return closed;
    }

    /**
     * Sticky sessions: closes those whose budget is spent, and connects devices with budget left while fewer than
     * capacity − 1 slots are sticky.
     */
    public void manageSticky(ShardRange shard, int maxCandidates) {
        Instant now = clock.instant();
        List<Live> stickyLive = live.values().stream().filter(Live::sticky).toList();
        if (!stickyLive.isEmpty()) {
            Map<DeviceId, Duration> left = sticky.remaining(stickyLive.stream().map(Live::id).toList(), now);
            for (Live l : stickyLive) {
                if (left.getOrDefault(l.id(), Duration.ZERO).isZero() && l.tryCloseIfIdle()) {
                    closeNow(l, SessionState.COLD);
                }
            }
        }
        for (StickyBudget.Candidate c : sticky.candidates(now, maxCandidates)) {
            if (!shard.contains(c.business()) || live.containsKey(c.device())
                    || backoff.blockedUntil(c.device(), now).isPresent()) {
                continue;
            }
            Optional<Device> device = devices.find(c.business(), c.device());
            if (device.isEmpty() || !drivers.containsKey(device.get().channel())
                    || !drivers.get(device.get().channel()).holdsLiveSession()) {
                continue;
            }
            ReentrantLock lock = lockOf(c.device());
            if (!lock.tryLock()) {
                continue;
            }
            try {
                if (live.containsKey(c.device())) {
                    continue;
                }
                Optional<SlotLease> slot = slots.tryAcquire(c.device(), settings.holder(), true, settings.slotTtl());
                if (slot.isEmpty()) {
                    return;
                }
                if (!slot.get().sticky() || !slot.get().holder().equals(settings.holder())) {
                    continue;
                }
                connect(device.get(), slot.get(), true);
            } finally {
                lock.unlock();
            }
        }
    }

    private void releaseSlot(SlotLease slot) {
        if (slot != null) {
            slots.release(slot);
        }
    }

    private ReentrantLock lockOf(DeviceId device) {
        return deviceLocks[Math.floorMod(device.hashCode(), deviceLocks.length)];
    }

    private void awaitFreed(Duration atMost) {
        waiters.incrementAndGet();
        try {
            synchronized (freed) {
                freed.wait(Math.max(1, atMost.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiters.decrementAndGet();
        }
    }

    private void wakeWaiters() {
        synchronized (freed) {
            freed.notifyAll();
        }
    }

    /** Disconnects every session this process holds and gives their slots back. */
    @Override
    public void close() {
        AutoCloseable sub = subscription;
        subscription = null;
        if (sub != null) {
            try {
                sub.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing the slot subscription: " + e);
            }
        }
        List<Live> all = new ArrayList<>(live.values());
        for (Live l : all) {
            close(l, SessionState.COLD);
        }
    }
}
