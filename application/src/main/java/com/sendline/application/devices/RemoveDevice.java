package com.sendline.application.devices;

import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.application.sessions.SessionPool;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.tenancy.BusinessId;

/**
 * A business removes a device: its live session on this worker is closed, and the device goes with everything
 * that belongs to it — its credentials (Cloud API secrets, WhatsApp Web keys: deleted with the device row) and
 * its messages.
 */
public final class RemoveDevice {
    private final Devices devices;
    private final SessionPool sessions;

    public RemoveDevice(Devices devices, SessionPool sessions) {
        this.devices = devices;
        this.sessions = sessions;
    }

    public void remove(BusinessId business, DeviceId device) {
        if (devices.find(business, device).isEmpty()) {
            throw new UnknownDevice("no device " + device);
        }
        sessions.disconnect(device);
        if (!devices.remove(business, device)) {
            throw new UnknownDevice("no device " + device);
        }
    }
}
