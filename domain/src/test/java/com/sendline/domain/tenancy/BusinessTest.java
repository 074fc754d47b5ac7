package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Etc/UTC", "CET"})
    void an_iana_region_or_utc_is_accepted_as_a_time_zone(String typed) {
        assertThat(Business.timeZone(typed)).isEqualTo(ZoneId.of(typed));
    }

    @Test
    void a_typed_time_zone_may_have_surrounding_spaces() {
        assertThat(Business.timeZone("  Europe/Berlin ")).isEqualTo(BERLIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+02:00", "-05:00", "Z", "UTC+02:00", "GMT+1", "GMT", "Etc/GMT+2", "Etc/GMT-10"})
    void a_fixed_offset_that_ignores_daylight_saving_is_refused(String typed) {
        assertThatThrownBy(() -> Business.timeZone(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an IANA region such as Europe/Berlin")
                .hasMessageContaining(typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Atlantis", "europe/berlin", "Berlin", "+25:00"})
    void an_unknown_time_zone_is_refused(String typed) {
        assertThatThrownBy(() -> Business.timeZone(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown time zone: " + typed);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void a_missing_time_zone_is_refused(String typed) {
        assertThatThrownBy(() -> Business.timeZone(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time zone is required");
    }

    @Test
    void the_business_name_is_trimmed_and_required() {
        Business business = new Business(BusinessId.random(), ResellerId.random(), "  Bäckerei Müller ", BERLIN,
                BusinessStatus.ACTIVE);

        assertThat(business.name()).isEqualTo("Bäckerei Müller");
        assertThatThrownBy(() -> new Business(BusinessId.random(), ResellerId.random(), " ", BERLIN,
                BusinessStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("business name is required");
    }

    @Test
    void a_suspended_business_is_not_active_and_keeps_everything_else() {
        Business active = new Business(BusinessId.random(), ResellerId.random(), "Bäckerei Müller", BERLIN,
                BusinessStatus.ACTIVE);

        Business suspended = active.suspended();

        assertThat(active.isActive()).isTrue();
        assertThat(suspended.isActive()).isFalse();
        assertThat(suspended.status()).isEqualTo(BusinessStatus.SUSPENDED);
        assertThat(suspended.id()).isEqualTo(active.id());
        assertThat(suspended.resellerId()).isEqualTo(active.resellerId());
        assertThat(suspended.name()).isEqualTo(active.name());
        assertThat(suspended.timeZone()).isEqualTo(active.timeZone());
    }

    @Test
    void a_reactivated_business_is_active_again_and_the_same_business() {
        Business suspended = new Business(BusinessId.random(), ResellerId.random(), "Bäckerei Müller", BERLIN,
                BusinessStatus.SUSPENDED);

        Business reactivated = suspended.reactivated();

        assertThat(suspended.isActive()).isFalse();
        assertThat(reactivated.isActive()).isTrue();
        assertThat(reactivated).isEqualTo(new Business(suspended.id(), suspended.resellerId(), suspended.name(),
                suspended.timeZone(), BusinessStatus.ACTIVE));
    }
}
