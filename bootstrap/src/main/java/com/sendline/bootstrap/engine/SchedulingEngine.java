package com.sendline.bootstrap.engine;

import com.sendline.adapters.postgres.PostgresCustomerServiceWindows;
import com.sendline.adapters.postgres.PostgresDeviceAlerts;
import com.sendline.domain.device.DeviceAlerts;
import com.sendline.adapters.postgres.PostgresInboundEvents;
import com.sendline.adapters.postgres.PostgresInboundMessages;
import com.sendline.adapters.postgres.PostgresSentMessages;
import com.sendline.adapters.whatsappcloud.CloudWebhookPayloads;
import com.sendline.application.inbound.CloudWebhookDirectory;
import com.sendline.application.inbound.CustomerServiceWindowGuard;
import com.sendline.application.inbound.InboundLoop;
import com.sendline.application.inbound.ProcessInboundEvents;
import com.sendline.application.inbound.ReceiveCloudWebhook;
import com.sendline.application.inbound.VerifyCloudWebhook;
import com.sendline.domain.device.Channel;
import com.sendline.domain.inbound.CustomerServiceWindows;
import java.time.Duration;

import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PostgresBusinesses;
import com.sendline.adapters.postgres.PostgresCloudNumbers;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.devices.PauseCloudNumber;
import com.sendline.application.devices.RemoveDevice;
import com.sendline.adapters.postgres.PostgresDevices;
import com.sendline.adapters.postgres.PostgresMessageStore;
import com.sendline.adapters.postgres.PostgresRecurringSchedules;
import com.sendline.adapters.postgres.PostgresStickyBudget;
import com.sendline.adapters.postgres.ReadRoute;
import com.sendline.adapters.redis.RedisBackoffState;
import com.sendline.adapters.redis.RedisDueQueue;
import com.sendline.adapters.redis.RedisSessionSlots;
import com.sendline.application.dispatch.DispatchLoop;
import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.application.dispatch.Dispatcher;
import com.sendline.application.dispatch.LeaseCleanupLoop;
import com.sendline.application.dispatch.ReconcileLoop;
import com.sendline.application.recurring.ChangeRecurringSchedule;
import com.sendline.application.recurring.CreateRecurringSchedule;
import com.sendline.application.recurring.MaterializeOccurrences;
import com.sendline.application.recurring.RecurrenceLoop;
import com.sendline.application.scheduling.CancelMessage;
import com.sendline.application.scheduling.RescheduleMessage;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.sessions.IdleDisconnectLoop;
import com.sendline.application.sessions.SessionKeeperLoop;
import com.sendline.application.sessions.SessionPool;
import com.sendline.application.sessions.StickyLoop;
import com.sendline.application.worker.Worker;
import com.sendline.domain.device.Devices;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.QuotaGate;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.session.BackoffState;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.StickyBudget;
import com.sendline.domain.sharding.QueuePartition;
import io.lettuce.core.RedisClient;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scheduling engine, assembled by hand from its adapters: the same code path for the application, the
 * integration tests and the dispatch benchmark, so what the tests prove is what runs.
 */
public final class SchedulingEngine implements AutoCloseable {
    private final EngineConfig config;
    private final PostgresMessageStore store;
    private final PostgresDevices devices;
    private final RecurringSchedules schedules;
    private final StickyBudget sticky;
    private final RedisDueQueue queue;
    private final RedisSessionSlots slots;
    private final RedisBackoffState backoff;
    private final SessionPool sessions;
    private final Dispatcher dispatcher;
    private final ReconcileLoop reconcile;
    private final LeaseCleanupLoop leaseCleanup;
    private final Worker worker;
    private final ScheduleMessage scheduleMessage;
    private final CancelMessage cancelMessage;
    private final RescheduleMessage rescheduleMessage;
    private final MaterializeOccurrences materialize;
    private final CreateRecurringSchedule createRecurring;
    private final ChangeRecurringSchedule changeRecurring;
    private final PostgresCloudNumbers cloudNumbers;
    private final PostgresDeviceAlerts deviceAlerts;
    private final AddCloudNumber addCloudNumber;
    private final RemoveDevice removeDevice;
    private final PauseCloudNumber pauseCloudNumber;
    /** How often a worker looks for webhook events taken in elsewhere; its own intake wakes it at once. */
    private static final Duration INBOUND_SWEEP = Duration.ofSeconds(1);
    private final PostgresInboundEvents inbox;
    private final PostgresCustomerServiceWindows windows;
    private final ProcessInboundEvents processInbound;
    private final InboundLoop inboundLoop;
    private final CloudWebhookDirectory webhookDirectory;
    private final ReceiveCloudWebhook receiveCloudWebhook;
    private final VerifyCloudWebhook verifyCloudWebhook;

    public SchedulingEngine(EngineConfig config, Database db, SecretSealer sealer, RedisClient queueRedis,
                            String keyPrefix, Collection<DeviceDriver> drivers, RecipientNumbers numbers,
                            RecurrenceCalendar calendar, QuotaGate quota, DispatchMetrics metrics, Clock clock) {
        this.config = config;
        this.store = new PostgresMessageStore(db, ReadRoute.PRIMARY);
        // The worker reads devices from the primary: a device it just moved to HOT must not read back COLD.
        this.devices = new PostgresDevices(db, ReadRoute.PRIMARY);
        this.schedules = new PostgresRecurringSchedules(db);
        this.sticky = new PostgresStickyBudget(db);
        // Twice the full scan: an entry due later than that is found by a worker's own scan before it is due,
        // with room for the enqueuing instance's clock to differ from the worker's.
        this.queue = new RedisDueQueue(queueRedis, keyPrefix, config.dispatch().fullScan().multipliedBy(2), clock);
        this.slots = new RedisSessionSlots(queueRedis, keyPrefix, config.hotSessionCap());
        this.backoff = new RedisBackoffState(queueRedis, keyPrefix);
        this.windows = new PostgresCustomerServiceWindows(db);
        // Free-form Cloud API messages only inside the customer-service window.
        List<DeviceDriver> guarded = drivers.stream().map(d -> d.channel() == Channel.CLOUD
                ? (DeviceDriver) new CustomerServiceWindowGuard(d, windows, clock) : d).toList();
        SplittableRandom random = new SplittableRandom();
        this.sessions = new SessionPool(guarded, slots, backoff, sticky, devices, clock, metrics, config.sessions(),
                random.split());
        this.dispatcher = new Dispatcher(queue, store, devices, sessions, clock, metrics, config.dispatch(),
                random.split());
        this.reconcile = new ReconcileLoop(store, queue, devices, slots, backoff, sessions, config.shard(), clock,
                config.reconcileEvery(), config.reconcileHorizon(), config.stuckSendingAfter());
        this.leaseCleanup = new LeaseCleanupLoop(queue, config.shard(), clock, config.leaseCleanupEvery());
        this.materialize = new MaterializeOccurrences(schedules, store, queue, calendar, quota, clock,
                config.recurrenceHorizon(), config.recurrenceCatchUp());
        this.inbox = new PostgresInboundEvents(db);
        this.processInbound = new ProcessInboundEvents(inbox, new PostgresSentMessages(db),
                new PostgresInboundMessages(db), clock, 200);
        this.inboundLoop = new InboundLoop(processInbound, INBOUND_SWEEP);
        this.worker = new Worker(new DispatchLoop(queue, dispatcher, config.shard(), clock, config.dispatch()),
                dispatcher, sessions, List.of(
                leaseCleanup,
                reconcile,
                new IdleDisconnectLoop(sessions, config.idleCheckEvery()),
                new StickyLoop(sessions, config.shard(), config.stickyEvery()),
                new SessionKeeperLoop(sessions, config.sessions().slotTtl()),
                new RecurrenceLoop(schedules, materialize, config.shard(), clock, config.recurrenceEvery()),
                inboundLoop));
        this.scheduleMessage = new ScheduleMessage(devices, numbers, quota, store, queue, windows, clock);
        this.cancelMessage = new CancelMessage(store, queue);
        this.rescheduleMessage = new RescheduleMessage(store, queue, clock);
        this.createRecurring = new CreateRecurringSchedule(new PostgresBusinesses(db, ReadRoute.PRIMARY), devices,
                numbers, calendar, schedules, materialize, clock);
        this.changeRecurring = new ChangeRecurringSchedule(schedules, store, queue, calendar, materialize, clock);
        this.cloudNumbers = new PostgresCloudNumbers(db, sealer);
        this.deviceAlerts = new PostgresDeviceAlerts(db);
        this.addCloudNumber = new AddCloudNumber(devices, cloudNumbers, numbers);
        this.removeDevice = new RemoveDevice(devices, sessions);
        this.pauseCloudNumber = new PauseCloudNumber(cloudNumbers, devices, backoff, PauseCloudNumber.DEFAULT_PAUSE,
                deviceAlerts, clock);
        this.webhookDirectory = new CloudWebhookDirectory(cloudNumbers, clock, Duration.ofSeconds(30));
        // An instance that takes webhooks but does not run the worker leaves processing to the workers, which
        // sweep the inbox every INBOUND_SWEEP.
        this.receiveCloudWebhook = new ReceiveCloudWebhook(webhookDirectory, new CloudWebhookPayloads(), inbox,
                inboundLoop, clock);
        this.verifyCloudWebhook = new VerifyCloudWebhook(webhookDirectory);
    }

    public EngineConfig config() {
        return config;
    }

    public Worker worker() {
        return worker;
    }

    public SessionPool sessions() {
        return sessions;
    }

    public MessageStore messages() {
        return store;
    }

    public Devices devices() {
        return devices;
    }

    public RecurringSchedules schedules() {
        return schedules;
    }

    public RedisDueQueue queue() {
        return queue;
    }

    public ReconcileLoop reconcile() {
        return reconcile;
    }

    public ScheduleMessage scheduleMessage() {
        return scheduleMessage;
    }

    public CancelMessage cancelMessage() {
        return cancelMessage;
    }

    public RescheduleMessage rescheduleMessage() {
        return rescheduleMessage;
    }

    public CreateRecurringSchedule createRecurring() {
        return createRecurring;
    }

    public ChangeRecurringSchedule changeRecurring() {
        return changeRecurring;
    }

    public PostgresCloudNumbers cloudNumbers() {
        return cloudNumbers;
    }

    public AddCloudNumber addCloudNumber() {
        return addCloudNumber;
    }

    public PauseCloudNumber pauseCloudNumber() {
        return pauseCloudNumber;
    }

    /** Which devices must wait before connecting again (the queue Redis). */
    public BackoffState backoff() {
        return backoff;
    }

    public RemoveDevice removeDevice() {
        return removeDevice;
    }

    public DeviceAlerts deviceAlerts() {
        return deviceAlerts;
    }

    public ReceiveCloudWebhook receiveCloudWebhook() {
        return receiveCloudWebhook;
    }

    public VerifyCloudWebhook verifyCloudWebhook() {
        return verifyCloudWebhook;
    }

    public ProcessInboundEvents processInbound() {
        return processInbound;
    }

    public PostgresInboundEvents inbox() {
        return inbox;
    }

    public CustomerServiceWindows windows() {
        return windows;
    }

    public MaterializeOccurrences materialize() {
        return materialize;
    }

    /** Entries waiting or leased in this engine's shard. */
    public long queueDepth() {
        long depth = 0;
        for (QueuePartition p : config.shard().partitions()) {
            depth += queue.depth(p);
        }
        return depth;
    }

    @Override
    public void close() {
        worker.close();
        scheduleMessage.close();
        receiveCloudWebhook.close();
        queue.close();
        slots.close();
        backoff.close();
    }
}
