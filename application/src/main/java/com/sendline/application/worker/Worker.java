package com.sendline.application.worker;

import com.sendline.application.dispatch.Dispatcher;
import com.sendline.application.dispatch.DispatchLoop;
import com.sendline.application.operations.Drainable;
import com.sendline.application.sessions.SessionPool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything that sends: the main dispatch loop, the background loops, the dispatcher and the session pool. On a
 * drain it stops leasing, lets running sends finish, gives back what it had not begun, and disconnects its
 * sessions so their slots are free for the next instance at once.
 */
public final class Worker implements Drainable, AutoCloseable {
    private final DispatchLoop dispatchLoop;
    private final Dispatcher dispatcher;
    private final SessionPool sessions;
    private final List<Loop> background;
    private volatile boolean started;
    private volatile boolean stopped;

    public Worker(DispatchLoop dispatchLoop, Dispatcher dispatcher, SessionPool sessions, List<Loop> background) {
        this.dispatchLoop = dispatchLoop;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.background = List.copyOf(background);
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        sessions.start();
        dispatchLoop.start();
        background.forEach(Loop::start);
    }

    @Override
    public void stopTakingWork() {
        dispatchLoop.stop();
    }

    @Override
    public boolean awaitIdle(Duration limit) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(this::close,
                r -> Thread.ofVirtual().name("sendline-worker-drain").start(r));
        try {
            done.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /**
     * Stops like a crashed process would: no more leasing, no lease extended or given back, sessions dropped
     * without a word. Tests of lease expiry use it; production never does.
     */
    public synchronized void halt() {
        stopped = true;
        dispatcher.halt();
        dispatchLoop.stop();
        background.forEach(Loop::stop);
        sessions.close();
        dispatcher.close(); // halted: nothing more is sent; this only ends its threads
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        dispatchLoop.stop();
        dispatcher.close();
        background.forEach(Loop::stop);
        sessions.close();
    }
}
