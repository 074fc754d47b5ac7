package com.sendline.adapters.simulator;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.SessionEvents;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Connect failures a test asked for, per device and in order, so that a backoff sequence (515, 515, lost, ok) can
 * be driven exactly instead of hoped for from a random rate.
 */
final class ScriptedConnectFailures {
    private final ConcurrentHashMap<DeviceId, Queue<SessionEvents.Disconnect>> pending = new ConcurrentHashMap<>();

    void add(DeviceId device, int times, SessionEvents.Disconnect kind) {
        Queue<SessionEvents.Disconnect> queue = pending.computeIfAbsent(device, d -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(kind);
        }
    }

    /** @return the next failure scripted for this device, or null to connect normally */
    SessionEvents.Disconnect next(DeviceId device) {
        Queue<SessionEvents.Disconnect> queue = pending.get(device);
        return queue == null ? null : queue.poll();
    }

    void clear() {
        pending.clear();
    }
}
