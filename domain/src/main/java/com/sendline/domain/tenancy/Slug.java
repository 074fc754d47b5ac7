package com.sendline.domain.tenancy;

import java.util.Objects;
import java.util.regex.Pattern;

/** A short, URL-safe, lower-case name for a reseller (e.g. {@code acme-messaging}). */
public record Slug(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public Slug {
        Objects.requireNonNull(value, "slug");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "slug must be 1-63 lower-case letters, digits or inner hyphens: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
