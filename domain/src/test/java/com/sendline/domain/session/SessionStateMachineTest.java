package com.sendline.domain.session;

import com.sendline.domain.device.SessionState;
import org.junit.jupiter.api.Test;

import static com.sendline.domain.device.SessionState.BACKOFF;
import static com.sendline.domain.device.SessionState.COLD;
import static com.sendline.domain.device.SessionState.CONNECTING;
import static com.sendline.domain.device.SessionState.HOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStateMachineTest {
    @Test
    void a_session_wakes_through_connecting_and_sleeps_again() {
        assertThat(COLD.moveTo(CONNECTING).moveTo(HOT).moveTo(COLD)).isEqualTo(COLD);
        assertThat(COLD.moveTo(CONNECTING).moveTo(BACKOFF).moveTo(CONNECTING)).isEqualTo(CONNECTING);
        assertThat(HOT.moveTo(BACKOFF).moveTo(COLD)).isEqualTo(COLD);
    }

    @Test
    void a_cold_or_parked_session_never_jumps_straight_to_hot() {
        assertThat(COLD.canMoveTo(HOT)).isFalse();
        assertThat(BACKOFF.canMoveTo(HOT)).isFalse();
        assertThatThrownBy(() -> COLD.moveTo(HOT)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a session cannot go from COLD to HOT");
    }

    @Test
    void a_cold_session_cannot_be_parked_or_re_cooled() {
        assertThat(COLD.canMoveTo(BACKOFF)).isFalse();
        assertThat(COLD.canMoveTo(COLD)).isFalse();
        assertThat(HOT.canMoveTo(CONNECTING)).isFalse();
    }
}
