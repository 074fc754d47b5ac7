package com.sendline.adapters.simulator;

import com.sendline.domain.session.SessionEvents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Remembers what a session reported on its own; can wait for a report that arrives on another thread. */
final class RecordingEvents implements SessionEvents {
    private final List<Disconnect> seen = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Disconnect> arrivals = new LinkedBlockingQueue<>();

    @Override
    public void disconnected(Disconnect reason) {
        seen.add(reason);
        arrivals.add(reason);
    }

    List<Disconnect> seen() {
        return List.copyOf(seen);
    }

    /** Generous on purpose: only a broken simulator takes anywhere near this long. */
    Disconnect awaitNext() throws InterruptedException {
        Disconnect reason = arrivals.poll(10, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("no disconnect was reported within 10 s");
        }
        return reason;
    }
}
