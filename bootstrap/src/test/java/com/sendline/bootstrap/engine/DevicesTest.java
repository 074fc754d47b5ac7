package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.Device;
import com.sendline.domain.tenancy.AlreadyTaken;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding a Cloud API number and removing devices: both rows or neither, secrets never shown, tenants apart. */
class DevicesTest {
    private EngineHarness harness;
    private SchedulingEngine engine;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(1);
        engine = harness.engine(EngineConfig.forTests("w1", 2), new SimulatorDriver(SimulatorSettings.instant()),
                new CountingMetrics());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private AddCloudNumber.Request request(String phoneNumberId, String token) {
        return new AddCloudNumber.Request(harness.business, "Support line", "+49 30 1234567", phoneNumberId, token,
                "app-secret-1", "verify-me");
    }

    @Test
    void a_cloud_number_is_a_cloud_device_with_its_credentials_and_no_secret_is_ever_printed() {
        Device device = engine.addCloudNumber().add(request("106540352242922", "EAAG-secret-token"));

        assertThat(device.channel()).isEqualTo(Channel.CLOUD);
        assertThat(device.phoneNumber().e164()).isEqualTo("+49301234567");
        CloudNumber stored = engine.cloudNumbers().of(device.id()).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo("EAAG-secret-token");
        assertThat(engine.cloudNumbers().byPhoneNumberId("106540352242922")).contains(stored);
        assertThat(stored.toString()).doesNotContain("EAAG-secret-token", "app-secret-1", "verify-me");
        assertThat(request("1", "EAAG-secret-token").toString()).doesNotContain("EAAG-secret-token");
    }

    @Test
    void a_phone_number_id_already_linked_is_refused_and_leaves_no_half_added_device() {
        engine.addCloudNumber().add(request("106540352242922", "token-a"));
        int before = engine.devices().list(harness.business).size();

        assertThatThrownBy(() -> engine.addCloudNumber().add(request("106540352242922", "token-b")))
                .isInstanceOf(AlreadyTaken.class).hasMessageContaining("106540352242922")
                .hasMessageNotContaining("token-b");
        assertThat(engine.devices().list(harness.business)).hasSize(before);
    }

    @Test
    void bad_credentials_are_refused_before_anything_is_written() {
        assertThatThrownBy(() -> engine.addCloudNumber().add(request("not-digits", "token")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone number id");
        assertThatThrownBy(() -> engine.addCloudNumber().add(request("106540352242922", "two words")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("two words");
        assertThat(engine.devices().list(harness.business)).hasSize(1);
    }

    @Test
    void removing_a_device_deletes_its_credentials_and_another_business_cannot_remove_it() {
        Device device = engine.addCloudNumber().add(request("106540352242922", "token-a"));

        assertThatThrownBy(() -> engine.removeDevice().remove(BusinessId.random(), device.id()))
                .isInstanceOf(UnknownDevice.class);
        assertThat(engine.cloudNumbers().of(device.id())).isPresent();

        engine.removeDevice().remove(harness.business, device.id());
        assertThat(engine.devices().find(harness.business, device.id())).isEmpty();
        assertThat(engine.cloudNumbers().of(device.id())).as("credentials deleted with the device").isEmpty();
    }
}
