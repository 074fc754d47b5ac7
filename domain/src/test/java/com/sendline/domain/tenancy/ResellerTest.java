package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResellerTest {
    private static final Branding BRANDING =
            new Branding("Acme Messaging", null, new Colour("#008080"), new EmailAddress("help@acme.com"));

    @Test
    void the_reseller_name_is_kept_without_surrounding_whitespace() {
        Reseller reseller = new Reseller(ResellerId.random(), "  Acme GmbH ", new Slug("acme"), Set.of(), BRANDING);

        assertThat(reseller.name()).isEqualTo("Acme GmbH");
    }

    @Test
    void a_blank_or_over_long_reseller_name_is_refused() {
        assertThatThrownBy(() -> new Reseller(ResellerId.random(), " ", new Slug("acme"), Set.of(), BRANDING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reseller name is required");
        assertThatThrownBy(() -> new Reseller(ResellerId.random(), "r".repeat(121), new Slug("acme"), Set.of(), BRANDING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reseller name must be at most 120 characters");
    }

    @Test
    void later_changes_to_the_set_it_was_built_from_do_not_change_its_domains() {
        Set<HostName> domains = new HashSet<>(Set.of(new HostName("portal.acme.com")));
        Reseller reseller = new Reseller(ResellerId.random(), "Acme", new Slug("acme"), domains, BRANDING);

        domains.add(new HostName("evil.example.com"));

        assertThat(reseller.domains()).containsExactly(new HostName("portal.acme.com"));
        assertThatThrownBy(() -> reseller.domains().add(new HostName("evil.example.com")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void new_branding_keeps_everything_else() {
        Reseller reseller = new Reseller(ResellerId.random(), "Acme", new Slug("acme"),
                Set.of(new HostName("portal.acme.com")), BRANDING);
        Branding rebranded = new Branding("Acme Chat", URI.create("https://cdn.acme.com/logo.png"),
                new Colour("#ff6600"), new EmailAddress("support@acme.com"));

        Reseller after = reseller.withBranding(rebranded);

        assertThat(after.branding()).isEqualTo(rebranded);
        assertThat(after.id()).isEqualTo(reseller.id());
        assertThat(after.name()).isEqualTo(reseller.name());
        assertThat(after.slug()).isEqualTo(reseller.slug());
        assertThat(after.domains()).isEqualTo(reseller.domains());
    }
}
