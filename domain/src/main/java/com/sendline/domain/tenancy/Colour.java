package com.sendline.domain.tenancy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A brand colour as CSS hex, {@code #rrggbb}, lower case. */
public record Colour(String hex) {
    private static final Pattern SHAPE = Pattern.compile("#[0-9a-f]{6}");

    public Colour {
        Objects.requireNonNull(hex, "colour");
        if (!SHAPE.matcher(hex).matches()) {
            throw new IllegalArgumentException("colour must look like #1a2b3c: " + hex);
        }
    }

    public static Colour of(String typed) {
        Objects.requireNonNull(typed, "colour");
        return new Colour(typed.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return hex;
    }
}
