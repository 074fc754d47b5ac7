package com.sendline.application.devices;

import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.BackoffState;
import com.sendline.domain.session.DevicePairing;
import com.sendline.domain.session.PairingEvents;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;
import com.sendline.domain.session.PairingStatus.Stage;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A business links a WhatsApp Web device: a new device, or one whose phone unlinked it (logged out) or whose last
 * pairing was never scanned. Pairing starts at once; the latest QR code (and then the outcome) is in
 * {@link #status}. When a phone scans the code the device learns its number, and any backoff it collected while it
 * could not log in is lifted, so its due messages go out without waiting.
 */
public final class StartPairing {
    private static final System.Logger LOG = System.getLogger(StartPairing.class.getName());

    private final Devices devices;
    private final WebCredentials credentials;
    private final DevicePairing pairing;
    private final PairingQr qr;
    private final BackoffState backoff;
    private final Clock clock;

    public StartPairing(Devices devices, WebCredentials credentials, DevicePairing pairing, PairingQr qr,
                        BackoffState backoff, Clock clock) {
        this.devices = devices;
        this.credentials = credentials;
        this.pairing = pairing;
        this.qr = qr;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Adds a WhatsApp Web device (its number is learnt from the phone that scans the code) and starts pairing it. */
    public Device addWebDevice(BusinessId business, String label) {
        return store(business, label, DeviceId.random());
    }

    /**
     * As the other {@code addWebDevice}, under an id chosen beforehand. An id the business already has is a retried
     * request whose first run died (and its pairing connection with it): pairing starts again unless a phone has
     * linked the device meanwhile.
     */
    public Device addWebDevice(BusinessId business, String label, DeviceId id) {
        Optional<Device> stored = devices.find(business, id);
        if (stored.isPresent()) {
            try {
                return pairAgain(business, id);
            } catch (DeviceAlreadyLinked | IllegalArgumentException e) {
                return stored.get();
            }
        }
        return store(business, label, id);
    }

    private Device store(BusinessId business, String label, DeviceId id) {
        Device device = Device.newDevice(id, business, Channel.WEB, null,
                label == null || label.isBlank() ? "WhatsApp Web" : label);
        devices.add(device);
        start(device);
        return device;
    }

    /**
     * Pairs an existing WhatsApp Web device again.
     *
     * @throws UnknownDevice         when the business has no such device
     * @throws IllegalArgumentException when the device is not a WhatsApp Web device
     * @throws DeviceAlreadyLinked   when a phone is linked to it and has not logged it out: pairing would cut off a
     *                               working device (remove it, or unlink it on the phone, first)
     */
    public Device pairAgain(BusinessId business, DeviceId id) {
        Device device = devices.find(business, id).orElseThrow(() -> new UnknownDevice("no device " + id));
        if (device.channel() != Channel.WEB) {
            throw new IllegalArgumentException("only WhatsApp Web devices pair by QR code; device " + id + " is "
                    + device.channel());
        }
        if (credentials.find(business, id).map(WebCredentials.Stored::link).orElse(null)
                == WebCredentials.Link.LINKED) {
            throw new DeviceAlreadyLinked("device " + id + " is linked to a phone; unlink it there or remove it first");
        }
        start(device);
        return device;
    }

    /** The device's latest pairing status on this instance (QR payload while one is shown). */
    public Optional<PairingStatus> status(BusinessId business, DeviceId id) {
        if (devices.find(business, id).isEmpty()) {
            throw new UnknownDevice("no device " + id);
        }
        return qr.latest(id);
    }

    private void start(Device device) {
        DeviceId id = device.id();
        qr.publish(id, new PairingStatus(Stage.STARTING, null, clock.instant(), null));
        pairing.start(device, new PairingEvents() {
            @Override
            public void qrCode(String payload) {
                qr.publish(id, new PairingStatus(Stage.SHOW_QR, payload, clock.instant(), null));
            }

            @Override
            public void linked(PhoneNumber phoneNumber) {
                try {
                    if (phoneNumber != null) {
                        devices.setPhoneNumber(device.businessId(), id, phoneNumber);
                    }
                    // It may be blocked for up to 30 min after failing to log in while unlinked: a block of
                    // a millisecond replaces that one and expires at once; clear() starts the failure count anew.
                    backoff.block(id, Duration.ofMillis(1));
                    backoff.clear(id);
                    devices.find(device.businessId(), id)
                            .filter(d -> d.sessionState() == SessionState.BACKOFF)
                            .ifPresent(d -> devices.setSessionState(d.businessId(), id, SessionState.COLD));
                } catch (RuntimeException e) {
                    // The link itself is saved; the number and the backoff catch up at the next send.
                    LOG.log(System.Logger.Level.WARNING, "Device " + id + " is linked, but recording it failed: " + e);
                }
                qr.publish(id, new PairingStatus(Stage.LINKED, null, clock.instant(), null));
            }

            @Override
            public void ended(Outcome outcome, String detail) {
                qr.publish(id, new PairingStatus(outcome == Outcome.EXPIRED ? Stage.EXPIRED : Stage.FAILED, null,
                        clock.instant(), detail));
            }
        });
    }
}
