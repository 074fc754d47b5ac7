package com.sendline.domain.scheduling;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.Objects;

/**
 * A WhatsApp message a business wants sent from one of its devices at a given instant. Every change returns a new
 * value and refuses what the current status does not allow, so a message cannot be cancelled once a worker has
 * started sending it, nor sent twice.
 *
 * @param attempts how many send attempts have been made (failed ones included)
 * @param lastError the reason of the last failed attempt, or null
 */
public record ScheduledMessage(MessageId id, BusinessId businessId, DeviceId deviceId, PhoneNumber recipient,
                               MessageBody body, Instant dueAt, MessageStatus status, int attempts, String lastError) {
    public ScheduledMessage {
        Objects.requireNonNull(id, "message id");
        Objects.requireNonNull(businessId, "business id");
        Objects.requireNonNull(deviceId, "device id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
        // Milliseconds: what Postgres, Redis scores and every API carry, so a value survives a round trip equal.
        dueAt = Objects.requireNonNull(dueAt, "due instant").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Objects.requireNonNull(status, "status");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        if (lastError != null && lastError.length() > 500) {
            lastError = lastError.substring(0, 500);
        }
    }

    public static ScheduledMessage schedule(BusinessId business, DeviceId device, PhoneNumber recipient,
                                            MessageBody body, Instant dueAt) {
        return schedule(MessageId.random(), business, device, recipient, body, dueAt);
    }

    /** A new message under an id chosen beforehand (one reserved for a retried request, say). */
    public static ScheduledMessage schedule(MessageId id, BusinessId business, DeviceId device, PhoneNumber recipient,
                                            MessageBody body, Instant dueAt) {
        return new ScheduledMessage(id, business, device, recipient, body, dueAt, MessageStatus.SCHEDULED, 0, null);
    }

    public ScheduledMessage cancelled() {
        return moveTo(MessageStatus.CANCELLED, attempts, lastError);
    }

    public ScheduledMessage rescheduled(Instant newDueAt) {
        if (status != MessageStatus.SCHEDULED) {
            throw refusal("reschedule");
        }
        return new ScheduledMessage(id, businessId, deviceId, recipient, body, newDueAt, status, attempts, lastError);
    }

    /** Claimed by a worker: from here on only that worker's outcome counts. */
    public ScheduledMessage sending() {
        return moveTo(MessageStatus.SENDING, attempts + 1, lastError);
    }

    public ScheduledMessage sent() {
        return moveTo(MessageStatus.SENT, attempts, null);
    }

    /** The attempt failed but may be tried again at {@code retryAt}. */
    public ScheduledMessage retryAt(Instant retryAt, String reason) {
        ScheduledMessage back = moveTo(MessageStatus.SCHEDULED, attempts, reason);
        return new ScheduledMessage(id, businessId, deviceId, recipient, body, retryAt, back.status(), attempts,
                reason);
    }

    public ScheduledMessage failed(String reason) {
        return moveTo(MessageStatus.FAILED, attempts, Objects.requireNonNull(reason, "reason"));
    }

    private ScheduledMessage moveTo(MessageStatus next, int newAttempts, String error) {
        if (!status.canMoveTo(next)) {
            throw refusal(next.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new ScheduledMessage(id, businessId, deviceId, recipient, body, dueAt, next, newAttempts, error);
    }

    private NotAllowedNow refusal(String what) {
        if (status == MessageStatus.SENDING) {
            return new NotAllowedNow("ALREADY_SENDING", "message " + id + " is being sent; it can no longer be "
                    + "changed (" + what + ")");
        }
        if (status.isFinal() || status == MessageStatus.SENT || status == MessageStatus.DELIVERED) {
            return new NotAllowedNow("ALREADY_FINISHED", "message " + id + " is " + status.name().toLowerCase(
                    java.util.Locale.ROOT) + "; it cannot be changed (" + what + ")");
        }
        return new NotAllowedNow("INVALID_TRANSITION", "message " + id + " cannot go from " + status + " to " + what);
    }
}
