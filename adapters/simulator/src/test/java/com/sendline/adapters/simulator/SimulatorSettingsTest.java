package com.sendline.adapters.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorSettingsTest {
    @Test
    void defaultsAreARealisticFaultFreeNetwork() {
        SimulatorSettings settings = SimulatorSettings.defaults();

        assertThat(settings.connectLatency()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.sendLatency()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.latencyJitter()).isEqualTo(0.2);
        assertThat(settings.sendFailureRate()).isZero();
        assertThat(settings.streamError515Rate()).isZero();
        assertThat(settings.connectFailureRate()).isZero();
        assertThat(settings.randomDisconnectRate()).isZero();
    }

    @Test
    void instantHasNoLatencyAndNoFaults() {
        SimulatorSettings settings = SimulatorSettings.instant();

        assertThat(settings.connectLatency()).isZero();
        assertThat(settings.sendLatency()).isZero();
        assertThat(settings.sendFailureRate() + settings.streamError515Rate() + settings.connectFailureRate()
                + settings.randomDisconnectRate()).isZero();
    }

    @Test
    void withChangesOnlyTheNamedSetting() {
        SimulatorSettings base = SimulatorSettings.defaults();

        SimulatorSettings changed = base.withSendFailureRate(0.5).withSeed(7);

        assertThat(changed.sendFailureRate()).isEqualTo(0.5);
        assertThat(changed.seed()).isEqualTo(7);
        assertThat(changed.withSendFailureRate(base.sendFailureRate()).withSeed(base.seed())).isEqualTo(base);
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        SimulatorSettings base = SimulatorSettings.defaults();

        assertThatThrownBy(() -> base.withSendFailureRate(1.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("send failure rate");
        assertThatThrownBy(() -> base.withRandomDisconnectRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withStreamError515Rate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withLatencyJitter(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withConnectFailureRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesConnectFailureRatesThatAddUpToMoreThanCertainty() {
        SimulatorSettings base = SimulatorSettings.defaults().withStreamError515Rate(0.7);

        assertThat(base.withConnectFailureRate(0.3).connectFailureRate()).isEqualTo(0.3);
        assertThatThrownBy(() -> base.withConnectFailureRate(0.4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("together");
    }

    @Test
    void refusesNegativeOrMissingLatency() {
        SimulatorSettings base = SimulatorSettings.defaults();

        assertThatThrownBy(() -> base.withConnectLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect latency");
        assertThatThrownBy(() -> base.withSendLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("send latency");
        assertThatThrownBy(() -> base.withSendLatency(null)).isInstanceOf(NullPointerException.class);
    }
}
