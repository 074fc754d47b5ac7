package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @Test
    void a_name_is_kept_without_surrounding_whitespace() {
        assertThat(Names.required("  Acme Messaging\t\n", "reseller name")).isEqualTo("Acme Messaging");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void a_missing_or_blank_name_is_refused_naming_what_was_missing(String name) {
        assertThatThrownBy(() -> Names.required(name, "business name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("business name is required");
    }

    @Test
    void a_name_of_120_characters_is_accepted_and_one_of_121_is_refused() {
        assertThat(Names.required("n".repeat(120), "device label")).hasSize(120);
        assertThatThrownBy(() -> Names.required("n".repeat(121), "device label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device label must be at most 120 characters");
    }

    @Test
    void surrounding_whitespace_does_not_count_towards_the_limit() {
        assertThat(Names.required("  " + "n".repeat(120) + "  ", "device label")).hasSize(120);
    }
}
