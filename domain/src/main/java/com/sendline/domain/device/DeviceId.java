package com.sendline.domain.device;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of a device: one WhatsApp number linked to a business, on one channel. */
public record DeviceId(UUID value) {
    public DeviceId {
        Objects.requireNonNull(value, "device id");
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    public static DeviceId parse(String text) {
        return new DeviceId(Ids.parse(text, "device id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
