package com.sendline.domain.scheduling;

import com.sendline.domain.sharding.QueuePartition;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fast path to "what is due now". Entries wait in a partition until due; {@link #lease} moves a bounded batch
 * into a processing area with a lease, so a worker that dies loses nothing: its leases expire and
 * {@link #requeueExpired} puts the entries back. The queue may forget (a flushed Redis): the {@link MessageStore}
 * is the truth, and reconcile {@link #restore}s from it. Every method takes the current time from the caller.
 */
public interface DueQueue {
    /** Adds or moves entries to their due instant; wakes whoever listens. */
    void enqueue(Collection<DueEntry> entries);

    /** Takes an entry out, leased or not (a cancelled or rescheduled message). */
    void withdraw(DueEntry entry);

    /**
     * Atomically moves up to {@code max} entries due at {@code now} or earlier from the partition into processing,
     * leased until {@code leaseUntil}.
     */
    LeasedBatch lease(QueuePartition partition, Instant now, int max, Instant leaseUntil);

    /** Keeps leases alive while their work runs; entries no longer leased are left alone. */
    void extend(Collection<DueEntry> leased, Instant leaseUntil);

    /** The work is done (or was not ours to do): forget the entries. */
    void acknowledge(Collection<DueEntry> leased);

    /** Leased entries that must wait: back to waiting, due at {@code dueAt}. */
    void postpone(Collection<DueEntry> leased, Instant dueAt);

    /** Entries whose lease ran out before {@code now} go back to waiting, due at once. @return how many */
    int requeueExpired(QueuePartition partition, Instant now, int max);

    /** Reconcile: puts entries back unless they are waiting or leased right now. @return the ones that were missing */
    List<DueEntry> restore(Collection<DueEntry> entries);

    /** The earliest due instant waiting in the partition. */
    Optional<Instant> earliestDue(QueuePartition partition);

    /** The earliest due instant of each of the partitions that has one, in one round trip. */
    java.util.Map<QueuePartition, Instant> earliestDue(Collection<QueuePartition> partitions);

    /** Entries waiting plus entries leased, in the partition. */
    long depth(QueuePartition partition);

    /** Called with each partition's new entry after an enqueue anywhere in the cluster; may be called spuriously. */
    AutoCloseable onEnqueued(Consumer<DueEntry> listener);
}
