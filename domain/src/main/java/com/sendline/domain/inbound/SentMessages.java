package com.sendline.domain.inbound;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.util.List;
import java.util.Objects;

/** Messages sent from a business's number, as far as their delivery receipts are concerned. */
public interface SentMessages {
    /**
     * Moves each message a receipt names forward to the receipt's status — never backwards — matching it by our
     * own id when the provider echoed it, else by the provider's id, and only among the addressed device's
     * messages. Receipts of one message are applied in the order given. All or nothing.
     *
     * @return one outcome per receipt, in the same order
     */
    List<ReceiptOutcome> applyAll(List<Addressed> receipts);

    /** A receipt with the number it came through. */
    record Addressed(BusinessId business, DeviceId device, DeliveryReceipt receipt) {
        public Addressed {
            Objects.requireNonNull(business, "business");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(receipt, "receipt");
        }
    }
}
