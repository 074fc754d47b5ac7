package com.sendline.domain.scheduling;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.Objects;

/**
 * What the due queue holds for one message: enough to group work by device and find the partition, nothing a
 * customer wrote. The message itself stays in the {@link MessageStore}, which has the last word on its status.
 */
public record DueEntry(MessageId message, BusinessId business, DeviceId device, Instant dueAt) {
    public DueEntry {
        Objects.requireNonNull(message, "message id");
        Objects.requireNonNull(business, "business id");
        Objects.requireNonNull(device, "device id");
        dueAt = Objects.requireNonNull(dueAt, "due instant").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public static DueEntry of(ScheduledMessage m) {
        return new DueEntry(m.id(), m.businessId(), m.deviceId(), m.dueAt());
    }

    public QueuePartition partition() {
        return QueuePartition.of(business);
    }

    public DueEntry at(Instant newDueAt) {
        return new DueEntry(message, business, device, newDueAt);
    }
}
