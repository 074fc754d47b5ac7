package com.sendline.application.worker;

import java.time.Duration;

/**
 * A loop that runs {@link #tick()} every {@code interval} on a virtual thread of its own. A tick that throws is
 * logged and the loop goes on: a Redis blip must not end lease cleanup for good.
 */
public abstract class PeriodicLoop implements Loop {
    private static final System.Logger LOG = System.getLogger(PeriodicLoop.class.getName());
    private final String name;
    private final Duration interval;
    private final Object monitor = new Object();
    private volatile boolean running;
    /** A nudge that came while a tick ran: the next tick starts without waiting. */
    private boolean nudged;
    private Thread thread;

    protected PeriodicLoop(String name, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " needs a positive interval");
        }
        this.name = name;
        this.interval = interval;
    }

    protected abstract void tick();

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("sendline-" + name).start(this::run);
    }

    public boolean isRunning() {
        return running;
    }

    /** Runs the next tick now instead of at the end of the interval. */
    public void nudge() {
        synchronized (monitor) {
            nudged = true;
            monitor.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + " failed; trying again in " + interval.toMillis() + " ms: " + e);
            }
            synchronized (monitor) {
                if (!running) {
                    break;
                }
                try {
                    if (!nudged) {
                        monitor.wait(interval.toMillis());
                    }
                    nudged = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
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
        nudge();
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
