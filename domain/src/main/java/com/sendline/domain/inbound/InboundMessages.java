package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

/** Messages customers sent to the business's numbers. */
public interface InboundMessages {
    /** Keeps the message unless it is already kept. @return whether it was new */
    boolean add(BusinessId business, DeviceId device, IncomingMessage message);
}
