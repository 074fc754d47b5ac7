package com.sendline.domain.device;

import java.util.Optional;

/** The Cloud API credentials of each Cloud device. */
public interface CloudNumbers {
    void save(CloudNumber number);

    Optional<CloudNumber> of(DeviceId device);

    /** The number a webhook is about, by Meta's phone number id. */
    Optional<CloudNumber> byPhoneNumberId(String phoneNumberId);

    /**
     * Every Cloud number of the installation. Webhooks arrive on one URL, signed with the secret of whichever Meta
     * app the number belongs to, so verifying one needs them all at hand.
     */
    java.util.List<Owned> all();

    /** A number with the business it belongs to. */
    record Owned(com.sendline.domain.tenancy.BusinessId business, CloudNumber number) {
        public Owned {
            java.util.Objects.requireNonNull(business, "business");
            java.util.Objects.requireNonNull(number, "number");
        }
    }
}
