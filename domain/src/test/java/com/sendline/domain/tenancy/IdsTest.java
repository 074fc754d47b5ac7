package com.sendline.domain.tenancy;

import com.sendline.domain.device.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {
    private static final String TEXT = "3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a9b";
    private static final UUID UUID_VALUE = UUID.fromString(TEXT);

    @Test
    void every_id_type_reads_back_what_it_prints() {
        assertThat(ResellerId.parse(TEXT).value()).isEqualTo(UUID_VALUE);
        assertThat(BusinessId.parse(TEXT).value()).isEqualTo(UUID_VALUE);
        assertThat(UserId.parse(TEXT).value()).isEqualTo(UUID_VALUE);
        assertThat(DeviceId.parse(TEXT).value()).isEqualTo(UUID_VALUE);

        ResellerId random = ResellerId.random();
        assertThat(ResellerId.parse(random.toString())).isEqualTo(random);
        DeviceId device = DeviceId.random();
        assertThat(DeviceId.parse(device.toString())).isEqualTo(device);
    }

    @Test
    void an_id_with_surrounding_spaces_or_upper_case_hex_is_the_same_id() {
        assertThat(BusinessId.parse("  " + TEXT + " ")).isEqualTo(new BusinessId(UUID_VALUE));
        assertThat(BusinessId.parse(TEXT.toUpperCase())).isEqualTo(new BusinessId(UUID_VALUE));
    }

    @Test
    void random_ids_differ() {
        assertThat(UserId.random()).isNotEqualTo(UserId.random());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void a_missing_id_is_refused_naming_which_id(String text) {
        assertThatThrownBy(() -> DeviceId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device id is required");
        assertThatThrownBy(() -> ResellerId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reseller id is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "acme",
            "42",
            "3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a9",
            "3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a9bb",
            "3f2b8c1e6a4d4f0e9b7a2c5d8e1f0a9b",
            "3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a9g",
            "{3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a9b}",
    })
    void text_that_is_not_a_uuid_is_refused_naming_which_id(String text) {
        assertThatThrownBy(() -> BusinessId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("business id is not a UUID: " + text);
        assertThatThrownBy(() -> UserId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id is not a UUID: " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "+1-2-3-4-5", "0-0-0-0-0", "3f2b8c1e-6a4d-4f0e-9b7a-+c5d8e1f0a9b"})
    void a_shortened_or_signed_uuid_is_refused_so_each_id_has_one_spelling(String text) {
        // java.util.UUID.fromString accepts these and reads "1-2-3-4-5" as 00000001-0002-0003-0004-000000000005.
        assertThatThrownBy(() -> DeviceId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device id is not a UUID: " + text);
    }
}
