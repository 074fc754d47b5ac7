package com.sendline.domain.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdTest {
    @Test
    void ids_are_version_7_uuids_that_carry_their_creation_millisecond() {
        Instant before = Instant.now().minusMillis(1);
        MessageId id = MessageId.random();
        Instant after = Instant.now().plusMillis(1);

        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(id.createdAt()).isBetween(before, after);
        assertThat(MessageId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void ids_made_in_a_later_millisecond_sort_after_earlier_ones_as_postgres_compares_uuids() {
        UUID earlier = MessageId.timeOrdered(1_800_000_000_000L);
        UUID later = MessageId.timeOrdered(1_800_000_000_001L);

        // Postgres orders uuids by their bytes, unsigned; the hex text sorts the same way.
        assertThat(earlier.toString().compareTo(later.toString())).isNegative();
        assertThat(Instant.ofEpochMilli(earlier.getMostSignificantBits() >>> 16))
                .isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
    }

    @Test
    void ids_of_the_same_millisecond_still_differ() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageId.timeOrdered(1_800_000_000_000L));
        }
        assertThat(ids).hasSize(10_000);
    }
}
