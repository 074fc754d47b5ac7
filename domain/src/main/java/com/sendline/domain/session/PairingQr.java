package com.sendline.domain.session;

import com.sendline.domain.device.DeviceId;

import java.util.Optional;

/** The latest pairing status of each device, QR payload included, for the API to show. */
public interface PairingQr {
    void publish(DeviceId device, PairingStatus status);

    Optional<PairingStatus> latest(DeviceId device);

    void forget(DeviceId device);
}
