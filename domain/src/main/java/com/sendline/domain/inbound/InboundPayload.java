package com.sendline.domain.inbound;

/** What one webhook item says: a receipt for a message we sent, or a message a customer sent. */
public sealed interface InboundPayload permits DeliveryReceipt, IncomingMessage {
    /** Meta's id of the message concerned ({@code wamid.…}). */
    String providerMessageId();

    /**
     * Names this event among everything the platform ever reports for the business: a redelivery of the same event
     * has the same key, a different event never does.
     */
    String idempotencyKey();
}
