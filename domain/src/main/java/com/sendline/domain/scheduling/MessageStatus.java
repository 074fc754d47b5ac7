package com.sendline.domain.scheduling;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a message is in its life. A message moves forward only: scheduled, then sending (claimed by exactly one
 * worker), then sent, delivered, read — or failed, or cancelled before sending began. Receipts can arrive out of
 * order (a "read" before its "delivered"), so a later state may skip earlier ones but never go back.
 */
public enum MessageStatus {
    SCHEDULED,
    SENDING,
    SENT,
    DELIVERED,
    READ,
    FAILED,
    CANCELLED;

    public boolean canMoveTo(MessageStatus next) {
        return next != this && successors().contains(next);
    }

    public boolean isFinal() {
        return successors().isEmpty();
    }

    private Set<MessageStatus> successors() {
        return switch (this) {
            // Back to SCHEDULED from SENDING is a retry after a failed attempt.
            case SCHEDULED -> EnumSet.of(SENDING, CANCELLED);
            case SENDING -> EnumSet.of(SCHEDULED, SENT, DELIVERED, READ, FAILED);
            case SENT -> EnumSet.of(DELIVERED, READ, FAILED);
            case DELIVERED -> EnumSet.of(READ);
            case READ, FAILED, CANCELLED -> EnumSet.noneOf(MessageStatus.class);
        };
    }
}
