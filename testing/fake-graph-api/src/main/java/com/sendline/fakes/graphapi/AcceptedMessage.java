package com.sendline.fakes.graphapi;

import java.time.Instant;

/**
 * A message the fake took, as Meta would have queued it for delivery.
 *
 * @param to           the {@code to} field exactly as sent
 * @param type         {@code text} or {@code template}
 * @param text         the text body; null for a template
 * @param templateName the template's name; null for a text
 * @param requestBody  the request's JSON as received, for tests that check fields this record does not lift out
 */
public record AcceptedMessage(String phoneNumberId, String to, String type, String text, String templateName,
                              String wamid, Instant receivedAt, String requestBody) {

    /** Leaves the text out: a test log showing every record should not show every message. */
    @Override
    public String toString() {
        return "AcceptedMessage[" + phoneNumberId + " -> " + to + " " + type
                + (templateName == null ? "" : " " + templateName) + " " + wamid + " at " + receivedAt + "]";
    }
}
