package com.sendline.application.scheduling;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.CustomerServiceWindow;
import com.sendline.domain.inbound.CustomerServiceWindows;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.application.batching.GroupCommit;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.NotAllowedNow;
import com.sendline.domain.scheduling.QuotaGate;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A business schedules a message from one of its devices. Postgres gets it first — once stored it cannot be lost —
 * then the due queue, which wakes a worker. If Redis is away at that moment, reconcile puts the entry in later.
 */
public final class ScheduleMessage implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScheduleMessage.class.getName());
    private final Devices devices;
    private final RecipientNumbers numbers;
    private final QuotaGate quota;
    private final MessageStore store;
    private final DueQueue queue;
    private final CustomerServiceWindows windows;
    private final Clock clock;
    /**
     * Messages scheduled at the same moment by different callers are stored in one statement and queued in one
     * call per partition (see GroupCommit): each caller still returns only once its message is stored.
     */
    private final GroupCommit<ScheduledMessage, Set<MessageId>> inserts;
    /**
     * Devices this instance has found, by business and id. Safe to keep: a device never changes business or
     * channel, and one removed since is caught by the insert, which only stores messages of existing devices.
     */
    private final java.util.concurrent.ConcurrentHashMap<DeviceKey, Device> known =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_KNOWN_DEVICES = 100_000;

    private record DeviceKey(BusinessId business, DeviceId device) {
    }

    /**
     * A Cloud API message due within this long is checked against the customer-service window when it is
     * scheduled; a later one only when it is sent, since the customer may write in the meantime.
     */
    static final Duration CHECK_WINDOW_UP_TO = Duration.ofMinutes(1);

    public record Request(BusinessId business, DeviceId device, String to, String body, Instant sendAt) {
    }

    public ScheduleMessage(Devices devices, RecipientNumbers numbers, QuotaGate quota, MessageStore store,
                           DueQueue queue, CustomerServiceWindows windows, Clock clock) {
        this.devices = devices;
        this.windows = windows;
        this.numbers = numbers;
        this.quota = quota;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.inserts = new GroupCommit<>("message-insert", 2, 200, batch -> {
            Set<MessageId> added = store.addAll(batch);
            enqueueStored(queue, batch.stream().filter(m -> added.contains(m.id())).map(DueEntry::of).toList());
            return added;
        });
    }

    /**
     * @throws UnknownDevice when the business has no such device
     * @throws RecipientNumbers.InvalidRecipient / IllegalArgumentException for a bad number or body
     * @throws QuotaGate.QuotaExceeded when billing refuses
     * @throws NotAllowedNow {@code OUTSIDE_CUSTOMER_SERVICE_WINDOW}: a free-form Cloud API message, due now, to a
     *                       customer whose window is closed
     */
    public ScheduledMessage schedule(Request request) {
        return store(request, MessageId.random());
    }

    /**
     * As {@link #schedule(Request)}, under an id chosen beforehand: scheduling again under an id already stored for
     * the business returns that message and stores and queues nothing (a retried request whose first run stored
     * the message but died before answering).
     */
    public ScheduledMessage schedule(Request request, MessageId id) {
        // Found before the quota is charged again for it.
        Optional<ScheduledMessage> stored = store.find(request.business(), id);
        return stored.isPresent() ? stored.get() : store(request, id);
    }

    private ScheduledMessage store(Request request, MessageId id) {
        Device device = device(request.business(), request.device());
        PhoneNumber to = numbers.parse(request.to(), null);
        MessageBody body = new MessageBody(request.body() == null ? "" : request.body());
        Instant now = clock.instant();
        Instant due = request.sendAt() == null || request.sendAt().isBefore(now) ? now : request.sendAt();
        if (device.channel() == Channel.CLOUD && !due.isAfter(now.plus(CHECK_WINDOW_UP_TO))) {
            CustomerServiceWindow window = windows.find(device.id(), to).orElse(null);
            if (window == null || !window.isOpenAt(due)) {
                throw new NotAllowedNow(CustomerServiceWindow.CLOSED_CODE, window == null
                        ? to + " has never written to this number: a free-form message cannot start the"
                        + " conversation (an approved template can)"
                        : to + " last wrote more than 24 hours ago: the customer-service window closed at "
                        + window.closesAt() + " (an approved template can still reach them)");
            }
        }
        quota.admit(request.business(), 1);
        ScheduledMessage message = ScheduledMessage.schedule(id, request.business(), device.id(), to, body, due);
        if (!inserts.submit(message).contains(message.id())) {
            // Stored before under this id, or the device was removed between the check above and the insert.
            return store.find(request.business(), id)
                    .orElseThrow(() -> new UnknownDevice("no device " + request.device()));
        }
        return message;
    }

    private Device device(BusinessId business, DeviceId id) {
        DeviceKey key = new DeviceKey(business, id);
        Device device = known.get(key);
        if (device != null) {
            return device;
        }
        device = devices.find(business, id).orElseThrow(() -> new UnknownDevice("no device " + id));
        if (known.size() >= MAX_KNOWN_DEVICES) {
            known.clear();
        }
        known.put(key, device);
        return device;
    }

    @Override
    public void close() {
        inserts.close();
    }

    /**
     * Queues messages already stored in Postgres. Redis being away is not an error here: the messages are safe, and
     * reconcile queues them within a minute.
     */
    public static void enqueueStored(DueQueue queue, List<DueEntry> entries) {
        try {
            queue.enqueue(entries);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Due queue unavailable; " + entries.size()
                    + " message(s) stored and will be queued by reconcile: " + e);
        }
    }
}
