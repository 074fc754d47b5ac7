package com.sendline.domain.contacts;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactTest {
    @Test
    void tags_are_trimmed_deduplicated_and_sorted_and_a_blank_name_is_no_name() {
        Contact c = Contact.create(BusinessId.random(), new PhoneNumber("+4915123456789"), "   ", null,
                ContactTags.of(List.of(" vip ", "Newsletter", "vip")), Instant.parse("2026-01-01T00:00:00.123456Z"));

        assertThat(c.name()).isNull();
        assertThat(c.tags()).containsExactly("Newsletter", "vip");
        assertThat(c.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void tags_that_a_csv_cannot_carry_or_too_many_are_refused_with_the_reason() {
        assertThatThrownBy(() -> ContactTags.of(List.of("a;b"))).hasMessageContaining("semicolon");
        assertThatThrownBy(() -> ContactTags.of(List.of(" "))).hasMessageContaining("empty");
        assertThatThrownBy(() -> ContactTags.of(List.of("x".repeat(51)))).hasMessageContaining("50");
        assertThatThrownBy(() -> ContactTags.of(IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()))
                .hasMessageContaining("at most 20");
        assertThat(ContactTags.of(Collections.nCopies(30, "same"))).containsExactly("same");
    }

    @Test
    void a_name_is_at_most_120_characters_and_never_holds_nul() {
        assertThat(Contact.name(" Anna ")).isEqualTo("Anna");
        assertThat(Contact.name("é".repeat(120))).hasSize(120);
        assertThatThrownBy(() -> Contact.name("x".repeat(121))).hasMessageContaining("120");
        assertThatThrownBy(() -> Contact.name("A\u0000B")).hasMessageContaining("NUL");
    }
}
