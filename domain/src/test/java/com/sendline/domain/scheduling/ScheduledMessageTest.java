package com.sendline.domain.scheduling;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledMessageTest {
    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private static ScheduledMessage fresh() {
        return ScheduledMessage.schedule(BusinessId.random(), DeviceId.random(), new PhoneNumber("+4915112345678"),
                new MessageBody("Your table is ready"), NINE);
    }

    @Test
    void a_new_message_is_scheduled_with_no_attempts() {
        ScheduledMessage m = fresh();

        assertThat(m.status()).isEqualTo(MessageStatus.SCHEDULED);
        assertThat(m.attempts()).isZero();
        assertThat(m.dueAt()).isEqualTo(NINE);
    }

    @Test
    void a_scheduled_message_can_be_cancelled_or_moved_but_not_once_sending_has_begun() {
        ScheduledMessage m = fresh();
        assertThat(m.cancelled().status()).isEqualTo(MessageStatus.CANCELLED);
        assertThat(m.rescheduled(NINE.plusSeconds(60)).dueAt()).isEqualTo(NINE.plusSeconds(60));

        ScheduledMessage sending = m.sending();
        assertThat(sending.attempts()).isEqualTo(1);
        assertThatThrownBy(sending::cancelled).isInstanceOf(NotAllowedNow.class)
                .satisfies(e -> assertThat(((NotAllowedNow) e).code()).isEqualTo("ALREADY_SENDING"));
        assertThatThrownBy(() -> sending.rescheduled(NINE)).isInstanceOf(NotAllowedNow.class)
                .satisfies(e -> assertThat(((NotAllowedNow) e).code()).isEqualTo("ALREADY_SENDING"));
    }

    @Test
    void a_message_cannot_be_claimed_twice_so_it_cannot_be_sent_twice() {
        ScheduledMessage sending = fresh().sending();

        assertThatThrownBy(sending::sending).isInstanceOf(NotAllowedNow.class);
        ScheduledMessage sent = sending.sent();
        assertThatThrownBy(sent::sending).isInstanceOf(NotAllowedNow.class)
                .satisfies(e -> assertThat(((NotAllowedNow) e).code()).isEqualTo("ALREADY_FINISHED"));
    }

    @Test
    void a_failed_attempt_goes_back_to_scheduled_at_the_retry_time_keeping_the_count_and_reason() {
        ScheduledMessage retry = fresh().sending().retryAt(NINE.plusSeconds(30), "device offline");

        assertThat(retry.status()).isEqualTo(MessageStatus.SCHEDULED);
        assertThat(retry.dueAt()).isEqualTo(NINE.plusSeconds(30));
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.lastError()).isEqualTo("device offline");
        assertThat(retry.sending().attempts()).isEqualTo(2);
    }

    @Test
    void a_final_failure_keeps_its_reason_and_a_success_clears_it() {
        assertThat(fresh().sending().failed("number not on WhatsApp").lastError()).isEqualTo("number not on WhatsApp");
        assertThat(fresh().sending().retryAt(NINE, "x").sending().sent().lastError()).isNull();
        assertThatThrownBy(() -> fresh().failed("x")).as("only a claimed message can fail")
                .isInstanceOf(NotAllowedNow.class);
    }

    @Test
    void an_over_long_error_is_cut_to_500_characters() {
        assertThat(fresh().sending().failed("e".repeat(2_000)).lastError()).hasSize(500);
    }
}
