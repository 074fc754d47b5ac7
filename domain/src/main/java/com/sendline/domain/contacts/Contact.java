package com.sendline.domain.contacts;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.EmailAddress;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.SortedSet;

/**
 * Someone a business writes to. A business has at most one contact per phone number, so the number is how an
 * import recognises a contact it already has.
 *
 * @param name  how the business calls the person; null when it does not know
 * @param email null when unknown
 */
public record Contact(ContactId id, BusinessId businessId, PhoneNumber phone, String name, EmailAddress email,
                      SortedSet<String> tags, Instant createdAt, Instant updatedAt) {
    public static final int MAX_NAME_LENGTH = 120;

    public Contact {
        Objects.requireNonNull(id, "contact id");
        Objects.requireNonNull(businessId, "business id");
        Objects.requireNonNull(phone, "phone number");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(updatedAt, "updated at");
        name = name(name);
        tags = ContactTags.of(tags);
        // Millisecond precision, as stored and as carried in a list cursor.
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Contact create(BusinessId business, PhoneNumber phone, String name, EmailAddress email,
                                 SortedSet<String> tags, Instant now) {
        return new Contact(ContactId.random(), business, phone, name, email, tags, now, now);
    }

    /**
     * A blank name is no name; otherwise trimmed and at most {@value #MAX_NAME_LENGTH} characters. Line breaks are
     * kept (a quoted CSV cell may hold one); NUL is refused, no text column can hold it.
     */
    public static String name(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String trimmed = typed.strip();
        if (trimmed.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("name contains a NUL character");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    public Contact changed(PhoneNumber phone, String name, EmailAddress email, SortedSet<String> tags, Instant now) {
        return new Contact(id, businessId, phone, name, email, tags, createdAt, now);
    }
}
