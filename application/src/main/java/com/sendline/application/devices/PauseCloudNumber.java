package com.sendline.application.devices;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceAlert;
import com.sendline.domain.device.DeviceAlerts;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.session.BackoffState;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Meta stopped a Cloud number from sending (spam rate limit 131048, account rate limit 80007, a revoked token):
 * the number is parked for {@code pause} through the same backoff block every device uses, so its due messages
 * wait instead of failing one after another, and the owner is told.
 */
public final class PauseCloudNumber {
    private static final System.Logger LOG = System.getLogger(PauseCloudNumber.class.getName());
    public static final Duration DEFAULT_PAUSE = Duration.ofMinutes(30);

    private final CloudNumbers numbers;
    private final Devices devices;
    private final BackoffState backoff;
    private final Duration pause;
    private final DeviceAlerts alerts;
    private final Clock clock;

    public PauseCloudNumber(CloudNumbers numbers, Devices devices, BackoffState backoff, Duration pause,
                            DeviceAlerts alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
        this.numbers = numbers;
        this.devices = devices;
        this.backoff = backoff;
        this.pause = pause;
    }

    /** @return the paused device, or empty when no device has this number */
    public Optional<Device> pause(String phoneNumberId, String code) {
        Optional<CloudNumber> number = numbers.byPhoneNumberId(phoneNumberId);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        backoff.block(number.get().device(), pause);
        Optional<Device> device = devices.findForSystem(number.get().device());
        device.ifPresent(d -> {
            devices.setSessionState(d.businessId(), d.id(), SessionState.BACKOFF);
            alerts.raise(new DeviceAlert(d.businessId(), d.id(), "NUMBER_PAUSED", code, "Meta stopped "
                    + d.phoneNumber() + " from sending (" + code + "); Sendline pauses it for " + pause.toMinutes()
                    + " min and its messages wait", clock.instant()));
        });
        LOG.log(System.Logger.Level.WARNING, "Cloud API number " + phoneNumberId + " paused for "
                + pause.toMinutes() + " min after " + code);
        return device;
    }
}
