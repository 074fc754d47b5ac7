package com.sendline.domain.device;

import java.util.Optional;

/** The Cloud API credentials of each Cloud device. */
public interface CloudNumbers {
    void save(CloudNumber number);

    Optional<CloudNumber> of(DeviceId device);

    /** The number a webhook is about, by Meta's phone number id. */
    Optional<CloudNumber> byPhoneNumberId(String phoneNumberId);
}
