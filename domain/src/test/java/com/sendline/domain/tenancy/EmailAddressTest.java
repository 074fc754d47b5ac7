package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ann@acme.com", "ann.smith+sendline@mail.acme.co.uk", "support@acme-messaging.io"})
    void a_lower_case_address_is_accepted_as_it_is(String address) {
        assertThat(new EmailAddress(address).value()).isEqualTo(address);
        assertThat(new EmailAddress(address).toString()).isEqualTo(address);
    }

    @Test
    void what_a_person_typed_is_trimmed_and_lower_cased_so_sign_in_ignores_case() {
        assertThat(EmailAddress.of("  Ann.Smith@Acme.COM \t").value()).isEqualTo("ann.smith@acme.com");
        assertThat(EmailAddress.of("ANN@ACME.COM")).isEqualTo(EmailAddress.of("ann@acme.com"));
    }

    @Test
    void an_upper_case_local_part_is_refused_by_the_constructor_so_stored_addresses_are_canonical() {
        assertThatThrownBy(() -> new EmailAddress("Ann@acme.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be lower case");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "ann",
            "ann@",
            "@acme.com",
            "ann@acme",
            "ann@@acme.com",
            "ann@acme..com",
            "ann@acme.com.",
            "ann smith@acme.com",
            "ann@acme com",
            "ann@acme_mail.com",
    })
    void something_that_is_not_an_address_is_refused(String typed) {
        assertThatThrownBy(() -> EmailAddress.of(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid e-mail address");
    }

    @Test
    void a_local_part_of_64_characters_is_accepted_and_one_of_65_is_refused() {
        String longest = "a".repeat(64);

        assertThat(EmailAddress.of(longest + "@acme.com").value()).startsWith(longest);
        assertThatThrownBy(() -> EmailAddress.of("a" + longest + "@acme.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid e-mail address");
    }

    @Test
    void an_address_over_254_characters_is_refused() {
        String label = "b".repeat(63);
        String fits = "a".repeat(64) + "@" + label + "." + label + "." + "c".repeat(57) + ".com"; // 254
        String tooLong = "a".repeat(64) + "@" + label + "." + label + "." + "c".repeat(58) + ".com"; // 255

        assertThat(fits).hasSize(254);
        assertThat(EmailAddress.of(fits).value()).isEqualTo(fits);
        assertThatThrownBy(() -> EmailAddress.of(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid e-mail address");
    }
}
