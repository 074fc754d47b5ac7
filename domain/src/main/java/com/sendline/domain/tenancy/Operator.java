package com.sendline.domain.tenancy;

import java.util.Objects;

/** The company running this Sendline installation; there is exactly one per deployment. */
public record Operator(String platformName, EmailAddress contactEmail) {
    public Operator {
        Objects.requireNonNull(contactEmail, "contact e-mail");
        platformName = Names.required(platformName, "platform name");
    }
}
