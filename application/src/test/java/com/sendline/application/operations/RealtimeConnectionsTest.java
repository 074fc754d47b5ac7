package com.sendline.application.operations;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeConnectionsTest {
    /** A client stream that either takes its goodbye at once or never does. */
    private static final class Client implements RealtimeConnections.Connection {
        final boolean responsive;
        final List<String> received = new ArrayList<>();
        volatile boolean aborted;

        Client(boolean responsive) {
            this.responsive = responsive;
        }

        @Override
        public CompletableFuture<Void> closeWith(String event, String data) {
            received.add(event + " " + data);
            return responsive ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    @Test
    void every_client_is_told_to_reconnect_and_a_stuck_one_is_cut_off_after_its_allowance() {
        RealtimeConnections connections = new RealtimeConnections(Duration.ofMillis(300));
        Client quick = new Client(true);
        Client stuck = new Client(false);
        Client another = new Client(true);
        connections.register(quick);
        connections.register(stuck);
        connections.register(another);

        long started = System.nanoTime();
        boolean clean = connections.awaitIdle(Duration.ofSeconds(20));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(clean).isFalse();
        assertThat(quick.received).containsExactly("draining {\"reconnect\":true}");
        assertThat(stuck.received).containsExactly("draining {\"reconnect\":true}");
        assertThat(stuck.aborted).isTrue();
        assertThat(quick.aborted).isFalse();
        assertThat(another.aborted).isFalse();
        // all clients share one allowance, so a stuck client delays shutdown by about 300 ms, not forever
        assertThat(tookMs).isLessThan(5_000);
        assertThat(connections.size()).isZero();
    }

    @Test
    void once_draining_no_new_client_is_accepted() {
        RealtimeConnections connections = new RealtimeConnections(Duration.ofSeconds(1));
        connections.stopTakingWork();

        assertThat(connections.register(new Client(true))).isFalse();
        assertThat(connections.size()).isZero();
    }

    @Test
    void with_only_responsive_clients_the_drain_is_clean() {
        RealtimeConnections connections = new RealtimeConnections(Duration.ofSeconds(1));
        connections.register(new Client(true));

        assertThat(connections.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }
}
