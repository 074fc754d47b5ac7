package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.Optional;

/** The customer-service window of each (number, customer) pair. */
public interface CustomerServiceWindows {
    /** @return the window, open or not, or empty when this customer never wrote to this number */
    Optional<CustomerServiceWindow> find(DeviceId device, PhoneNumber contact);

    /** The customer wrote at {@code at}: the window starts again, unless a later message already started it. */
    void customerWrote(BusinessId business, DeviceId device, PhoneNumber contact, Instant at);
}
