package com.sendline.adapters.simulator;

import com.sendline.domain.scheduling.MessageId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every delivery, in the order they were accepted, plus a count per message id. Lock-free, so that a benchmark's
 * hundred thousand sends from many threads measure the engine rather than this log.
 */
final class DeliveryLog {
    private final ConcurrentLinkedQueue<Delivery> inOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<MessageId, Tally> byMessage = new ConcurrentHashMap<>();
    // A queue's size() walks the whole queue; a counter does not.
    private final AtomicLong count = new AtomicLong();

    void record(Delivery delivery) {
        byMessage.computeIfAbsent(delivery.messageId(), id -> new Tally(delivery)).times.incrementAndGet();
        inOrder.add(delivery);
        count.incrementAndGet();
    }

    List<Delivery> all() {
        return List.copyOf(inOrder);
    }

    long count() {
        return count.get();
    }

    Map<MessageId, Integer> countsByMessage() {
        Map<MessageId, Integer> counts = new HashMap<>(byMessage.size() * 2);
        byMessage.forEach((id, tally) -> counts.put(id, tally.times.get()));
        return counts;
    }

    List<MessageId> duplicates() {
        List<MessageId> repeated = new ArrayList<>();
        byMessage.forEach((id, tally) -> {
            if (tally.times.get() > 1) {
                repeated.add(id);
            }
        });
        return List.copyOf(repeated);
    }

    Optional<Delivery> first(MessageId id) {
        return Optional.ofNullable(byMessage.get(id)).map(tally -> tally.first);
    }

    void clear() {
        inOrder.clear();
        byMessage.clear();
        count.set(0);
    }

    /** The first delivery of a message is the one that counts; later ones are the duplicates. */
    private static final class Tally {
        final Delivery first;
        final AtomicInteger times = new AtomicInteger();

        Tally(Delivery first) {
            this.first = first;
        }
    }
}
