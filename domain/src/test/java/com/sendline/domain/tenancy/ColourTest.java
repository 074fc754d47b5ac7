package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColourTest {

    @Test
    void a_lower_case_six_digit_hex_colour_is_accepted_and_shown_as_css() {
        Colour colour = new Colour("#1a2b3c");

        assertThat(colour.hex()).isEqualTo("#1a2b3c");
        assertThat(colour.toString()).isEqualTo("#1a2b3c");
    }

    @Test
    void a_typed_colour_is_trimmed_and_lower_cased() {
        assertThat(Colour.of("  #1A2B3C ")).isEqualTo(new Colour("#1a2b3c"));
    }

    @Test
    void an_upper_case_colour_is_refused_by_the_constructor_so_stored_colours_are_canonical() {
        assertThatThrownBy(() -> new Colour("#1A2B3C"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#1A2B3C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#abc", "1a2b3c", "#1a2b3", "#1a2b3c4", "#1a2b3g", "#1a2b3c80", "red", ""})
    void something_other_than_hash_and_six_hex_digits_is_refused(String typed) {
        assertThatThrownBy(() -> Colour.of(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour must look like #1a2b3c")
                .hasMessageEndingWith(": " + typed.toLowerCase(Locale.ROOT));
    }
}
