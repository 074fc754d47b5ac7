package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {
    private static final String ENCODED =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    @Test
    void printing_a_hash_shows_none_of_it_so_logs_never_carry_it() {
        PasswordHash hash = new PasswordHash(ENCODED);

        assertThat(hash.toString()).isEqualTo("PasswordHash[redacted]");
        assertThat(String.valueOf(hash)).doesNotContain("c29tZXNhbHQ").doesNotContain("CTFh").doesNotContain("argon2");
    }

    @Test
    void the_encoded_hash_is_still_there_for_the_hasher() {
        assertThat(new PasswordHash(ENCODED).encoded()).isEqualTo(ENCODED);
        assertThat(new PasswordHash(ENCODED)).isEqualTo(new PasswordHash(ENCODED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void a_blank_hash_is_refused(String encoded) {
        assertThatThrownBy(() -> new PasswordHash(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password hash is empty");
    }
}
