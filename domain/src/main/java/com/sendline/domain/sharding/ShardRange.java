package com.sendline.domain.sharding;

import com.sendline.domain.tenancy.BusinessId;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The slice of businesses one worker shard serves, as a half-open range of whole percents of a stable hash of the
 * business id: {@code 0-50%} and {@code 50-100%} together cover every business exactly once. Whole percents because
 * the due queue is split into 100 {@link QueuePartition}s and a shard must own whole partitions.
 */
public record ShardRange(int fromPercent, int toPercent) {
    public static final ShardRange ALL = new ShardRange(0, 100);
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})%?-(\\d{1,3})%");

    public ShardRange {
        if (fromPercent < 0 || toPercent > 100 || fromPercent >= toPercent) {
            throw new IllegalArgumentException("a shard range must lie within 0-100% and not be empty");
        }
    }

    /** Reads {@code 0-50%} or {@code 50%-100%}. */
    public static ShardRange parse(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text.replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("must be whole percents like 0-50% or 50-100%");
        }
        try {
            return new ShardRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must lie within 0-100% and not be empty, like 0-50% or 50-100%");
        }
    }

    public boolean contains(BusinessId business) {
        return owns(QueuePartition.of(business));
    }

    public boolean owns(QueuePartition partition) {
        return partition.index() >= fromPercent && partition.index() < toPercent;
    }

    public List<QueuePartition> partitions() {
        return IntStream.range(fromPercent, toPercent).mapToObj(QueuePartition::new).toList();
    }

    /**
     * Where a business falls, 0..9999. The id's two halves are mixed (SplitMix64's finaliser) so that even ids that
     * are not random UUIDs spread evenly; the formula must never change, or businesses would move between shards.
     */
    public static int bucketOf(BusinessId business) {
        UUID id = business.value();
        long z = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 32);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, 10_000L);
    }

    @Override
    public String toString() {
        return fromPercent + "-" + toPercent + "%";
    }
}
