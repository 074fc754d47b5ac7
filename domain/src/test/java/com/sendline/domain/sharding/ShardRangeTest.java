package com.sendline.domain.sharding;

import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRangeTest {
    @Test
    void two_halves_cover_every_business_exactly_once_and_split_them_evenly() {
        ShardRange first = ShardRange.parse("0-50%");
        ShardRange second = ShardRange.parse("50-100%");
        int[] counts = new int[2];
        IntStream.range(0, 20_000).forEach(i -> {
            BusinessId id = BusinessId.random();
            boolean a = first.contains(id);
            boolean b = second.contains(id);
            assertThat(a ^ b).as("exactly one shard owns " + id).isTrue();
            counts[a ? 0 : 1]++;
        });
        assertThat(counts[0]).isBetween(9_500, 10_500);
    }

    @Test
    void sequential_non_random_ids_spread_over_the_range_too() {
        ShardRange firstHalf = ShardRange.parse("0-50%");
        long inFirst = IntStream.range(0, 10_000)
                .mapToObj(i -> new BusinessId(new UUID(0, i)))
                .filter(firstHalf::contains).count();
        assertThat(inFirst).isBetween(4_500L, 5_500L);
    }

    @Test
    void a_business_always_falls_in_the_same_bucket() {
        BusinessId id = BusinessId.parse("5f0c3a52-8f1e-4a55-9a43-0f4c6c1e2b7d");
        assertThat(ShardRange.bucketOf(id)).isEqualTo(ShardRange.bucketOf(BusinessId.parse(id.toString())));
        assertThat(ShardRange.bucketOf(id)).isBetween(0, 9_999);
    }

    @Test
    void the_whole_range_owns_everything() {
        assertThat(ShardRange.parse("0-100%")).isEqualTo(ShardRange.ALL);
        assertThat(IntStream.range(0, 1_000).mapToObj(i -> BusinessId.random()).allMatch(ShardRange.ALL::contains))
                .isTrue();
    }

    @Test
    void a_percent_sign_on_both_ends_is_read_and_fractions_are_refused() {
        assertThat(ShardRange.parse("50%-100%")).isEqualTo(new ShardRange(50, 100));
        assertThat(ShardRange.parse("33-67%").toString()).isEqualTo("33-67%");
        assertThat(ShardRange.ALL.toString()).isEqualTo("0-100%");
        assertThatThrownBy(() -> ShardRange.parse("33.33-66.67%")).hasMessageContaining("whole percents");
    }

    @Test
    void a_shard_owns_exactly_the_partitions_of_its_businesses() {
        ShardRange first = ShardRange.parse("0-30%");
        assertThat(first.partitions()).hasSize(30).allMatch(first::owns);
        IntStream.range(0, 2_000).mapToObj(i -> BusinessId.random()).forEach(b ->
                assertThat(first.contains(b)).isEqualTo(first.partitions().contains(QueuePartition.of(b))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "half", "0-150%", "50-50%", "60-40%", "0-50", "-10-50%", "0.001-50%"})
    void anything_else_is_refused(String text) {
        assertThatThrownBy(() -> ShardRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
