package com.sendline.domain.scheduling;

import com.sendline.domain.tenancy.Ids;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a scheduled message: a version 7 UUID, which starts with its creation time in milliseconds, so ids
 * sort in the order messages were created — lists page through them newest first by id alone.
 */
public record MessageId(UUID value) {
    public MessageId {
        Objects.requireNonNull(value, "message id");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public static MessageId random() {
        return new MessageId(timeOrdered(System.currentTimeMillis()));
    }

    /** RFC 9562 UUIDv7: 48 bits of Unix milliseconds, version 7, 74 random bits. */
    static UUID timeOrdered(long unixMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | (java.nio.ByteBuffer.wrap(random, 2, 8).getLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }

    /** The instant the id was made; only meaningful for version 7 ids. */
    public java.time.Instant createdAt() {
        return java.time.Instant.ofEpochMilli(value.getMostSignificantBits() >>> 16);
    }

    public static MessageId parse(String text) {
        return new MessageId(Ids.parse(text, "message id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
