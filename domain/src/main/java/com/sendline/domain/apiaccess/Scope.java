package com.sendline.domain.apiaccess;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do, by resource and verb; a token carries the scopes of the key it was issued for. */
public enum Scope {
    MESSAGES_READ,
    MESSAGES_WRITE,
    DEVICES_READ,
    DEVICES_WRITE,
    SCHEDULES_READ,
    SCHEDULES_WRITE,
    CONTACTS_READ,
    CONTACTS_WRITE,
    WEBHOOKS_READ,
    WEBHOOKS_WRITE,
    /** See the owner's API keys (never their secrets). */
    KEYS_READ,
    /** Make and revoke the owner's API keys — a new key never gets a scope the calling key lacks. */
    KEYS_WRITE;

    /** The name partners see: {@code messages:write}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ':');
    }

    public static Optional<Scope> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }
}
