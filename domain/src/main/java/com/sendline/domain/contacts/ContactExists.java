package com.sendline.domain.contacts;

/** The business already has a contact with this phone number. */
public final class ContactExists extends RuntimeException {
    private final ContactId existing;

    public ContactExists(ContactId existing, String message) {
        super(message, null, false, false);
        this.existing = existing;
    }

    public ContactId existing() {
        return existing;
    }
}
