package com.sendline.domain.session;

import com.sendline.domain.device.PhoneNumber;

/** What a pairing reports, in order: QR codes, then exactly one of {@link #linked} or {@link #ended}. */
public interface PairingEvents {
    /** A QR payload to show the user; each one replaces the one before. */
    void qrCode(String payload);

    /** A phone scanned the code and the device logged in. @param phoneNumber the phone's number, null if unknown */
    void linked(PhoneNumber phoneNumber);

    /** The pairing ended without a link. @param detail for people, never secret */
    void ended(Outcome outcome, String detail);

    enum Outcome {
        /** Nobody scanned a code in time. */
        EXPIRED,
        /** The connection failed or WhatsApp refused the device. */
        FAILED
    }
}
