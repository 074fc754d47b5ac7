package com.sendline.domain.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a partner can subscribe to; the label is the wire name ({@code message.sent}). */
public enum WebhookEvent {
    MESSAGE_SENT("message.sent"),
    MESSAGE_DELIVERED("message.delivered"),
    MESSAGE_READ("message.read"),
    MESSAGE_FAILED("message.failed"),
    MESSAGE_RECEIVED("message.received"),
    DEVICE_STATE_CHANGED("device.state_changed");

    private final String label;

    WebhookEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<WebhookEvent> fromLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }
}
