package com.sendline.domain.scheduling;

import java.util.Objects;

/**
 * The text of a message. WhatsApp caps a text message at 4,096 characters. {@link #toString()} never shows the
 * text, so a body that slips into a log line or an exception message does not leak what a customer wrote.
 */
public record MessageBody(String text) {
    public static final int MAX_LENGTH = 4_096;

    public MessageBody {
        Objects.requireNonNull(text, "message body");
        if (text.isBlank()) {
            throw new IllegalArgumentException("message body is empty");
        }
        if (text.indexOf('\u0000') >= 0) {
            // Nothing can display it, and PostgreSQL text cannot store it.
            throw new IllegalArgumentException("message body contains a NUL character");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("message body is longer than " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "MessageBody[" + text.codePointCount(0, text.length()) + " chars]";
    }
}
