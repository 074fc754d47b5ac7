package com.sendline.domain.scheduling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageBodyTest {
    @Test
    void the_text_never_appears_in_to_string() {
        assertThat(new MessageBody("secret dinner plans").toString())
                .isEqualTo("MessageBody[19 chars]").doesNotContain("secret");
    }

    @Test
    void whatsapps_limit_counts_characters_not_utf16_units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(new MessageBody(emoji.repeat(4_096)).text()).hasSize(8_192);
        assertThatThrownBy(() -> new MessageBody("a".repeat(4_097))).hasMessageContaining("longer than 4096");
    }

    @Test
    void an_empty_or_blank_body_is_refused() {
        assertThatThrownBy(() -> new MessageBody("  \n")).hasMessageContaining("empty");
    }

    @Test
    void a_nul_character_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MessageBody("A\u0000B"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }
}
