package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.Names;

import java.util.Objects;

/**
 * One WhatsApp number a business sends from.
 *
 * @param phoneNumber null until known: a WhatsApp Web device learns its number only when the QR code is scanned
 */
public record Device(DeviceId id, BusinessId businessId, Channel channel, PhoneNumber phoneNumber, String label,
                     SessionState sessionState) {
    public Device {
        Objects.requireNonNull(id, "device id");
        Objects.requireNonNull(businessId, "business id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sessionState, "session state");
        label = Names.required(label, "device label");
        if (channel == Channel.CLOUD && phoneNumber == null) {
            throw new IllegalArgumentException("a Cloud API device needs its phone number");
        }
    }

    public static Device newDevice(BusinessId business, Channel channel, PhoneNumber number, String label) {
        return newDevice(DeviceId.random(), business, channel, number, label);
    }

    /** A new device under an id chosen beforehand (one reserved for a retried request, say). */
    public static Device newDevice(DeviceId id, BusinessId business, Channel channel, PhoneNumber number,
                                   String label) {
        return new Device(id, business, channel, number, label, SessionState.COLD);
    }
}
