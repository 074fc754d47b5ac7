package com.sendline.adapters.simulator;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.tenancy.BusinessId;

import java.util.UUID;

final class Fixtures {
    static final PhoneNumber CUSTOMER = new PhoneNumber("+4915123456789");
    static final MessageBody HELLO = new MessageBody("Your appointment is tomorrow at 10:00");

    private Fixtures() {
    }

    static Device simulatorDevice() {
        return Device.newDevice(BusinessId.random(), Channel.SIMULATOR, null, "demo phone");
    }

    /** A fixed id, so that seeded outcomes are the same on every run. */
    static Device simulatorDevice(long n) {
        return new Device(new DeviceId(new UUID(0, n)), new BusinessId(new UUID(0, 1)), Channel.SIMULATOR, null,
                "device " + n, SessionState.COLD);
    }

    static Device webDevice() {
        return Device.newDevice(BusinessId.random(), Channel.WEB, null, "someone's phone");
    }
}
