package com.sendline.domain.scheduling;

import org.junit.jupiter.api.Test;

import static com.sendline.domain.scheduling.MessageStatus.CANCELLED;
import static com.sendline.domain.scheduling.MessageStatus.DELIVERED;
import static com.sendline.domain.scheduling.MessageStatus.FAILED;
import static com.sendline.domain.scheduling.MessageStatus.READ;
import static com.sendline.domain.scheduling.MessageStatus.SCHEDULED;
import static com.sendline.domain.scheduling.MessageStatus.SENDING;
import static com.sendline.domain.scheduling.MessageStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;

class MessageStatusTest {
    @Test
    void receipts_move_forward_and_may_skip_but_never_go_back() {
        assertThat(SENT.canMoveTo(READ)).as("read receipt before delivered").isTrue();
        assertThat(READ.canMoveTo(DELIVERED)).as("late delivered receipt after read").isFalse();
        assertThat(DELIVERED.canMoveTo(SENT)).isFalse();
        assertThat(SENT.canMoveTo(SCHEDULED)).isFalse();
    }

    @Test
    void only_a_scheduled_message_can_be_cancelled() {
        assertThat(SCHEDULED.canMoveTo(CANCELLED)).isTrue();
        for (MessageStatus s : MessageStatus.values()) {
            if (s != SCHEDULED) {
                assertThat(s.canMoveTo(CANCELLED)).as(s + " -> cancelled").isFalse();
            }
        }
    }

    @Test
    void read_failed_and_cancelled_are_final_and_nothing_moves_to_itself() {
        assertThat(READ.isFinal()).isTrue();
        assertThat(FAILED.isFinal()).isTrue();
        assertThat(CANCELLED.isFinal()).isTrue();
        assertThat(SENDING.isFinal()).isFalse();
        for (MessageStatus s : MessageStatus.values()) {
            assertThat(s.canMoveTo(s)).isFalse();
        }
    }
}
