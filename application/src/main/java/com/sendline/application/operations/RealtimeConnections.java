package com.sendline.application.operations;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every open realtime stream (Server-Sent Events) of this instance. On drain each client is told to reconnect
 * elsewhere and gets {@code perClient} to take the message; a client that does not is cut off, so a slow
 * browser can delay a redeploy by at most that long, in parallel with all the others.
 */
public final class RealtimeConnections implements Drainable {
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Duration perClient;
    private volatile boolean closing;

    /** One client's stream, as the delivery technology sees it. */
    public interface Connection {
        /** Sends a last event and ends the stream; completes once the client has it or the stream is gone. */
        CompletableFuture<Void> closeWith(String event, String data);

        /** Drops the stream without ceremony. */
        void abort();
    }

    public RealtimeConnections(Duration perClient) {
        this.perClient = perClient;
    }

    /** @return false when the instance is draining and the caller must refuse the client */
    public boolean register(Connection connection) {
        if (closing) {
            return false;
        }
        open.add(connection);
        return true;
    }

    public void unregister(Connection connection) {
        open.remove(connection);
    }

    public int size() {
        return open.size();
    }

    @Override
    public void stopTakingWork() {
        closing = true;
    }

    @Override
    public boolean awaitIdle(Duration limit) {
        closing = true;
        List<Connection> clients = List.copyOf(open);
        List<CompletableFuture<Void>> goodbyes = clients.stream()
                .map(c -> c.closeWith("draining", "{\"reconnect\":true}"))
                .toList();
        boolean allClean = true;
        long deadline = System.nanoTime() + Math.min(perClient.toNanos(), limit.toNanos());
        for (int i = 0; i < clients.size(); i++) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                goodbyes.get(i).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                clients.get(i).abort();
                allClean = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clients.get(i).abort();
                allClean = false;
            }
            open.remove(clients.get(i));
        }
        return allClean;
    }
}
