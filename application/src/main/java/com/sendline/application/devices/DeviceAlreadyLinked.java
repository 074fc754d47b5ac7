package com.sendline.application.devices;

/** The device is linked to a phone that still uses it. */
public final class DeviceAlreadyLinked extends RuntimeException {
    public DeviceAlreadyLinked(String message) {
        super(message, null, false, false);
    }
}
