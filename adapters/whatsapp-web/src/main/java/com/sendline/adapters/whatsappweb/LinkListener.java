package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.session.SessionEvents;

/** What a {@link WebLink} reports, on the library's threads (never inside a call into the link). */
public interface LinkListener {
    /** A QR payload to show (pairing only). */
    default void qrCode(String payload) {
    }

    /** A phone scanned the QR code; logging in follows (pairing only). */
    default void scanned() {
    }

    /** Logged in (pairing: for the first time). @param self the linked phone's number, null when unknown */
    default void loggedIn(PhoneNumber self) {
    }

    /** The connection ended without being asked to; called at most once per link. */
    void disconnected(SessionEvents.Disconnect reason, String detail);
}
