package com.sendline.domain.tenancy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** An e-mail address, kept in lower case so that sign-in is case-insensitive. */
public record EmailAddress(String value) {
    // Deliberately plain: one @, a dotted domain, no spaces. Deliverability is proved by sending, not by regex.
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[a-z0-9-]+(?:\\.[a-z0-9-]+)+");

    public EmailAddress {
        Objects.requireNonNull(value, "e-mail address");
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid e-mail address: " + value);
        }
        if (!value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("e-mail address must be lower case: " + value);
        }
    }

    /** Accepts what a person typed: trims and lower-cases it. */
    public static EmailAddress of(String typed) {
        Objects.requireNonNull(typed, "e-mail address");
        return new EmailAddress(typed.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
