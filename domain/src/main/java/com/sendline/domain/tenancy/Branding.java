package com.sendline.domain.tenancy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a reseller's portal and its customers' dashboards look: the name they show, their logo, colour and the
 * address customers write to for help. Sendline's own name never appears where a reseller's branding applies.
 *
 * @param logoUrl an absolute http(s) URL, or null for a text-only header
 */
public record Branding(String displayName, URI logoUrl, Colour primaryColour, EmailAddress supportEmail) {
    public Branding {
        Objects.requireNonNull(displayName, "display name");
        Objects.requireNonNull(primaryColour, "primary colour");
        Objects.requireNonNull(supportEmail, "support e-mail");
        displayName = displayName.strip();
        if (displayName.isEmpty() || displayName.length() > 80) {
            throw new IllegalArgumentException("display name must be 1-80 characters");
        }
        if (logoUrl != null) {
            String scheme = logoUrl.getScheme();
            if (!logoUrl.isAbsolute() || logoUrl.getHost() == null
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("logo URL must be an absolute http(s) URL: " + logoUrl);
            }
        }
    }

    public Optional<URI> logo() {
        return Optional.ofNullable(logoUrl);
    }
}
