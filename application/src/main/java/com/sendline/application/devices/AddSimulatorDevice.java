package com.sendline.application.devices;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;


/**
 * A business adds a simulated device: it "sends" through the built-in simulator, which goes through the same
 * sessions, throttles and statuses as a real channel — for trying the product and for integration tests.
 */
public final class AddSimulatorDevice {
    private final Devices devices;
    private final RecipientNumbers numbers;

    public AddSimulatorDevice(Devices devices, RecipientNumbers numbers) {
        this.devices = devices;
        this.numbers = numbers;
    }

    /** @throws IllegalArgumentException for a bad number or label */
    public Device add(BusinessId business, String phoneNumber, String label) {
        return store(business, phoneNumber, label, DeviceId.random());
    }

    /** As the other {@code add}, under an id chosen beforehand; an id the business already has returns that device. */
    public Device add(BusinessId business, String phoneNumber, String label, DeviceId id) {
        return devices.find(business, id).orElseGet(() -> store(business, phoneNumber, label, id));
    }

    private Device store(BusinessId business, String phoneNumber, String label, DeviceId id) {
        PhoneNumber number = numbers.parse(phoneNumber, null);
        Device device = Device.newDevice(id, business, Channel.SIMULATOR, number,
                label == null || label.isBlank() ? "Simulator " + number.e164() : label);
        devices.add(device);
        return device;
    }
}
