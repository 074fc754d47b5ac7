package com.sendline.domain.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+4915123456789", "+12025550123", "+447911123456"})
    void an_e164_number_is_accepted_as_it_is(String number) {
        assertThat(new PhoneNumber(number).e164()).isEqualTo(number);
        assertThat(new PhoneNumber(number).toString()).isEqualTo(number);
    }

    @Test
    void eight_digits_are_the_fewest_and_fifteen_the_most_accepted() {
        assertThat(new PhoneNumber("+12345678").e164()).isEqualTo("+12345678");
        assertThat(new PhoneNumber("+123456789012345").e164()).isEqualTo("+123456789012345");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "015112345678",
            "4915123456789",
            "004915123456789",
            "+015112345678",
            "+49 151 23456789",
            "+49-151-23456789",
            "+49(151)23456789",
            "+1234567",
            "+1234567890123456",
            "+",
            "",
            " +4915123456789",
    })
    void a_number_not_in_e164_form_is_refused(String number) {
        assertThatThrownBy(() -> new PhoneNumber(number))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phone number must be in E.164 form")
                .hasMessageEndingWith(": " + number);
    }
}
