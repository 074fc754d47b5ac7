package com.sendline.domain.tenancy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DNS host name a reseller serves its portal on (its custom domain). Always lower case, never with a port,
 * so that {@code Portal.Acme.com:443} and {@code portal.acme.com} pick the same reseller.
 */
public record HostName(String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public HostName {
        Objects.requireNonNull(value, "host name");
        if (value.isEmpty() || value.length() > 253) {
            throw new IllegalArgumentException("host name must be 1-253 characters: " + value);
        }
        if (!value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("host name must be lower case: " + value);
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("not a valid host name: " + value);
            }
        }
    }

    /** Reads an HTTP {@code Host} header: lower-cases it and drops a port. */
    public static HostName fromHostHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("host header is empty");
        }
        String host = header.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return new HostName(host);
    }

    @Override
    public String toString() {
        return value;
    }
}
