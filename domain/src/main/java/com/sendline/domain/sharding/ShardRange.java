package com.sendline.domain.sharding;

import com.sendline.domain.tenancy.BusinessId;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slice of businesses one worker shard serves, as a half-open percentage range of a stable hash of the
 * business id: {@code 0-50%} and {@code 50-100%} together cover every business exactly once. Ranges are kept in
 * basis points (1/100 of a percent) so {@code 33.33-66.67%} works too.
 */
public record ShardRange(int fromBasisPoints, int toBasisPoints) {
    public static final ShardRange ALL = new ShardRange(0, 10_000);
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)%?-(\\d{1,3}(?:\\.\\d{1,2})?)%");

    public ShardRange {
        if (fromBasisPoints < 0 || toBasisPoints > 10_000 || fromBasisPoints >= toBasisPoints) {
            throw new IllegalArgumentException("a shard range must lie within 0-100% and not be empty");
        }
    }

    /** Reads {@code 0-50%}, {@code 50%-100%} or {@code 33.33-66.67%}. */
    public static ShardRange parse(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text.replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("must look like 0-50% or 50-100%");
        }
        try {
            return new ShardRange(basisPoints(m.group(1)), basisPoints(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must lie within 0-100% and not be empty, like 0-50% or 50-100%");
        }
    }

    private static int basisPoints(String percent) {
        return (int) Math.round(Double.parseDouble(percent) * 100);
    }

    public boolean contains(BusinessId business) {
        int bucket = bucketOf(business);
        return bucket >= fromBasisPoints && bucket < toBasisPoints;
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
        return format(fromBasisPoints) + "-" + format(toBasisPoints) + "%";
    }

    private static String format(int bp) {
        return bp % 100 == 0 ? Integer.toString(bp / 100) : String.format(java.util.Locale.ROOT, "%.2f", bp / 100.0);
    }
}
