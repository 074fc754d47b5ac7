package com.sendline.fakes.graphapi;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What {@link MessagesHandler} makes of a request: its answer, or a wait and then the rest of the handling. The
 * waits (the fake's latency, an injected delay) are handed back rather than slept, so that the server can wait
 * without holding a thread: under a load test with latency set, hundreds of requests are waiting at once.
 */
sealed interface Reply {

    /** {@code rest} at once when there is nothing to wait for, so an unhindered request never leaves its thread. */
    static Reply after(Duration wait, Supplier<Reply> rest) {
        return wait.isZero() ? rest.get() : new Later(wait, rest);
    }

    record Ready(GraphResponse response) implements Reply {
    }

    /** @param rest the handling still to do once {@code delay} has passed; to be called once */
    record Later(Duration delay, Supplier<Reply> rest) implements Reply {
    }
}
