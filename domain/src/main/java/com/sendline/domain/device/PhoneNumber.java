package com.sendline.domain.device;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form: {@code +} then country code and subscriber number, 8 to 15 digits in all. */
public record PhoneNumber(String e164) {
    private static final Pattern SHAPE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public PhoneNumber {
        Objects.requireNonNull(e164, "phone number");
        if (!SHAPE.matcher(e164).matches()) {
            throw new IllegalArgumentException("phone number must be in E.164 form, e.g. +4915123456789: " + e164);
        }
    }

    @Override
    public String toString() {
        return e164;
    }
}
