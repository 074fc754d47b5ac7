package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.Device;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.SessionEvents;

import java.util.Objects;
import java.util.Optional;

/**
 * Devices on Meta's WhatsApp Cloud API. The API is stateless HTTP, so a "session" is only the number's credentials
 * in hand: connecting reads them and opens nothing, and nothing ends a session on its own (the events are never
 * called). Connecting again after a token change picks up the new token.
 */
public final class CloudApiDriver implements DeviceDriver {
    private final CloudNumbers numbers;
    private final CloudSender sender;

    public CloudApiDriver(CloudNumbers numbers, CloudSender sender) {
        this.numbers = Objects.requireNonNull(numbers, "cloud numbers");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public Channel channel() {
        return Channel.CLOUD;
    }

    /** Stateless HTTPS: a Cloud number costs nothing while "connected", so it stays out of the hot set. */
    @Override
    public boolean holdsLiveSession() {
        return false;
    }

    /**
     * @throws ConnectFailure {@code LOGGED_OUT} when the device has no Cloud API credentials (it needs them set up,
     *                        much as a Web device needs a QR pairing); {@code CONNECTION_LOST} when they could not
     *                        be read just now
     * @throws IllegalArgumentException for a device on another channel: a wiring bug, not a network fault
     */
    @Override
    public CloudApiSession connect(Device device, SessionEvents events) throws ConnectFailure {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(events, "events");
        if (device.channel() != Channel.CLOUD) {
            throw new IllegalArgumentException("the Cloud API driver drives only CLOUD devices; device "
                    + device.id() + " is " + device.channel());
        }
        Optional<CloudNumber> number;
        try {
            number = numbers.of(device.id());
        } catch (RuntimeException e) {
            throw new ConnectFailure(SessionEvents.Disconnect.CONNECTION_LOST,
                    "could not read the Cloud API credentials of device " + device.id() + ": "
                            + e.getClass().getSimpleName());
        }
        return new CloudApiSession(number.orElseThrow(() -> new ConnectFailure(SessionEvents.Disconnect.LOGGED_OUT,
                "device " + device.id() + " has no Cloud API number set up")), sender);
    }

    @Override
    public String toString() {
        return "CloudApiDriver[" + sender + "]";
    }
}
