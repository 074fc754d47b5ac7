package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme-messaging", "a", "a1", "42", "acme--messaging"})
    void a_lower_case_url_safe_name_is_accepted(String slug) {
        assertThat(new Slug(slug).value()).isEqualTo(slug);
        assertThat(new Slug(slug).toString()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "acme-", "acme_messaging", "acme messaging", "acme.messaging", "äcme"})
    void a_slug_that_would_not_sit_cleanly_in_a_url_is_refused(String slug) {
        assertThatThrownBy(() -> new Slug(slug))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slug must be 1-63 lower-case letters, digits or inner hyphens");
    }

    @Test
    void a_slug_of_63_characters_is_accepted_and_one_of_64_is_refused() {
        assertThat(new Slug("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> new Slug("a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-63");
    }
}
