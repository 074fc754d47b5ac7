package com.sendline.application.dispatch;

import com.sendline.domain.device.Channel;
import com.sendline.domain.session.BackoffState;

import java.time.Duration;

/** What the engine reports about itself; an adapter turns it into Prometheus series. */
public interface DispatchMetrics {
    /** A message handed to a driver, {@code lateness} after it was due. */
    void dispatched(Duration lateness);

    void sent(Channel channel, Duration sendLatency);

    void failed(Channel channel, String code);

    void retried(Channel channel, String code);

    /** A due send waited for a hot-set slot. */
    void slotWait(Duration waited);

    /** A sticky session was closed to free its slot for a due send. */
    void preempted();

    void backoff(BackoffState.Failure kind);

    DispatchMetrics NONE = new DispatchMetrics() {
        @Override
        public void dispatched(Duration lateness) {
        }

        @Override
        public void sent(Channel channel, Duration sendLatency) {
        }

        @Override
        public void failed(Channel channel, String code) {
        }

        @Override
        public void retried(Channel channel, String code) {
        }

        @Override
        public void slotWait(Duration waited) {
        }

        @Override
        public void preempted() {
        }

        @Override
        public void backoff(BackoffState.Failure kind) {
        }
    };
}
