package com.sendline.domain.scheduling;

import java.util.Objects;

/** What became of one claimed message: its new state, for the store to record in one batch. */
public record SendResult(ScheduledMessage after, String providerMessageId) {
    public SendResult {
        Objects.requireNonNull(after, "message");
        if (after.status() == MessageStatus.SENDING) {
            throw new IllegalArgumentException("a send result must leave 'sending'");
        }
    }
}
