package com.sendline.application.operations;

import java.time.Duration;

/** Part of the instance that holds work (requests, leases, realtime clients) and must let go of it on shutdown. */
public interface Drainable {
    /** Stop accepting new work; return at once. */
    void stopTakingWork();

    /**
     * Finish or hand back what is in flight, waiting at most {@code limit}.
     *
     * @return true when everything finished in time
     */
    boolean awaitIdle(Duration limit);
}
