package com.sendline.domain.sharding;

import com.sendline.domain.tenancy.BusinessId;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One of the 100 slices of the due queue. A business always lands in the same partition (one percent of the
 * business-id hash), so a worker shard owns whole partitions and never has to skip over another shard's work.
 */
public record QueuePartition(int index) {
    public static final int COUNT = 100;

    public QueuePartition {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("a queue partition is 0.." + (COUNT - 1) + ": " + index);
        }
    }

    public static QueuePartition of(BusinessId business) {
        return new QueuePartition(ShardRange.bucketOf(business) / (10_000 / COUNT));
    }

    public static Stream<QueuePartition> all() {
        return IntStream.range(0, COUNT).mapToObj(QueuePartition::new);
    }
}
