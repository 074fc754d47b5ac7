package com.sendline.domain.session;

/** What a session reports on its own, outside any call. */
public interface SessionEvents {
    /** The session ended without being asked to; {@code reason} says how. */
    void disconnected(Disconnect reason);

    enum Disconnect {
        /** The network dropped; connecting again is fine. */
        CONNECTION_LOST,
        /** WhatsApp's "restart required" (515): back off, and park after several in a row. */
        STREAM_ERROR_515,
        /** The user unlinked the device: it needs a new QR pairing. */
        LOGGED_OUT,
        BANNED
    }
}
