package com.sendline.application.cache;

/**
 * Tells every running instance that cached entries went stale. A publish is fire-and-forget and may be lost
 * (a subscriber was disconnected), which is why subscribers also hear about gaps and why local caches keep a TTL.
 */
public interface InvalidationBus {
    void publish(String topic, String key);

    Subscription subscribe(String topic, Listener listener);

    interface Listener {
        void invalidated(String key);

        /** Messages may have been missed (the subscription was re-established): drop everything cached. */
        void gap();
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
