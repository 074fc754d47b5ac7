package com.sendline.domain.scheduling;

import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Scheduled messages, and the last word on their status. {@link #claim} is the idempotency gate every send goes
 * through: a message is handed to at most one worker, however many times the due queue offers it.
 */
public interface MessageStore {
    void add(ScheduledMessage message);

    /**
     * Adds messages in one statement, each only if its device still exists and belongs to its business.
     * @return the ids actually added
     */
    java.util.Set<MessageId> addAll(Collection<ScheduledMessage> messages);

    /** Adds messages unless one with the same occurrence key exists. @return the ones actually added */
    List<ScheduledMessage> addOccurrences(Collection<Occurrence> occurrences);

    Optional<ScheduledMessage> find(BusinessId business, MessageId id);

    /** The business's messages matching the query, newest first (by id), at most {@code query.limit()}. */
    List<ScheduledMessage> list(MessageQuery query);

    /**
     * Replaces {@code before} with {@code after} only if the stored message still equals {@code before} in status
     * and due instant. @return false when someone else changed it first
     */
    boolean replace(ScheduledMessage before, ScheduledMessage after);

    /**
     * The gate: of the given messages, those still scheduled and due at {@code now} move to sending (attempts + 1),
     * in one statement that skips rows another worker holds. @return exactly the messages this caller may send
     */
    List<ScheduledMessage> claim(Collection<MessageId> ids, Instant now);

    /** Records how claimed messages ended, in one batch. Only messages still 'sending' change. */
    void finish(Collection<SendResult> results);

    /**
     * Reconcile: scheduled messages of the shard, due before {@code until}, after {@code afterId} in id order.
     */
    List<DueEntry> pending(ShardRange shard, Instant until, MessageId afterId, int limit);

    /** Of the given messages, those still scheduled right now. */
    java.util.Set<MessageId> stillScheduled(Collection<MessageId> ids);

    /** Messages claimed before {@code claimedBefore} and still 'sending': their worker stopped mid-send. */
    List<ScheduledMessage> stuckSending(ShardRange shard, Instant claimedBefore, int limit);

    /** Cancels the occurrences of a schedule that have not started sending. @return their queue entries */
    List<DueEntry> cancelPendingOccurrences(BusinessId business, RecurringScheduleId schedule);

    /** One occurrence of a recurring schedule, keyed so it can never be created twice. */
    record Occurrence(ScheduledMessage message, RecurringScheduleId schedule) {
    }
}
