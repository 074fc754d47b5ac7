package com.sendline.fakes.graphapi;

import java.util.ArrayDeque;
import java.util.Deque;

/** Faults a test asked for, handed out one per request in the order they were asked for. */
final class ScriptedFaults {
    private final Deque<Pending> queue = new ArrayDeque<>();

    private static final class Pending {
        final GraphFault fault;
        int remaining;

        Pending(GraphFault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    synchronized void add(int times, GraphFault fault) {
        if (times > 0) {
            queue.addLast(new Pending(fault, times));
        }
    }

    /** @return the fault for this request, or null when none is left */
    synchronized GraphFault next() {
        Pending head = queue.peekFirst();
        if (head == null) {
            return null;
        }
        if (--head.remaining == 0) {
            queue.removeFirst();
        }
        return head.fault;
    }

    synchronized void clear() {
        queue.clear();
    }
}
