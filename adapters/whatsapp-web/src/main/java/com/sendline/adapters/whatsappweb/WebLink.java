package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.session.SendFailure;

import java.time.Duration;

/** One open connection of a {@link WebClient}. */
public interface WebLink extends AutoCloseable {
    /**
     * Sends a text message and returns WhatsApp's id for it.
     *
     * @throws SendFailure {@code NOT_ON_WHATSAPP} (final), {@code SEND_UNCONFIRMED} (no answer in time: it may have
     *                     gone out, so it is not retried), {@code LOOKUP_TIMEOUT} / {@code SEND_FAILED} (nothing went
     *                     out: retryable), {@code SESSION_CLOSED}
     */
    String sendText(PhoneNumber to, String text, Duration timeout) throws SendFailure;

    boolean isOpen();

    /** Disconnects, and stops the library from reconnecting by itself; tells the listener nothing. Idempotent. */
    @Override
    void close();
}
