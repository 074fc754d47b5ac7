package com.sendline.domain.session;

import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;

/**
 * Links a WhatsApp Web device to a phone: the phone's WhatsApp scans a QR code under "Linked devices". Pairing
 * opens a connection of its own, outside the hot set and the session pool, that lives until a code is scanned and
 * the device has logged in once, the pairing times out, or it is cancelled.
 */
public interface DevicePairing {
    /**
     * Starts pairing and returns at once; QR codes and the outcome arrive in {@code events}, on other threads. A
     * pairing already running here for the device is replaced (its QR codes stop working; its events stop).
     *
     * @throws IllegalArgumentException for a device that is not on the WhatsApp Web channel
     */
    void start(Device device, PairingEvents events);

    /** Stops the device's pairing on this process, if one runs; tells nobody. */
    void cancel(DeviceId device);
}
