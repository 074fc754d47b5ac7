package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

/** Messages sent from a business's number, as far as their delivery receipts are concerned. */
public interface SentMessages {
    /**
     * Moves the message the receipt names forward to the receipt's status — never backwards — matching it by our
     * own id when the provider echoed it, else by the provider's id, and only among {@code device}'s messages.
     */
    ReceiptOutcome apply(BusinessId business, DeviceId device, DeliveryReceipt receipt);
}
