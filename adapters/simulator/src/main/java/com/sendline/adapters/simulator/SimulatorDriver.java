package com.sendline.adapters.simulator;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.SessionEvents;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An offline WhatsApp: sessions and sends with configurable latency and faults, and a record of everything that
 * happened, so that tests and benchmarks can check what the engine did from the recipients' side (each message
 * delivered once, never more sessions than the cap) rather than from the engine's own bookkeeping.
 *
 * <p>Thread-safe and lock-free on the send path. Recorded state is only ever added to until {@link #reset()}.
 */
public final class SimulatorDriver implements DeviceDriver {
    private final SimulatorSettings settings;
    private final InstantSource clock;
    private final LiveSessions live = new LiveSessions();
    private final DeliveryLog log = new DeliveryLog();
    private final ScriptedConnectFailures scripted = new ScriptedConnectFailures();
    private final ConcurrentHashMap<DeviceId, Dice> diceByDevice = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<Consumer<Delivery>> deliveryListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong connectAttempts = new AtomicLong();

    public SimulatorDriver(SimulatorSettings settings) {
        this(settings, InstantSource.system());
    }

    /** @param clock stamps {@link Delivery#calledAt()} and {@link Delivery#sentAt()}; latency is real time regardless */
    public SimulatorDriver(SimulatorSettings settings, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Channel channel() {
        return Channel.SIMULATOR;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * Waits the connect latency, then fails if a test scripted it ({@link #failNextConnects}) or the rates say so.
     * Opening a session for a device that already has one is recorded in {@link #violations()} and, as WhatsApp
     * would, the older session is dropped with {@code CONNECTION_LOST}.
     *
     * @throws IllegalArgumentException for a device on another channel: that is a wiring bug, not a network fault
     */
    @Override
    public SimulatorSession connect(Device device, SessionEvents events) throws ConnectFailure {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(events, "events");
        if (device.channel() != Channel.SIMULATOR) {
            throw new IllegalArgumentException(
                    "the simulator drives only SIMULATOR devices; device " + device.id() + " is " + device.channel());
        }
        connectAttempts.incrementAndGet();
        Dice dice = diceFor(device.id());
        try {
            Latency.sleep(settings.connectLatency(), settings.latencyJitter(), dice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectFailure(SessionEvents.Disconnect.CONNECTION_LOST, "interrupted while connecting");
        }
        SessionEvents.Disconnect forced = scripted.next(device.id());
        if (forced != null) {
            throw new ConnectFailure(forced, "the simulator was told to fail this connect with " + forced);
        }
        failByChance(dice);
        SimulatorSession session = new SimulatorSession(this, device.id(), events, new Dice(dice.nextLong()));
        SimulatorSession displaced = live.opened(session);
        if (displaced != null) {
            violations.add("device " + device.id() + " opened a second session while its first was still open;"
                    + " WhatsApp would have kicked the first");
            displaced.dropLater(SessionEvents.Disconnect.CONNECTION_LOST);
        }
        return session;
    }

    /** Sessions open right now. */
    public int connectedNow() {
        return live.openNow();
    }

    /** The most sessions that were open at the same moment since start or {@link #reset()}. */
    public int maxConnectedAtOnce() {
        return live.highWater();
    }

    /** Sessions successfully opened since start or {@link #reset()}. */
    public long connects() {
        return live.opened();
    }

    /** Calls to {@link #connect}, failed ones included, since start or {@link #reset()}. */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** What the engine did that real WhatsApp would punish; a correct engine leaves this empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every delivery in the order the simulator accepted them. Copies: cheap enough for tests, not for a hot loop. */
    public List<Delivery> deliveries() {
        return log.all();
    }

    public long deliveredCount() {
        return log.count();
    }

    /** How many times each delivered message arrived. */
    public Map<MessageId, Integer> deliveryCounts() {
        return log.countsByMessage();
    }

    /** Messages that arrived more than once; exactly-once delivery leaves this empty. */
    public List<MessageId> duplicates() {
        return log.duplicates();
    }

    /** The first delivery of a message. */
    public Optional<Delivery> deliveryOf(MessageId id) {
        return log.first(id);
    }

    /**
     * Calls the listener with each delivery, on the sending thread, before {@code send} returns; so it must be
     * quick. A listener that throws does not fail the send (the message did go out): the failure is recorded in
     * {@link #violations()} instead.
     */
    public Registration onDelivery(Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        deliveryListeners.add(listener);
        return () -> deliveryListeners.remove(listener);
    }

    /**
     * Drops every open session as a network outage would. Each session's events hear {@code reason} on this
     * thread before this returns, so a test can assert on the engine's reaction straight after.
     */
    public void disconnectAll(SessionEvents.Disconnect reason) {
        Objects.requireNonNull(reason, "reason");
        RuntimeException handlerFailure = null;
        for (SimulatorSession session : live.snapshot()) {
            try {
                session.drop(reason);
            } catch (RuntimeException e) {
                // Every session still gets dropped; the caller hears of the broken handler afterwards.
                if (handlerFailure == null) {
                    handlerFailure = e;
                } else {
                    handlerFailure.addSuppressed(e);
                }
            }
        }
        if (handlerFailure != null) {
            throw handlerFailure;
        }
    }

    /**
     * Drops one device's open session, telling its events on this thread.
     *
     * @return false when the device had no open session
     */
    public boolean disconnect(DeviceId device, SessionEvents.Disconnect reason) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
        for (SimulatorSession session : live.snapshot()) {
            if (session.deviceId().equals(device) && session.drop(reason)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes the device's next {@code times} connects fail with {@code kind}, after their usual latency. Calls add
     * up in order: 2 × 515 then 1 × CONNECTION_LOST fails the next three connects in that order.
     */
    public void failNextConnects(DeviceId device, int times, SessionEvents.Disconnect kind) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        scripted.add(device, times, kind);
    }

    /**
     * Forgets deliveries, violations, scripted failures and counters, and restarts every device's random stream, so
     * that one driver can serve several runs. Sessions stay open and count towards the new high-water mark. Call
     * it while nothing is sending: a send racing a reset may land in either run.
     */
    public void reset() {
        log.clear();
        violations.clear();
        scripted.clear();
        diceByDevice.clear();
        connectAttempts.set(0);
        live.resetCounters();
    }

    Instant now() {
        return clock.instant();
    }

    void delivered(Delivery delivery) {
        log.record(delivery);
        for (Consumer<Delivery> listener : deliveryListeners) {
            try {
                listener.accept(delivery);
            } catch (RuntimeException e) {
                violations.add("a delivery listener threw " + e);
            }
        }
    }

    void ended(SimulatorSession session) {
        live.closed(session);
    }

    private void failByChance(Dice dice) throws ConnectFailure {
        double streamError = settings.streamError515Rate();
        double lost = settings.connectFailureRate();
        if (streamError == 0 && lost == 0) {
            return;
        }
        // One roll for both, so each rate is exactly the chance of its own failure.
        double roll = dice.unit();
        if (roll < streamError) {
            throw new ConnectFailure(SessionEvents.Disconnect.STREAM_ERROR_515, "simulated stream error 515");
        }
        if (roll < streamError + lost) {
            throw new ConnectFailure(SessionEvents.Disconnect.CONNECTION_LOST, "simulated connection failure");
        }
    }

    private Dice diceFor(DeviceId device) {
        return diceByDevice.computeIfAbsent(device, id -> {
            UUID uuid = id.value();
            return Dice.stream(settings.seed(), uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
        });
    }
}
