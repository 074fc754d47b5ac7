package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTest {
    private static final BusinessId BUSINESS = BusinessId.random();
    private static final PhoneNumber NUMBER = new PhoneNumber("+4915123456789");

    @Test
    void a_cloud_api_device_without_its_phone_number_is_refused() {
        assertThatThrownBy(() -> Device.newDevice(BUSINESS, Channel.CLOUD, null, "Front desk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Cloud API device needs its phone number");
    }

    @Test
    void a_cloud_api_device_with_its_phone_number_is_accepted() {
        Device device = Device.newDevice(BUSINESS, Channel.CLOUD, NUMBER, "Front desk");

        assertThat(device.phoneNumber()).isEqualTo(NUMBER);
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"WEB", "SIMULATOR"})
    void a_device_that_learns_its_number_later_may_start_without_one(Channel channel) {
        Device device = Device.newDevice(BUSINESS, channel, null, "Front desk");

        assertThat(device.phoneNumber()).isNull();
        assertThat(device.channel()).isEqualTo(channel);
    }

    @Test
    void a_new_device_starts_cold_with_a_fresh_id_in_its_business() {
        Device first = Device.newDevice(BUSINESS, Channel.WEB, null, "Front desk");
        Device second = Device.newDevice(BUSINESS, Channel.WEB, null, "Front desk");

        assertThat(first.sessionState()).isEqualTo(SessionState.COLD);
        assertThat(first.businessId()).isEqualTo(BUSINESS);
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void the_label_is_trimmed_and_required() {
        assertThat(Device.newDevice(BUSINESS, Channel.WEB, null, "  Front desk ").label()).isEqualTo("Front desk");
        assertThatThrownBy(() -> Device.newDevice(BUSINESS, Channel.WEB, null, "  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device label is required");
        assertThatThrownBy(() -> Device.newDevice(BUSINESS, Channel.WEB, null, "l".repeat(121)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device label must be at most 120 characters");
    }

    @Test
    void a_device_without_a_business_is_refused() {
        assertThatThrownBy(() -> Device.newDevice(null, Channel.WEB, null, "Front desk"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("business id");
    }
}
