package com.sendline.application.devices;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;


/**
 * A business adds a number it has on Meta's Cloud API: a Cloud device plus the credentials to send from it and to
 * verify its webhooks. Either both are stored or neither.
 */
public final class AddCloudNumber {
    private final Devices devices;
    private final CloudNumbers numbers;
    private final RecipientNumbers phoneNumbers;

    /** Secrets arrive here once and are never shown again. */
    public record Request(BusinessId business, String label, String displayNumber, String phoneNumberId,
                          String accessToken, String appSecret, String verifyToken) {
        @Override
        public String toString() {
            return "AddCloudNumber.Request[" + business + ", " + phoneNumberId + ", secrets hidden]";
        }
    }

    public AddCloudNumber(Devices devices, CloudNumbers numbers, RecipientNumbers phoneNumbers) {
        this.devices = devices;
        this.numbers = numbers;
        this.phoneNumbers = phoneNumbers;
    }

    /**
     * @throws IllegalArgumentException for a bad number, id or secret (the message never contains a secret)
     * @throws com.sendline.domain.tenancy.AlreadyTaken when the phone number id belongs to another device
     */
    public Device add(Request r) {
        return store(r, DeviceId.random());
    }

    /** As the other {@code add}, under an id chosen beforehand; an id the business already has returns that device. */
    public Device add(Request r, DeviceId id) {
        return devices.find(r.business(), id).orElseGet(() -> store(r, id));
    }

    private Device store(Request r, DeviceId id) {
        PhoneNumber display = phoneNumbers.parse(r.displayNumber(), null);
        Device device = Device.newDevice(id, r.business(), Channel.CLOUD, display,
                r.label() == null || r.label().isBlank() ? display.e164() : r.label());
        // Validate the credentials before anything is written.
        CloudNumber number = new CloudNumber(device.id(), r.phoneNumberId(), display, r.accessToken(),
                r.appSecret(), r.verifyToken());
        devices.add(device);
        try {
            numbers.save(number);
        } catch (RuntimeException e) {
            devices.remove(r.business(), device.id());
            throw e;
        }
        return device;
    }
}
