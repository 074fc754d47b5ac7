package com.sendline.domain.inbound;

import com.sendline.domain.device.PhoneNumber;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message a customer sent to a business's number.
 *
 * @param type        WhatsApp's kind of message: text, image, audio, ... (only text is read for now)
 * @param text        what they wrote, for a text message; null otherwise
 * @param profileName the name on the customer's WhatsApp profile, if WhatsApp sent it
 */
public record IncomingMessage(String providerMessageId, PhoneNumber from, Instant at, String type, String text,
                              String profileName) implements InboundPayload {
    /** Compiled once: every customer's message passes here. */
    private static final Pattern TYPE = Pattern.compile("[a-z_]{1,40}");

    public IncomingMessage {
        providerMessageId = requireProviderId(providerMessageId);
        Objects.requireNonNull(from, "sender");
        Objects.requireNonNull(at, "instant");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("message type must be a short lower-case word: " + type);
        }
        if (text != null && text.length() > 65_536) {
            throw new IllegalArgumentException("message text is longer than 65,536 characters");
        }
        if (profileName != null && profileName.length() > 256) {
            profileName = profileName.substring(0, 256);
        }
    }

    @Override
    public String idempotencyKey() {
        return "message:" + providerMessageId;
    }

    static String requireProviderId(String id) {
        if (id == null || id.isBlank() || id.length() > 256) {
            throw new IllegalArgumentException("provider message id must be 1 to 256 characters");
        }
        return id;
    }

    @Override
    public String toString() {
        return "IncomingMessage[" + providerMessageId + " from " + from + ", " + type + "]";
    }
}
