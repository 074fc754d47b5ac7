package com.sendline.adapters.simulator;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One simulated live session. Safe to use from many threads at once, though the engine is expected to send through
 * one session sequentially; only then are a session's random outcomes reproducible.
 */
public final class SimulatorSession implements DeviceSession {
    private final SimulatorDriver driver;
    private final SimulatorSettings settings;
    private final DeviceId deviceId;
    private final SessionEvents events;
    private final Dice dice;
    private final AtomicBoolean open = new AtomicBoolean(true);

    SimulatorSession(SimulatorDriver driver, DeviceId deviceId, SessionEvents events, Dice dice) {
        this.driver = driver;
        this.settings = driver.settings();
        this.deviceId = deviceId;
        this.events = events;
        this.dice = dice;
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Waits the send latency, then either fails or records a {@link Delivery}. A random disconnect happens only
     * after a delivery: the message this call returns an id for did go out, and the next call finds the session
     * closed.
     */
    @Override
    public String send(MessageId id, PhoneNumber to, MessageBody body) throws SendFailure {
        Objects.requireNonNull(id, "message id");
        Objects.requireNonNull(to, "recipient");
        Objects.requireNonNull(body, "body");
        Instant calledAt = driver.now();
        requireOpen();
        try {
            Latency.sleep(settings.sendLatency(), settings.latencyJitter(), dice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Nothing was recorded, so trying again cannot produce a duplicate.
            throw new SendFailure("INTERRUPTED", "interrupted before WhatsApp took the message", true, false);
        }
        // Checked again: the connection may have dropped while the message was on its way.
        requireOpen();
        if (dice.chance(settings.sendFailureRate())) {
            throw new SendFailure("SIMULATED_FAILURE", "the simulator failed this send on purpose", true, false);
        }
        String providerId = "sim-" + Long.toHexString(dice.nextLong());
        driver.delivered(new Delivery(id, deviceId, to, body, calledAt, driver.now(), providerId));
        if (dice.chance(settings.randomDisconnectRate())) {
            dropLater(SessionEvents.Disconnect.CONNECTION_LOST);
        }
        return providerId;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** Closing on request tells no one: {@link SessionEvents} is only for endings nobody asked for. */
    @Override
    public void close() {
        markClosed();
    }

    /** Ends the session as the network would, telling its events on this thread before returning. */
    boolean drop(SessionEvents.Disconnect reason) {
        if (!markClosed()) {
            return false;
        }
        events.disconnected(reason);
        return true;
    }

    /**
     * Ends the session at once but tells its events from another thread, as a real socket's reader would: the
     * engine must not learn of a drop inside its own send call, where it may hold locks the handler needs.
     */
    void dropLater(SessionEvents.Disconnect reason) {
        if (markClosed()) {
            Thread.ofVirtual().name("simulator-disconnect-" + deviceId).start(() -> events.disconnected(reason));
        }
    }

    private boolean markClosed() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        driver.ended(this);
        return true;
    }

    private void requireOpen() throws SendFailure {
        if (!open.get()) {
            throw new SendFailure("SESSION_CLOSED", "the session of device " + deviceId + " is closed", true, true);
        }
    }
}
