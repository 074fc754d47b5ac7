package com.sendline.adapters.crypto;

import com.sendline.domain.tenancy.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2PasswordHasherTest {
    // Written by the reference implementation's CLI (phc-winner-argon2), not by BouncyCastle, so these prove that
    // hashes from other Argon2 libraries verify here:
    //   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
    // It is also the Argon2id vector in the reference implementation's own test suite.
    private static final String REFERENCE =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    //   printf '%s' 'Pässwörd🔑' | argon2 'sendline-salt-16' -id -t 1 -k 8192 -p 1 -l 32 -e
    private static final String REFERENCE_NON_ASCII =
            "$argon2id$v=19$m=8192,t=1,p=1$c2VuZGxpbmUtc2FsdC0xNg$PDQbcRKyKB3LlaEcmLvhg3NXnyjOokuUlveSQ71+m3o";
    //   echo -n password | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 16 -e
    private static final String REFERENCE_SHORT_TAG =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$REzoonlkmJMLgf4HLL89yw";

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final Argon2PasswordHasher hasher = Argon2PasswordHasher.owaspDefaults();

    @Test
    void the_right_password_matches() {
        PasswordHash hash = hasher.hash("correct horse battery staple".toCharArray());

        assertThat(hasher.matches("correct horse battery staple".toCharArray(), hash)).isTrue();
    }

    @Test
    void a_wrong_password_does_not_match() {
        PasswordHash hash = hasher.hash("correct horse battery staple".toCharArray());

        assertThat(hasher.matches("correct horse battery stapl".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches("Correct horse battery staple".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches(new char[0], hash)).isFalse();
    }

    @Test
    void the_same_password_hashed_twice_gives_different_hashes_because_each_gets_its_own_salt() {
        PasswordHash first = hasher.hash("hunter22".toCharArray());
        PasswordHash second = hasher.hash("hunter22".toCharArray());

        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(salt(first)).isNotEqualTo(salt(second));
        assertThat(hasher.matches("hunter22".toCharArray(), first)).isTrue();
        assertThat(hasher.matches("hunter22".toCharArray(), second)).isTrue();
    }

    @Test
    void the_stored_form_is_a_phc_string_with_owasp_parameters_a_16_byte_salt_and_a_32_byte_hash() {
        PasswordHash hash = hasher.hash("hunter22".toCharArray());

        Matcher phc = PHC.matcher(hash.encoded());
        assertThat(phc.matches()).as(hash.encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(phc.group(1))).hasSize(16);
        assertThat(Base64.getDecoder().decode(phc.group(2))).hasSize(32);
    }

    @Test
    void the_stored_form_reveals_no_part_of_the_password() {
        String password = "Zebra-Quokka-Platypus-42";
        String encoded = hasher.hash(password.toCharArray()).encoded();

        for (int i = 0; i + 4 <= password.length(); i++) {
            assertThat(encoded).doesNotContainIgnoringCase(password.substring(i, i + 4));
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        assertThat(encoded).doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes).substring(0, 8));
        assertThat(encoded).doesNotContainIgnoringCase(HexFormat.of().formatHex(bytes).substring(0, 8));
    }

    @Test
    void the_callers_password_array_is_left_for_the_caller_to_wipe() {
        char[] password = "hunter22".toCharArray();

        PasswordHash hash = hasher.hash(password);
        hasher.matches(password, hash);

        assertThat(password).containsExactly("hunter22".toCharArray());
    }

    @Test
    void a_hash_written_by_the_reference_implementation_verifies() {
        PasswordHash reference = new PasswordHash(REFERENCE);

        assertThat(hasher.matches("password".toCharArray(), reference)).isTrue();
        assertThat(hasher.matches("Password".toCharArray(), reference)).isFalse();
    }

    @Test
    void a_non_ascii_password_is_encoded_as_utf8_like_the_reference_implementation_does() {
        PasswordHash reference = new PasswordHash(REFERENCE_NON_ASCII);

        assertThat(hasher.matches("Pässwörd🔑".toCharArray(), reference)).isTrue();
        assertThat(hasher.matches("Passwoerd🔑".toCharArray(), reference)).isFalse();
    }

    @Test
    void a_reference_hash_with_a_16_byte_tag_verifies_but_should_be_replaced() {
        PasswordHash shortTag = new PasswordHash(REFERENCE_SHORT_TAG);

        assertThat(hasher.matches("password".toCharArray(), shortTag)).isTrue();
        assertThat(hasher.needsRehash(shortTag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$",
            "password",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            // genuine reference hashes of "password", but another variant or version than this hasher reads
            "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
            "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8",
            "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$mA69JKTmZ/FjRvnUp4sXVyh4NhPgzG+xfC7IhLFkNd8",
            // the reference vector, damaged in different ways
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
            "$argon2id$v=19$m=65536,t=2,p=1",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPP",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZ!NhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRP-c",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQx1$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$extra",
            "$ARGON2ID$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    })
    void a_malformed_or_foreign_hash_does_not_match_and_does_not_throw(String encoded) {
        assertThat(hasher.matches("password".toCharArray(), new PasswordHash(encoded))).isFalse();
    }

    @Test
    @Timeout(5)
    void a_stored_hash_demanding_absurd_cost_is_refused_without_being_computed() {
        // If these were computed they would take gigabytes of heap or minutes: the timeout catches a hasher that tries.
        PasswordHash memory = new PasswordHash(
                "$argon2id$v=19$m=2147483647,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        PasswordHash passes = new PasswordHash(
                "$argon2id$v=19$m=65536,t=100000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");

        assertThat(hasher.matches("password".toCharArray(), memory)).isFalse();
        assertThat(hasher.matches("password".toCharArray(), passes)).isFalse();
    }

    @Test
    void parameters_are_read_from_the_stored_hash_so_older_weaker_hashes_still_verify_and_ask_to_be_replaced() {
        PasswordHash old = new Argon2PasswordHasher(8192, 1, 1).hash("hunter22".toCharArray());

        assertThat(old.encoded()).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
        assertThat(hasher.matches("hunter22".toCharArray(), old)).isTrue();
        assertThat(hasher.matches("hunter23".toCharArray(), old)).isFalse();
        assertThat(hasher.needsRehash(old)).isTrue();
    }

    @Test
    void a_hash_made_with_the_current_or_stronger_parameters_needs_no_rehash() {
        PasswordHash stronger = new Argon2PasswordHasher(65536, 3, 2).hash("hunter22".toCharArray());

        assertThat(hasher.needsRehash(hasher.hash("hunter22".toCharArray()))).isFalse();
        assertThat(hasher.needsRehash(stronger)).isFalse();
    }

    @Test
    void a_salt_shorter_than_16_bytes_asks_for_a_rehash_even_with_more_memory() {
        // The reference vector uses 64 MiB, but its salt is the 8 bytes of "somesalt".
        assertThat(hasher.needsRehash(new PasswordHash(REFERENCE))).isTrue();
    }

    @Test
    void fewer_passes_alone_or_less_memory_alone_asks_for_a_rehash() {
        PasswordHash onePass = new Argon2PasswordHasher(65536, 1, 1).hash("hunter22".toCharArray());
        PasswordHash lessMemory = new Argon2PasswordHasher(16384, 3, 1).hash("hunter22".toCharArray());

        assertThat(hasher.needsRehash(onePass)).isTrue();
        assertThat(hasher.needsRehash(lessMemory)).isTrue();
    }

    @Test
    void an_unreadable_hash_asks_for_a_rehash() {
        assertThat(hasher.needsRehash(new PasswordHash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")))
                .isTrue();
    }

    @Test
    void a_password_with_an_unpaired_surrogate_is_refused_rather_than_hashed_like_a_question_mark() {
        char[] broken = {'a', '\uD83D', 'b'};

        assertThatThrownBy(() -> hasher.hash(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unicode");
        assertThat(hasher.matches(broken, hasher.hash("a?b".toCharArray()))).isFalse();
    }

    @Test
    void the_constructor_refuses_parameters_argon2_cannot_run_or_that_make_no_sense() {
        assertThatThrownBy(() -> new Argon2PasswordHasher(0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2PasswordHasher(-19456, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2PasswordHasher(31, 2, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2PasswordHasher(Integer.MAX_VALUE, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2PasswordHasher(19456, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2PasswordHasher(19456, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> new Argon2PasswordHasher(19456, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    }

    @Test
    void the_smallest_memory_argon2_allows_is_accepted() {
        Argon2PasswordHasher smallest = new Argon2PasswordHasher(32, 1, 4);

        PasswordHash hash = smallest.hash("hunter22".toCharArray());

        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=32,t=1,p=4$");
        assertThat(smallest.matches("hunter22".toCharArray(), hash)).isTrue();
    }

    private static String salt(PasswordHash hash) {
        return hash.encoded().split("\\$")[4];
    }
}
