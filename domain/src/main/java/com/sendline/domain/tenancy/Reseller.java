package com.sendline.domain.tenancy;

import java.util.Objects;
import java.util.Set;

/**
 * A white-label partner. Its custom domains pick it (and its branding) from the Host of a request, so a domain
 * belongs to at most one reseller; the store enforces that across resellers.
 */
public record Reseller(ResellerId id, String name, Slug slug, Set<HostName> domains, Branding branding) {
    public Reseller {
        Objects.requireNonNull(id, "reseller id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(branding, "branding");
        name = Names.required(name, "reseller name");
        domains = Set.copyOf(Objects.requireNonNull(domains, "domains"));
    }

    public Reseller withBranding(Branding newBranding) {
        return new Reseller(id, name, slug, domains, newBranding);
    }
}
