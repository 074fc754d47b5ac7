package com.sendline.application.inbound;

import com.sendline.domain.inbound.InboundEvent;
import com.sendline.domain.inbound.InboundEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InboundLoopTest {

    /** Counts the database claims; nothing is ever due there. */
    private static final class CountingInbox implements InboundEvents {
        final AtomicInteger claims = new AtomicInteger();

        @Override
        public List<StoredInboundEvent> record(List<InboundEvent> events, Instant processAfter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredInboundEvent> claim(Instant now, Duration lease, int limit) {
            claims.incrementAndGet();
            return List.of();
        }

        @Override
        public void settle(Collection<Settlement> settlements) {
        }

        @Override
        public long backlog() {
            return 0;
        }

        @Override
        public int forgetProcessedBefore(Instant before, int limit) {
            return 0;
        }
    }

    @Test
    void hand_overs_do_not_bring_the_database_sweep_forward() throws Exception {
        CountingInbox inbox = new CountingInbox();
        ProcessInboundEvents process = new ProcessInboundEvents(inbox, receipts -> List.of(), messages -> java.util.Set.of(),
                Clock.systemUTC(), 200);
        InboundLoop loop = new InboundLoop(process, Duration.ofSeconds(30));
        loop.start();
        try {
            waitFor(() -> inbox.claims.get() == 1);
            for (int i = 0; i < 100; i++) {
                loop.handOver(List.of());
                Thread.sleep(2);
            }
            // Each hand-over woke the loop (before, each then swept the database too): still only the first sweep.
            assertThat(inbox.claims.get()).isEqualTo(1);
        } finally {
            loop.stop();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
