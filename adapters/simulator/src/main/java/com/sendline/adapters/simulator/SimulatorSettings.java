package com.sendline.adapters.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator behaves: how slow it is and how often it fails. Every rate is a probability from 0 to 1.
 *
 * @param latencyJitter how far a latency may stray either way, as a fraction of it (0.2: 80 % to 120 %), so that
 *                      sessions opened together do not finish in lockstep the way no real network does
 * @param streamError515Rate chance that a connect fails with WhatsApp's "restart required" (515)
 * @param connectFailureRate chance that a connect fails with a dropped connection; with the 515 rate it is one
 *                           roll, so the two cannot add up to more than 1
 * @param randomDisconnectRate chance, after each successful send, that the session then drops on its own
 * @param seed makes every roll reproducible: the same settings, device ids and call order give the same outcomes
 */
public record SimulatorSettings(Duration connectLatency, Duration sendLatency, double latencyJitter,
                                double sendFailureRate, double streamError515Rate, double connectFailureRate,
                                double randomDisconnectRate, long seed) {
    /** Fixed rather than random so that two runs of a test see the same faults unless they ask otherwise. */
    public static final long DEFAULT_SEED = 20_240_515L;

    public SimulatorSettings {
        requireNotNegative(connectLatency, "connect latency");
        requireNotNegative(sendLatency, "send latency");
        requireRate(latencyJitter, "latency jitter");
        requireRate(sendFailureRate, "send failure rate");
        requireRate(streamError515Rate, "stream error 515 rate");
        requireRate(connectFailureRate, "connect failure rate");
        requireRate(randomDisconnectRate, "random disconnect rate");
        if (streamError515Rate + connectFailureRate > 1.0) {
            throw new IllegalArgumentException(
                    "stream error 515 rate and connect failure rate together must be at most 1");
        }
    }

    /** Roughly a real WhatsApp Web session on a good network, and no faults. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofMillis(200), Duration.ofMillis(20), 0.2, 0, 0, 0, 0, DEFAULT_SEED);
    }

    /** No latency and no faults: only the bookkeeping costs anything, for benchmarks and fast tests. */
    public static SimulatorSettings instant() {
        return new SimulatorSettings(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, DEFAULT_SEED);
    }

    public SimulatorSettings withConnectLatency(Duration value) {
        return new SimulatorSettings(value, sendLatency, latencyJitter, sendFailureRate, streamError515Rate,
                connectFailureRate, randomDisconnectRate, seed);
    }

    public SimulatorSettings withSendLatency(Duration value) {
        return new SimulatorSettings(connectLatency, value, latencyJitter, sendFailureRate, streamError515Rate,
                connectFailureRate, randomDisconnectRate, seed);
    }

    public SimulatorSettings withLatencyJitter(double value) {
        return new SimulatorSettings(connectLatency, sendLatency, value, sendFailureRate, streamError515Rate,
                connectFailureRate, randomDisconnectRate, seed);
    }

    public SimulatorSettings withSendFailureRate(double value) {
        return new SimulatorSettings(connectLatency, sendLatency, latencyJitter, value, streamError515Rate,
                connectFailureRate, randomDisconnectRate, seed);
    }

    public SimulatorSettings withStreamError515Rate(double value) {
        return new SimulatorSettings(connectLatency, sendLatency, latencyJitter, sendFailureRate, value,
                connectFailureRate, randomDisconnectRate, seed);
    }

    public SimulatorSettings withConnectFailureRate(double value) {
        return new SimulatorSettings(connectLatency, sendLatency, latencyJitter, sendFailureRate, streamError515Rate,
                value, randomDisconnectRate, seed);
    }

    public SimulatorSettings withRandomDisconnectRate(double value) {
        return new SimulatorSettings(connectLatency, sendLatency, latencyJitter, sendFailureRate, streamError515Rate,
                connectFailureRate, value, seed);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(connectLatency, sendLatency, latencyJitter, sendFailureRate, streamError515Rate,
                connectFailureRate, randomDisconnectRate, value);
    }

    private static void requireNotNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    private static void requireRate(double value, String what) {
        // Written this way round so that NaN fails too.
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be from 0 to 1: " + value);
        }
    }
}
